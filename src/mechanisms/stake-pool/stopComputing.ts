import { action, argsOf, type Address, type Hex } from '../../kernel/index.js';
import { requireOwnedPool } from './guards.js';
import { minerAccount } from './minerAccount.js';
import { workerArg, pidArg } from './schemas.js';
import type { Sp } from './state.js';
import { stopMiner } from './stopMiner.js';

const args = argsOf({ pid: pidArg, worker: workerArg });

/** §7.13 checks, shared with restartComputing. */
export function stopChecked(sp: Sp, sender: Address, pid: number, worker: Hex): void {
  if (!sp.params.miningEnabled) sp.ctx.fail('FEATURE_NOT_ENABLED', 'mining is disabled', {});
  const pool = requireOwnedPool(sp, pid, sender);
  if (!pool.workers.includes(worker)) sp.ctx.fail('WORKER_DOES_NOT_EXIST', `worker ${worker} is not in pool ${pid}`, { pid, worker });
  stopMiner(sp, minerAccount(pid, worker));
}

export function stopComputing(sp: Sp) {
  return action({
    summary: 'stop a computing worker; its stake cools down before it can be reclaimed',
    args,
    run(sender, { pid, worker }) {
      stopChecked(sp, sender, pid, worker);
    },
  });
}
