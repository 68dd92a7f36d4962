import type { Address } from '../../kernel/index.js';
import { finalStake } from './finalStake.js';
import { setPool } from './guards.js';
import { isMining, now, type Sp } from './state.js';

/** §6.12: mining → cooling down; the predicted returned stake counts as releasing for the grace rule. */
export function stopMiner(sp: Sp, miner: Address): void {
  const { state, ctx } = sp;
  const worker = state.minerBindings.get(miner);
  if (worker === undefined) sp.ctx.fail('MINER_NOT_BOUND', `miner ${miner} is not bound`, { miner });
  const r = state.miners.get(miner);
  if (!r || !isMining(r.state)) sp.ctx.fail('MINER_NOT_MINING', `miner ${miner} is not mining`, { miner, state: r?.state ?? null });
  state.miners.set(miner, { ...r, state: 'MiningCoolingDown', coolDownStart: now(sp) });
  state.onlineMiners.set(state.onlineMiners.get() - 1);
  const { returned } = finalStake(sp, r, r.stake);
  const pid = state.assignments.get(worker);
  if (pid !== undefined) setPool(sp, pid, { releasingStake: state.pools.get(pid)!.releasingStake + returned });
  ctx.emit('MinerStopped', { miner });
}
