import { action, argsOf } from '../../kernel/index.js';
import { requirePool } from './guards.js';
import { reclaim } from './reclaim.js';
import { workerArg, pidArg } from './schemas.js';
import type { Sp } from './state.js';

const args = argsOf({ pid: pidArg, worker: workerArg });

/** §7.15: permissionless once the cooldown has passed (≥). */
export function reclaimWorker(sp: Sp) {
  return action({
    summary: 'return a cooled-down worker stake to the pool (anyone)',
    args,
    run(_sender, { pid, worker }) {
      requirePool(sp, pid);
      reclaim(sp, pid, worker, true);
    },
  });
}
