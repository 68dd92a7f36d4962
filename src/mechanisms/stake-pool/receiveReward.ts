import { addToAccount } from './economy.js';
import { add, div, isDust, permillOf, toFixed } from './fixed.js';
import type { PoolRecord, RewardBook, Sp } from './state.js';

/**
 * §6.9 on values: the pool and its reward book after receiving `reward`, emitting the events as it
 * goes. Commission first (Permill, nearest, ties down: favours delegators on ties), the remainder
 * into the accumulator over ALL shares (free and queued ones included). O(1). Returns the same
 * objects when nothing changes.
 */
export function creditReward(sp: Sp, pool: PoolRecord, book: RewardBook, reward: bigint): [PoolRecord, RewardBook] {
  if (reward === 0n) return [pool, book];
  const pid = pool.pid;
  if (isDust(pool.totalShares)) {
    sp.ctx.emit('RewardDismissedNoShare', { pid, amount: reward });
    return [pool, book];
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
  if (distributed || commission > 0n) sp.ctx.emit('RewardReceived', { pid, toOwner: commission, toStakers: toDistribute });
  return [
    { ...pool, ownerReward: pool.ownerReward + commission, rewardAcc },
    { ...book, credited: book.credited + commission + (distributed ? toDistribute : 0n) },
  ];
}

/** §6.9: one reward into pool `pid`. */
export function receiveReward(sp: Sp, pid: number, reward: bigint): void {
  const { state } = sp;
  const pool = state.pools.get(pid)!;
  const book = state.book(pid);
  const [nextPool, nextBook] = creditReward(sp, pool, book, reward);
  if (nextPool !== pool) state.pools.set(pid, nextPool);
  if (nextBook !== book) {
    state.rewardBooks.set(pid, nextBook);
    addToAccount(sp, { rewardsToStakers: nextBook.credited - book.credited });
  }
}
