import { action, argsOf } from '../../kernel/index.js';
import { pidArg } from './schemas.js';
import { forceStopAll } from './forceStopAll.js';
import { requirePool } from './guards.js';
import { hasExpiredWithdrawal } from './hasExpiredWithdrawal.js';
import { processQueue } from './processQueue.js';
import { now, type Sp } from './state.js';

const args = argsOf({ pid: pidArg });

/** §7.19 (D3): the block hook's rule, callable by anyone. */
export function checkAndMaybeForceWithdraw(sp: Sp) {
  return action({
    summary: 'pay the queue from free stake, then force-stop the pool if a request waited past the grace period',
    args,
    run(_sender, { pid }) {
      requirePool(sp, pid);
      processQueue(sp, pid);
      if (hasExpiredWithdrawal(sp.state.pools.get(pid)!, now(sp), sp.params.gracePeriod)) forceStopAll(sp, pid);
    },
  });
}
