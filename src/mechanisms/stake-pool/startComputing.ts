import { action, argsOf, uint } from '../../kernel/index.js';
import { workerArg, pidArg } from './schemas.js';
import { startMining } from './startMining.js';
import type { Sp } from './state.js';

const args = argsOf({ pid: pidArg, worker: workerArg, stake: uint(128) });

/** §7.12. */
export function startComputing(sp: Sp) {
  return action({
    summary: 'start a worker of the pool computing with `stake` taken from free stake',
    args,
    run(sender, { pid, worker, stake }) {
      startMining(sp, sender, pid, worker, stake);
    },
  });
}
