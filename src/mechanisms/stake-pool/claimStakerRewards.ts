import { action, address, argsOf } from '../../kernel/index.js';
import { pidArg } from './schemas.js';
import { requirePool } from './guards.js';
import { payReward } from './payReward.js';
import { settleReward } from './settleReward.js';
import type { Sp } from './state.js';

const args = argsOf({ pid: pidArg, target: address.optional() });

/** §7.18. */
export function claimStakerRewards(sp: Sp) {
  return action({
    summary: 'claim the delegator rewards only',
    args,
    run(sender, { pid, target }) {
      const { state, ctx } = sp;
      const pool = requirePool(sp, pid);
      const u = state.staker(pid, sender);
      if (!u) sp.ctx.fail('NO_REWARD_TO_CLAIM', `${sender} has no stake in pool ${pid}`, { pid });
      const s = settleReward(u, pool.rewardAcc);
      state.setStaker(pid, { ...s, availableRewards: 0n });
      payReward(sp, pid, target ?? sender, s.availableRewards);
      ctx.emit('StakerRewardsWithdrawn', { pid, user: sender, amount: s.availableRewards });
      return { amount: s.availableRewards };
    },
  });
}
