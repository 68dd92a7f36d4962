import { div, fromFixed, min, mul, toFixed, ONE } from './fixed.js';
import type { MinerRecord, Sp } from './state.js';

/**
 * §6.11: what a stopped worker gives back. Without slashing, everything; with it, min(V/Ve, 1)
 * of it, truncated (favours the treasury: up to a pico short, as in the reference).
 */
export function finalStake(sp: Sp, r: MinerRecord, orig: bigint): { returned: bigint; slashed: bigint } {
  if (!sp.params.slashEnabled) return { returned: orig, slashed: 0n };
  const rate = r.ve === 0n ? ONE : min(div(r.v, r.ve), ONE);
  const returned = fromFixed(mul(rate, toFixed(orig)));
  return { returned, slashed: orig - returned };
}
