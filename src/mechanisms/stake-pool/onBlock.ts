import { forceStopAll } from './forceStopAll.js';
import { hasExpiredWithdrawal } from './hasExpiredWithdrawal.js';
import { now, type Sp } from './state.js';

/**
 * §8 step 3, the reference's per-block scheduler: each request timestamp is examined once, when
 * it has waited strictly more than the grace period; the pools queued at it are checked in order.
 * (Steps 1–2 belong to the built-in computation model, §9, not implemented yet.)
 */
export function onBlock(sp: Sp): void {
  const { state, params } = sp;
  const t = now(sp);
  const ts = state.withdrawalTimestamps;
  while (ts.length > 0 && t - ts.at(0)! > params.gracePeriod) {
    const first = ts.shift()!;
    const pids = state.withdrawalQueuedPools.get(first) ?? [];
    state.withdrawalQueuedPools.delete(first);
    for (const pid of pids) {
      if (hasExpiredWithdrawal(state.pools.get(pid)!, t, params.gracePeriod)) forceStopAll(sp, pid);
    }
  }
}
