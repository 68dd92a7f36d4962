import { action, noArgs } from '../../kernel/index.js';
import type { Sp } from './state.js';

/** §7.2: pids are a global counter; the creator owns the pool for good. */
export function create(sp: Sp) {
  return action({
    summary: 'create a stake pool; the caller becomes its owner',
    args: noArgs,
    run(sender) {
      const { state, ctx } = sp;
      const pid = state.poolCount.get();
      state.poolCount.set(pid + 1);
      state.pools.set(pid, {
        pid,
        owner: sender,
        commission: null,
        ownerReward: 0n,
        cap: null,
        rewardAcc: 0n,
        totalShares: 0n,
        totalStake: 0n,
        freeStake: 0n,
        releasingStake: 0n,
        workers: [],
        withdrawQueue: [],
      });
      ctx.emit('PoolCreated', { owner: sender, pid });
      return { pid };
    },
  });
}
