import { ZERO_ADDRESS } from '../../kernel/index.js';
import { sendRemoveStakers } from './bridge.js';
import type { Seq } from './state.js';
import { stakersOfBitmap } from './stakersOfBitmap.js';

/** Spec 8.2 slash(bitmap): every named staker loses its whole stake at most once. Returns the challenger's reward. */
export function slash(seq: Seq, bitmap: bigint): bigint {
  const { ctx, state: st } = seq;
  const list = stakersOfBitmap(seq, bitmap).filter((a) => a !== ZERO_ADDRESS);
  let valueSum = 0n;
  const H = ctx.clock.height;
  for (const s of list) {
    if ((st.withdrawals.get(s) ?? 0) > 0) {
      st.withdrawals.delete(s);
      valueSum += st.stakedAmount.get(s) ?? 0n;
      st.stakedAmount.delete(s);
    } else if (!st.inDeleteList(s)) {
      valueSum += st.stakedAmount.get(s) ?? 0n;
      st.stakedAmount.delete(s);
      const h = H + seq.params.withdrawalLockBlocks;
      st.deleteList.push(s);
      st.deleteableHeight.set(s, h);
      st.whitelist.delete(s);
      st.removedList.set(s, true);
    }
  }
  const reward = (valueSum * st.u.rewardPercentage) / 100n;
  st.slashRemaining.set(st.slashRemaining.get() + valueSum - reward);
  st.escrowL1Staking.set(st.escrowL1Staking.get() - reward);
  st.escrowRollup.set(st.escrowRollup.get() + reward);
  if (valueSum > 0n) {
    const e = st.economyEth.get();
    st.economyEth.set({ ...e, slashed: e.slashed + valueSum, slashedToChallengers: e.slashedToChallengers + reward });
  }
  ctx.emit('Slashed', { stakers: list });
  ctx.emit('StakersRemoved', { stakers: list });
  sendRemoveStakers(seq, list);
  return reward;
}
