import type { Address, Hex } from '../../kernel/index.js';
import { initialV, minimumStake } from './economics.js';
import { requireOwnedPool, setPool } from './guards.js';
import { minerAccount } from './minerAccount.js';
import { now, type Sp } from './state.js';

/** §7.12: checks in the reference's order, then the worker computes with `stake` taken from free stake. */
export function startMining(sp: Sp, sender: Address, pid: number, worker: Hex, stake: bigint): void {
  const { state, ctx, params } = sp;
  const pool = requireOwnedPool(sp, pid, sender);
  if (pool.freeStake < stake) sp.ctx.fail('INSUFFICIENT_FREE_STAKE', `pool ${pid} has ${pool.freeStake} free stake, ${stake} asked`, { freeStake: pool.freeStake, stake });
  if (!pool.workers.includes(worker)) sp.ctx.fail('WORKER_DOES_NOT_EXIST', `worker ${worker} is not in pool ${pid}`, { pid, worker });
  const miner = minerAccount(pid, worker);
  const r = state.miners.get(miner)!;
  if (r.state !== 'Ready') sp.ctx.fail('MINER_NOT_READY', `worker ${worker} is ${r.state}`, { state: r.state });
  const info = state.workers.get(worker)!;
  const p = info.initialScore ?? 0;
  if (p < params.minInitP) sp.ctx.fail('BENCHMARK_TOO_LOW', `initial score ${p} is below ${params.minInitP}`, { initialScore: p });
  const minStake = minimumStake(params.tokenomic, p);
  if (stake < minStake) sp.ctx.fail('INSUFFICIENT_STAKE', `stake ${stake} is below the minimum ${minStake}`, { stake, minStake });
  const ve = initialV(params.tokenomic, stake, p, info.confidenceLevel);
  if (ve > params.tokenomic.vMax) sp.ctx.fail('TOO_MUCH_STAKE', `initial V ${ve} exceeds vMax`, { ve, vMax: params.tokenomic.vMax });
  state.miners.set(miner, { ...r, state: 'MiningIdle', stake, ve, v: ve, vUpdatedAt: now(sp), pInit: p, vDeductible: 0n, coolDownStart: 0 });
  state.onlineMiners.set(state.onlineMiners.get() + 1);
  setPool(sp, pid, { freeStake: pool.freeStake - stake });
  ctx.emit('MinerStarted', { miner, initV: ve, initP: p });
  ctx.emit('MiningStarted', { pid, worker, amount: stake });
}
