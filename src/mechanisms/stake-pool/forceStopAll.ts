import { minerAccount } from './minerAccount.js';
import { stopMiner } from './stopMiner.js';
import { isMining, type Sp } from './state.js';

/** §6.14: stops every mining worker of the pool, in the pool's order; ignores `miningEnabled`. */
export function forceStopAll(sp: Sp, pid: number): void {
  for (const w of sp.state.pools.get(pid)!.workers) {
    const miner = minerAccount(pid, w);
    const r = sp.state.miners.get(miner);
    if (r && isMining(r.state)) stopMiner(sp, miner);
  }
}
