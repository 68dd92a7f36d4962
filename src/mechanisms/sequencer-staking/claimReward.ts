import { action, address, argsOf, smallUint, type Address } from '../../kernel/index.js';
import { pay, rewardRange } from './distribute.js';
import { distKey } from './notify.js';
import { pairKey, type Seq } from './state.js';

/** The last epoch a claim reaches: the target, clamped to the last minted epoch (0: the last one). */
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

/** Spec 8.10 claim: one delegatee, or (delegatee zero) claimAll over a snapshot of the unclaimed delegatees, paid at once. */
export function claimReward(seq: Seq) {
  return action({
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
  });
}
