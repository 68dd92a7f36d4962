import { action, argsOf, smallUint } from '../../kernel/index.js';
import { onlyOwner } from './auth.js';
import { REWARD_EPOCH } from './params.js';
import type { Seq } from './state.js';

/** Spec 8.5 updateRewardStartTime (before the start only): resets epoch block counts and schedules. */
export function updateRewardStartTime(seq: Seq) {
  return action({
    summary: 'owner: move the reward start time (a future multiple of 86400)',
    args: argsOf({ rewardStartTime: smallUint(53) }),
    run(sender, { rewardStartTime: t }) {
      const { ctx, state: st } = seq;
      onlyOwner(seq, sender);
      if (st.rewardStarted.get()) ctx.fail('REWARD_ALREADY_STARTED', 'reward already started');
      const old = st.u.rewardStartTime;
      if (t <= ctx.clock.time || t % REWARD_EPOCH !== 0 || t === old) ctx.fail('INVALID_REWARD_START_TIME', 'invalid reward start time', { rewardStartTime: t });
      st.updatable.set({ ...st.u, rewardStartTime: t });
      for (const e of [...st.epochBlocks.keys()]) st.epochBlocks.delete(e);
      for (const a of [...st.commissionSchedule.keys()]) st.commissionSchedule.set(a, [{ rate: st.commissions.get(a) ?? 0, fromEpoch: 0 }]);
      ctx.emit('RewardStartTimeUpdated', { oldTime: old, newTime: t });
    },
  });
}
