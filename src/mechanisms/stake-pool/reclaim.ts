import { minBig, type Hex } from '../../kernel/index.js';
import { strip } from './fixed.js';
import { finalStake } from './finalStake.js';
import { setPool } from './guards.js';
import { minerAccount } from './minerAccount.js';
import { processQueue } from './processQueue.js';
import { now, type Sp } from './state.js';

/**
 * §6.13: a cooled-down stake comes back as free stake (less the slash, with the V current at
 * reclaim) and pays the withdrawal queue first. Works for a worker already removed from the pool.
 */
export function reclaim(sp: Sp, pid: number, worker: Hex, checkCooldown: boolean): { orig: bigint; slashed: bigint } {
  const { state, ctx, params } = sp;
  const miner = minerAccount(pid, worker);
  const r = state.miners.get(miner);
  if (!r) sp.ctx.fail('MINER_NOT_FOUND', `no mining record for worker ${worker} in pool ${pid}`, { pid, worker, miner });
  const t = now(sp);
  if (r.state !== 'MiningCoolingDown' || (checkCooldown && t - r.coolDownStart < params.coolDownPeriod)) {
    sp.ctx.fail('COOL_DOWN_NOT_READY', `worker ${worker} is not ready to be reclaimed`, {
      state: r.state,
      coolDownStart: r.coolDownStart,
      readyAt: r.state === 'MiningCoolingDown' ? r.coolDownStart + params.coolDownPeriod : null,
    });
  }
  const orig = r.stake;
  const { returned, slashed } = finalStake(sp, r, orig);
  state.miners.set(miner, { ...r, state: 'Ready', coolDownStart: 0, stake: 0n });
  ctx.emit('MinerReclaimed', { miner, originalStake: orig, slashed });
  let pool = state.pools.get(pid)!;
  if (slashed > 0n) {
    pool = setPool(sp, pid, { totalStake: strip(pool.totalStake - minBig(slashed, pool.totalStake)) });
    ctx.emit('PoolSlashed', { pid, amount: slashed });
  }
  setPool(sp, pid, {
    freeStake: pool.freeStake + returned,
    releasingStake: pool.releasingStake > returned ? pool.releasingStake - returned : 0n,
  });
  processQueue(sp, pid);
  ctx.emit('WorkerReclaimed', { pid, worker });
  return { orig, slashed };
}
