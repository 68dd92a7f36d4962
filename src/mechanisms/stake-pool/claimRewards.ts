import { action, address, argsOf } from '../../kernel/index.js';
import { pidArg } from './schemas.js';
import { requirePool, setPool } from './guards.js';
import { payReward } from './payReward.js';
import { settleReward } from './settleReward.js';
import type { Sp } from './state.js';

const args = argsOf({ pid: pidArg, target: address.optional() });

/** §7.16: the owner's commission (if the caller owns the pool) plus the caller's own rewards. O(1). */
export function claimRewards(sp: Sp) {
  return action({
    summary: 'claim commission (owner) and delegator rewards to target (default: caller)',
    args,
    run(sender, { pid, target }) {
      const { state, ctx } = sp;
      const pool = requirePool(sp, pid);
      let total = 0n;
      if (pool.owner === sender) {
        total += pool.ownerReward;
        setPool(sp, pid, { ownerReward: 0n });
      }
      const u = state.staker(pid, sender);
      if (u) {
        const s = settleReward(u, pool.rewardAcc);
        total += s.availableRewards;
        state.setStaker(pid, { ...s, availableRewards: 0n });
      }
      payReward(sp, pid, target ?? sender, total);
      ctx.emit('RewardsWithdrawn', { pid, user: sender, amount: total });
      return { amount: total };
    },
  });
}
