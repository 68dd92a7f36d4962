import type { Address } from '../../kernel/index.js';
import { strip } from './fixed.js';
import { setPool } from './guards.js';
import type { Sp } from './state.js';

/**
 * Cuts `user`'s request in pool `pid` down to `strip(held)` shares, or removes it when that is 0
 * (what §7.20 reconcileWithdrawQueue does; §13 invariant 5). No event. Changes nothing when the request already fits.
 */
export function clipRequest(sp: Sp, pid: number, user: Address, held: bigint): void {
  const pool = sp.state.pools.get(pid)!;
  const cap = strip(held);
  if (!pool.withdrawQueue.some((r) => r.user === user && r.shares > cap)) return;
  const queue = pool.withdrawQueue.flatMap((r) => (r.user !== user || r.shares <= cap ? [r] : cap === 0n ? [] : [{ ...r, shares: cap }]));
  setPool(sp, pid, { withdrawQueue: queue });
}
