import { add, div, isDust, permillOf, toFixed } from './fixed.js';
import { setPool } from './guards.js';
import type { Sp } from './state.js';

/**
 * §6.9: commission first (Permill, nearest, ties down: favours delegators on ties), the
 * remainder into the accumulator over ALL shares (free and queued ones included). O(1).
 */
export function receiveReward(sp: Sp, pid: number, reward: bigint): void {
  if (reward === 0n) return;
  const pool = sp.state.pools.get(pid)!;
  if (isDust(pool.totalShares)) {
    sp.ctx.emit('RewardDismissedNoShare', { pid, amount: reward });
    return;
  }
  const commission = permillOf(pool.commission ?? 0, reward);
  const toDistribute = reward - commission;
  let rewardAcc = pool.rewardAcc;
  let distributed = false;
  if (!isDust(toDistribute)) {
    // Truncating division: the accumulator never promises more than was received.
    rewardAcc = add(rewardAcc, div(toFixed(toDistribute), toFixed(pool.totalShares)));
    distributed = true;
  } else if (toDistribute > 0n) {
    sp.ctx.emit('RewardDismissedDust', { pid, amount: toDistribute });
  }
  setPool(sp, pid, { ownerReward: pool.ownerReward + commission, rewardAcc });
  const book = sp.state.book(pid);
  sp.state.rewardBooks.set(pid, { ...book, credited: book.credited + commission + (distributed ? toDistribute : 0n) });
  if (distributed || commission > 0n) sp.ctx.emit('RewardReceived', { pid, toOwner: commission, toStakers: toDistribute });
}
