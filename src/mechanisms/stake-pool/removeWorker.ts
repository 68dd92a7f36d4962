import { action, argsOf } from '../../kernel/index.js';
import { requireOwnedPool, setPool } from './guards.js';
import { minerAccount } from './minerAccount.js';
import { workerArg, pidArg } from './schemas.js';
import { isMining, type Sp } from './state.js';
import { stopMiner } from './stopMiner.js';

const args = argsOf({ pid: pidArg, worker: workerArg });

/** §7.4: unbinds (stopping it if mining); the mining record stays so its stake can be reclaimed. */
export function removeWorker(sp: Sp) {
  return action({
    summary: 'remove a worker from the pool (stops it if computing; reclaim later)',
    args,
    run(sender, { pid, worker }) {
      const { state, ctx } = sp;
      requireOwnedPool(sp, pid, sender);
      const assigned = state.assignments.get(worker);
      if (assigned === undefined) sp.ctx.fail('WORKER_DOES_NOT_EXIST', `worker ${worker} is in no pool`, { worker });
      if (assigned !== pid) sp.ctx.fail('WORKER_IN_ANOTHER_POOL', `worker ${worker} is in pool ${assigned}`, { worker, pid: assigned });
      const miner = minerAccount(pid, worker);
      if (isMining(state.miners.get(miner)!.state)) stopMiner(sp, miner);
      state.unbind(worker, miner);
      state.assignments.delete(worker);
      setPool(sp, pid, { workers: state.pools.get(pid)!.workers.filter((w) => w !== worker) });
      ctx.emit('MinerUnbound', { miner, worker });
      ctx.emit('PoolWorkerRemoved', { pid, worker });
    },
  });
}
