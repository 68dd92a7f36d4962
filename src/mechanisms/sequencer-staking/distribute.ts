import type { Address } from '../../kernel/index.js';
import { distKey } from './notify.js';
import { DISTRIBUTE_ADDRESS } from './params.js';
import { pairKey, type Seq } from './state.js';

/**
 * Distribute internals (spec 8.10): per-(delegatee, epoch) reward pools, the epoch walk of claims
 * (the semantics; no accumulator) and payment from the `distribute` escrow.
 */

/**
 * updateEpochReward (internal, from a reward-epoch upload). Returns what it credited: the
 * delegator rewards left standing (a sequencer listed twice keeps its last) plus every commission.
 */
export function updateEpochReward(seq: Seq, e: number, sequencers: readonly Address[], delegatorRewards: readonly bigint[], commissionAmounts: readonly bigint[]): bigint {
  const st = seq.state;
  st.mintedEpochCount.set(st.mintedEpochCount.get() + 1);
  let credited = 0n;
  sequencers.forEach((s, j) => {
    const g = distKey(s, e);
    const r = delegatorRewards[j]!;
    credited += r - (st.distDelegatorReward.get(g) ?? 0n) + commissionAmounts[j]!;
    if (r === 0n) st.distDelegatorReward.delete(g);
    else st.distDelegatorReward.set(g, r);
    if ((st.distDelegationAmount.get(g) ?? 0n) === 0n && e > 0) {
      const prev = st.distDelegationAmount.get(distKey(s, e - 1)) ?? 0n;
      if (prev > 0n) st.distDelegationAmount.set(g, prev);
    }
    const c = (st.distCommissions.get(s) ?? 0n) + commissionAmounts[j]!;
    if (c === 0n) st.distCommissions.delete(s);
    else st.distCommissions.set(s, c);
  });
  return credited;
}

export interface RangeResult {
  readonly reward: bigint;
  readonly dAmt: bigint;
  /** The walk stopped at unclaimedEnd (an undelegated delegatee, fully claimed). */
  readonly stopped: boolean;
}

/** Reward over unclaimedStart … end: a sum of per-epoch floors; a term with tAmt = 0 counts 0 (spec 13). */
export function rewardRange(seq: Seq, delegatee: Address, delegator: Address, end: number): RangeResult {
  const st = seq.state;
  const k = pairKey(delegator, delegatee);
  const start = st.unclaimedStart.get(k) ?? 0;
  const undelegated = st.unclaimedUndelegated.has(k);
  const uEnd = st.unclaimedEnd.get(k) ?? 0;
  let dAmt = 0n;
  let tAmt = 0n;
  let reward = 0n;
  for (let i = start; i <= end; i++) {
    const g = distKey(delegatee, i);
    const a = st.distAmounts.get(`${g}|${delegator}`) ?? 0n;
    if (a > 0n) dAmt = a;
    const t = st.distDelegationAmount.get(g) ?? 0n;
    if (t > 0n) tAmt = t;
    if (tAmt > 0n) reward += ((st.distDelegatorReward.get(g) ?? 0n) * dAmt) / tAmt;
    if (undelegated && uEnd === i) return { reward, dAmt, stopped: true };
  }
  return { reward, dAmt, stopped: false };
}

/** Pays MORPH out of the `distribute` escrow (nothing for 0). */
export function pay(seq: Seq, to: Address, amount: bigint): void {
  if (amount === 0n) return;
  const { ctx, state: st } = seq;
  ctx.ledger.escrowOut('MORPH', ctx.name, to, amount);
  st.escrowDistribute.set(st.escrowDistribute.get() - amount);
  const m = st.economyMorph.get();
  st.economyMorph.set({ ...m, paidOut: m.paidOut + amount });
  ctx.emit('Transfer', { from: DISTRIBUTE_ADDRESS, to, value: amount });
}
