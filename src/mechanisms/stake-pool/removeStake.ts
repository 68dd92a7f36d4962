import { minBig } from '../../kernel/index.js';
import { bmul, strip } from './fixed.js';
import { setPool } from './guards.js';
import { price } from './price.js';
import { resetDebt } from './settleReward.js';
import type { Sp, UserStake } from './state.js';

export interface Removed {
  u: UserStake;
  amount: bigint;
  userDust: bigint;
  removedShares: bigint;
}

/**
 * §6.5: pays `shares` out of free stake at the current price (truncated: the pool keeps the
 * fraction). Dust left to the user is dropped: dust shares leave `totalShares`, dust PHA goes to
 * the treasury through `ledgerReduce` (the caller runs it).
 */
export function removeStake(sp: Sp, pid: number, u: UserStake, shares: bigint): Removed {
  const pool = sp.state.pools.get(pid)!;
  // Defensive: only a broken (fixture) state could ask for more than the user holds.
  const w = minBig(shares, u.shares);
  const value = bmul(w, price(pool) ?? 0n);
  const amount = minBig(minBig(value, pool.freeStake), u.locked);
  const remShares = u.shares - w;
  const remLocked = u.locked - amount;
  const shareDust = remShares - strip(remShares);
  const userDust = remLocked - strip(remLocked);
  const removedShares = w + shareDust;
  const keep = strip(pool.totalStake - amount) > 0n;
  const next = setPool(sp, pid, {
    freeStake: keep ? pool.freeStake - amount : 0n,
    totalStake: keep ? pool.totalStake - amount : 0n,
    totalShares: pool.totalShares - removedShares,
  });
  sp.state.countShareChange(pid);
  return { u: resetDebt({ ...u, shares: remShares - shareDust, locked: remLocked - userDust }, next.rewardAcc), amount, userDust, removedShares };
}
