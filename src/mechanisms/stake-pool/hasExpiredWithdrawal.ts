import { bmul } from './fixed.js';
import { price } from './price.js';
import type { WithdrawRequest } from './state.js';

export interface PoolSnapshot {
  totalShares: bigint;
  totalStake: bigint;
  freeStake: bigint;
  releasingStake: bigint;
  withdrawQueue: readonly WithdrawRequest[];
}

/**
 * §6.8 the grace rule, a pure function: the first request that free stake plus stake already
 * being released cannot cover forces a stop once it has waited strictly more than `grace`.
 */
export function hasExpiredWithdrawal(pool: PoolSnapshot, now: number, grace: number): boolean {
  const p = price(pool);
  if (p === null || p === 0n) return false;
  let budget = pool.freeStake + pool.releasingStake;
  for (const r of pool.withdrawQueue) {
    const amount = bmul(r.shares, p);
    if (amount > budget) return now - r.startTime > grace;
    budget -= amount;
  }
  return false;
}
