import type { Address } from '../../kernel/index.js';
import { setPool } from './guards.js';
import { now, type Sp } from './state.js';

/** §6.6: one request per user; a new one replaces the old, goes to the back and restarts the clock. */
export function queueRequest(sp: Sp, pid: number, user: Address, shares: bigint): void {
  const t = now(sp);
  const pool = sp.state.pools.get(pid)!;
  setPool(sp, pid, { withdrawQueue: [...pool.withdrawQueue.filter((r) => r.user !== user), { user, shares, startTime: t }] });
  const ts = sp.state.withdrawalTimestamps;
  if (ts.length === 0 || ts.at(ts.length - 1) !== t) ts.push(t);
  const pids = sp.state.withdrawalQueuedPools.get(t) ?? [];
  if (!pids.includes(pid)) sp.state.withdrawalQueuedPools.set(t, [...pids, pid]);
  sp.ctx.emit('WithdrawalQueued', { pid, user, shares });
}
