import type { Address } from '../../kernel/index.js';
import type { Seq } from './state.js';

/** Adds to an account's challenge/prover reward balance (batchChallengeReward; a zero balance is absent). */
export function credit(seq: Seq, who: Address, amount: bigint): void {
  const m = seq.state.batchChallengeReward;
  const v = (m.get(who) ?? 0n) + amount;
  if (v === 0n) m.delete(who);
  else m.set(who, v);
}
