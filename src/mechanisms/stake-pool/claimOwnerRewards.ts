import { action, address, argsOf } from '../../kernel/index.js';
import { pidArg } from './schemas.js';
import { requireOwnedPool, setPool } from './guards.js';
import { payReward } from './payReward.js';
import type { Sp } from './state.js';

const args = argsOf({ pid: pidArg, target: address.optional() });

/** §7.17. */
export function claimOwnerRewards(sp: Sp) {
  return action({
    summary: 'claim the owner commission only',
    args,
    run(sender, { pid, target }) {
      const pool = requireOwnedPool(sp, pid, sender);
      const total = pool.ownerReward;
      setPool(sp, pid, { ownerReward: 0n });
      payReward(sp, pid, target ?? sender, total);
      sp.ctx.emit('OwnerRewardsWithdrawn', { pid, user: sender, amount: total });
      return { amount: total };
    },
  });
}
