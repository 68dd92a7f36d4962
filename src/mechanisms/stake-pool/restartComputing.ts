import { action, argsOf, uint } from '../../kernel/index.js';
import { requirePool } from './guards.js';
import { reclaim } from './reclaim.js';
import { workerArg, pidArg } from './schemas.js';
import { startMining } from './startMining.js';
import type { Sp } from './state.js';
import { stopChecked } from './stopComputing.js';

const args = argsOf({ pid: pidArg, worker: workerArg, stake: uint(128) });

/** §7.14: stop, reclaim without cooldown (paying the queue first), start again with more stake. Atomic. */
export function restartComputing(sp: Sp) {
  return action({
    summary: 'restart a computing worker with a larger stake, skipping the cooldown',
    args,
    run(sender, { pid, worker, stake }) {
      const pool = requirePool(sp, pid);
      if (pool.freeStake <= 0n) sp.ctx.fail('INSUFFICIENT_FREE_STAKE', `pool ${pid} has no free stake`, { freeStake: pool.freeStake });
      stopChecked(sp, sender, pid, worker);
      const { orig, slashed } = reclaim(sp, pid, worker, false);
      const returned = orig - slashed;
      if (stake <= returned) sp.ctx.fail('CANNOT_RESTART_WITH_LESS_STAKE', `new stake ${stake} must exceed the returned ${returned}`, { stake, returned });
      startMining(sp, sender, pid, worker, stake);
    },
  });
}
