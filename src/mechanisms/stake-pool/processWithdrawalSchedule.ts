import { forceStopAll } from './forceStopAll.js';
import { hasExpiredWithdrawal } from './hasExpiredWithdrawal.js';
import type { Sp } from './state.js';

/**
 * §8 step 3, the reference's per-block scheduler: each request timestamp is examined once, when
 * it has waited strictly more than the grace period; the pools queued at it are checked in order.
 */
export function processWithdrawalSchedule(sp: Sp, now: number): void {
  const { state, params } = sp;
  const ts = state.withdrawalTimestamps;
  while (ts.length > 0 && now - ts.at(0)! > params.gracePeriod) {
    const first = ts.shift()!;
    const pids = state.withdrawalQueuedPools.get(first) ?? [];
    state.withdrawalQueuedPools.delete(first);
    for (const pid of pids) {
      if (hasExpiredWithdrawal(state.pools.get(pid)!, now, params.gracePeriod)) forceStopAll(sp, pid);
    }
  }
}
