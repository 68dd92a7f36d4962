import { address, argsOf, noArgs, smallUint, type ActionSpec, type Address } from '../../kernel/index.js';
import { onlyOwner } from './auth.js';
import { distKey } from './notify.js';
import { DISTRIBUTE_ADDRESS } from './params.js';
import { pairKey, type Seq } from './state.js';

/**
 * Spec 8.10 Distribute: per-(delegatee, epoch) reward pools, the epoch walk of claims (the
 * semantics; no accumulator), claimAll over a snapshot, commissions, pruning.
 */

/** updateEpochReward (internal, from a reward-epoch upload). */
export function updateEpochReward(seq: Seq, e: number, sequencers: readonly Address[], delegatorRewards: readonly bigint[], commissionAmounts: readonly bigint[]): void {
  const st = seq.state;
  st.mintedEpochCount.set(st.mintedEpochCount.get() + 1);
  sequencers.forEach((s, j) => {
    const g = distKey(s, e);
    const r = delegatorRewards[j]!;
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

function claimEnd(seq: Seq, target: number): number {
  const minted = seq.state.mintedEpochCount.get();
  if (minted === 0) seq.ctx.fail('NOT_MINTED_YET', 'not minted yet');
  return target === 0 || target > minted - 1 ? minted - 1 : target;
}

/** The single claim of spec 8.10, without the payment. */
function claimOne(seq: Seq, delegatee: Address, delegator: Address, end: number): bigint {
  const { ctx, state: st } = seq;
  if (!st.unclaimedDelegatees.has(delegator, delegatee)) ctx.fail('NO_REMAINING_REWARD', 'no remaining reward', { delegatee, delegator });
  const k = pairKey(delegator, delegatee);
  if ((st.unclaimedStart.get(k) ?? 0) > end) ctx.fail('ALL_REWARD_CLAIMED', 'all reward claimed', { delegatee, delegator });
  const { reward, dAmt, stopped } = rewardRange(seq, delegatee, delegator, end);
  if (stopped) {
    st.unclaimedDelegatees.remove(delegator, delegatee);
    st.unclaimedUndelegated.delete(k);
    st.unclaimedEnd.delete(k);
  }
  st.unclaimedStart.set(k, end + 1); // also after a removal: the release's stray value
  const nextKey = `${distKey(delegatee, end + 1)}|${delegator}`;
  if ((st.distAmounts.get(nextKey) ?? 0n) === 0n && dAmt > 0n) st.distAmounts.set(nextKey, dAmt);
  ctx.emit('RewardClaimed', { delegator, delegatee, upToEpoch: end, amount: reward });
  return reward;
}

function pay(seq: Seq, to: Address, amount: bigint): void {
  if (amount === 0n) return;
  const { ctx, state: st } = seq;
  ctx.ledger.escrowOut('MORPH', ctx.name, to, amount);
  st.escrowDistribute.set(st.escrowDistribute.get() - amount);
  ctx.emit('Transfer', { from: DISTRIBUTE_ADDRESS, to, value: amount });
}

export function claimReward(seq: Seq): ActionSpec<{ delegatee: Address; targetEpochIndex: number }> {
  return {
    summary: 'claim delegation rewards up to an epoch (delegatee zero: all delegatees)',
    args: argsOf({ delegatee: address, targetEpochIndex: smallUint(53) }),
    run(sender, { delegatee, targetEpochIndex }) {
      const end = claimEnd(seq, targetEpochIndex);
      if (delegatee !== '0x0000000000000000000000000000000000000000') {
        pay(seq, sender, claimOne(seq, delegatee, sender, end));
        return;
      }
      // claimAll over a snapshot (the release's skip is not ported, spec 13).
      const st = seq.state;
      let total = 0n;
      for (const d of st.unclaimedDelegatees.values(sender)) {
        if ((st.unclaimedStart.get(pairKey(sender, d)) ?? 0) <= end) total += claimOne(seq, d, sender, end);
      }
      pay(seq, sender, total);
    },
  };
}

export function claimCommission(seq: Seq): ActionSpec<Record<string, never>> {
  return {
    summary: "pay the caller's commission balance",
    args: noArgs,
    run(sender) {
      const { ctx, state: st } = seq;
      const amount = st.distCommissions.get(sender) ?? 0n;
      if (amount === 0n) ctx.fail('NO_COMMISSION_TO_CLAIM', 'no commission to claim');
      st.distCommissions.delete(sender);
      pay(seq, sender, amount);
      ctx.emit('CommissionClaimed', { delegatee: sender, amount });
    },
  };
}

export function cleanDistributions(seq: Seq): ActionSpec<{ delegatee: Address; targetEpochIndex: number }> {
  return {
    summary: "owner: delete a delegatee's distributions from the oldest through a target epoch",
    args: argsOf({ delegatee: address, targetEpochIndex: smallUint(53) }),
    run(sender, { delegatee, targetEpochIndex }) {
      onlyOwner(seq, sender);
      const st = seq.state;
      const oldest = st.oldestDistribution.get(delegatee) ?? 0;
      const inRange = (key: string): boolean => {
        if (!key.startsWith(`${delegatee}|`)) return false;
        const e = Number(key.slice(43).split('|')[0]);
        return e >= oldest && e <= targetEpochIndex;
      };
      for (const k of [...st.distAmounts.keys()].filter(inRange)) st.distAmounts.delete(k);
      for (const k of [...st.distDelegatorReward.keys()].filter(inRange)) st.distDelegatorReward.delete(k);
      for (const k of [...st.distDelegationAmount.keys()].filter(inRange)) st.distDelegationAmount.delete(k);
      for (const g of st.distDelegators.groups().filter(inRange)) for (const d of st.distDelegators.values(g)) st.distDelegators.remove(g, d);
      const next = Math.max(oldest, targetEpochIndex + 1);
      if (next === 0) st.oldestDistribution.delete(delegatee);
      else st.oldestDistribution.set(delegatee, next);
    },
  };
}
