import type { Address } from '../../kernel/index.js';
import { SLOT_COUNT } from './params.js';
import type { Seq } from './state.js';

/** The stakers a bitmap names (8.2 step 1), zero addresses kept. */
export function stakersOfBitmap(seq: Seq, bitmap: bigint): Address[] {
  let count = 0;
  for (let x = bitmap >> 1n; x > 0n; x >>= 1n) if (x & 1n) count++;
  const out: Address[] = [];
  for (let i = 1; i <= SLOT_COUNT && out.length < count; i++) if ((bitmap >> BigInt(i)) & 1n) out.push(seq.state.stakerSet.at(i - 1)!);
  return out;
}
