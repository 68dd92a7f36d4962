import { bmul, type Fx } from './fixed.js';
import type { UserStake } from './state.js';

/** §6.2: rewards accrued since the last debt reset. Never negative (fixtures may hold any debt). */
export function pending(u: UserStake, acc: Fx): bigint {
  const d = bmul(u.shares, acc) - u.rewardDebt;
  return d > 0n ? d : 0n;
}

export function resetDebt(u: UserStake, acc: Fx): UserStake {
  return { ...u, rewardDebt: bmul(u.shares, acc) };
}

/** Moves pending rewards into `availableRewards` and resets the debt: O(1) whatever the pool size. */
export function settleReward(u: UserStake, acc: Fx): UserStake {
  return resetDebt({ ...u, availableRewards: u.availableRewards + pending(u, acc) }, acc);
}

export function emptyStake(user: UserStake['user']): UserStake {
  return { user, locked: 0n, shares: 0n, availableRewards: 0n, rewardDebt: 0n };
}
