import { bdiv } from './fixed.js';
import { setPool } from './guards.js';
import { price } from './price.js';
import { resetDebt } from './settleReward.js';
import type { Sp, UserStake } from './state.js';

/** §6.4: new shares at the current price (one per pico in an empty or worthless pool). */
export function addStake(sp: Sp, pid: number, u: UserStake, amount: bigint): { u: UserStake; shares: bigint } {
  const pool = sp.state.pools.get(pid)!;
  const p = price(pool);
  const shares = p !== null && p !== 0n ? bdiv(amount, p) : amount;
  const next = setPool(sp, pid, {
    totalShares: pool.totalShares + shares,
    totalStake: pool.totalStake + amount,
    freeStake: pool.freeStake + amount,
  });
  sp.state.countShareChange(pid);
  return { u: resetDebt({ ...u, shares: u.shares + shares, locked: u.locked + amount }, next.rewardAcc), shares };
}
