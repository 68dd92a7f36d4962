import { action, argsOf } from '../../kernel/index.js';
import { requirePool, requireOwner, setPool } from './guards.js';
import { minerAccount } from './minerAccount.js';
import { workerArg, pidArg } from './schemas.js';
import { now, type Sp } from './state.js';

const args = argsOf({ pid: pidArg, worker: workerArg });

/** §7.3 (D1): only the operator, owning the pool, binds; every record of the worker must be Ready. */
export function addWorker(sp: Sp) {
  return action({
    summary: 'bind a registered worker to a pool (its operator, who must own the pool)',
    args,
    run(sender, { pid, worker }) {
      const { state, ctx, params } = sp;
      const info = state.workers.get(worker);
      if (!info) sp.ctx.fail('WORKER_NOT_REGISTERED', `worker ${worker} is not registered`, { worker });
      if (info.operator !== sender) sp.ctx.fail('UNAUTHORIZED_OPERATOR', `${sender} is not the operator of ${worker}`, { operator: info.operator });
      if (info.initialScore === null) sp.ctx.fail('BENCHMARK_MISSING', `worker ${worker} has no initial score`, { worker });
      const pool = requirePool(sp, pid);
      requireOwner(sp, pool, sender);
      if (pool.workers.includes(worker)) sp.ctx.fail('WORKER_EXISTS', `worker ${worker} is already in pool ${pid}`, { pid, worker });
      if (pool.workers.length + 1 > params.maxPoolWorkers) sp.ctx.fail('WORKERS_EXCEED_LIMIT', `pool ${pid} already has ${pool.workers.length} workers`, { max: params.maxPoolWorkers });
      const miner = minerAccount(pid, worker);
      const busy = (state.workerMiners.get(worker) ?? []).some((p) => state.miners.get(minerAccount(p, worker))!.state !== 'Ready');
      if (state.workerBindings.has(worker) || state.minerBindings.has(miner) || busy) {
        sp.ctx.fail('FAILED_TO_BIND_MINER_AND_WORKER', `worker ${worker} is bound or still has stake in a pool`, { worker, miner });
      }
      state.bind(worker, miner);
      state.setMiner(miner, { pid, worker, state: 'Ready', stake: 0n, ve: 0n, v: 0n, vUpdatedAt: now(sp), coolDownStart: 0, pInit: 0, vDeductible: 0n });
      setPool(sp, pid, { workers: [...pool.workers, worker] });
      state.assignments.set(worker, pid);
      ctx.emit('MinerBound', { miner, worker });
      ctx.emit('PoolWorkerAdded', { pid, worker, miner });
    },
  });
}
