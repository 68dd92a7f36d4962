import { minBig } from '../../kernel/index.js';
import { PPM } from './params.js';
import type { Book, Eco, Withdrawal } from './state.js';

/**
 * Step 3 (§3.2): in the order the `slash` transactions were applied, each operator with a pending
 * slash loses `⌊(active + exiting + locked) × slashFraction / 10⁶⌋` (active as it is now, after
 * step 1; locked = exited amounts whose withdrawal epoch has not come), taken from its exit-queue
 * entries front first, then its locked amounts oldest first, then its active stake, and burned
 * from escrow. Emptied entries and amounts are removed. Its remaining active stake goes to the
 * back of the exit queue. Pending deposits are not touched. The floor favours the operator (never
 * more than the fraction). Returns the total slashed.
 */
export function processSlashings(eco: Eco): bigint {
  const { ctx, params, state } = eco;
  const pending = state.slashQueue.get();
  if (pending.length === 0) return 0n;
  const now = state.epoch.get();
  let total = 0n;
  let fromActiveTotal = 0n;
  let fromExitQueue = 0n;
  let fromLocked = 0n;
  let movedToExit = 0n;
  for (const a of pending) {
    const book = state.book(a)!;
    const active = state.activeOf(book);
    let locked = 0n;
    for (const w of book.withdrawals) if (w.epoch > now) locked += w.amount;
    const amount = ((active + book.exiting + locked) * params.slashFraction) / PPM;
    let left = amount;

    // 1. Exit-queue entries, front first.
    const exitSeqs: number[] = [];
    let exiting = book.exiting;
    for (const seq of book.exitSeqs) {
      const entry = state.exitQueue.get(seq)!;
      const take = minBig(left, entry.amount);
      left -= take;
      exiting -= take;
      fromExitQueue += take;
      if (take === entry.amount) state.exitQueue.delete(seq);
      else {
        if (take > 0n) state.exitQueue.set(seq, { ...entry, amount: entry.amount - take });
        exitSeqs.push(seq);
      }
    }
    // 2. Locked amounts, oldest first (withdrawable ones are not slashable).
    const withdrawals: Withdrawal[] = [];
    for (const w of book.withdrawals) {
      const take = w.epoch > now ? minBig(left, w.amount) : 0n;
      left -= take;
      fromLocked += take;
      if (take < w.amount) withdrawals.push(take === 0n ? w : { ...w, amount: w.amount - take });
    }
    // 3. Active stake.
    const fromActive = left;
    const remaining = active - fromActive;
    fromActiveTotal += fromActive;
    // The rest of the active stake goes to the back of the exit queue.
    if (remaining > 0n) {
      const q = state.queues.get();
      state.exitQueue.set(q.exitNext, { operator: a, amount: remaining });
      state.queues.set({ ...q, exitNext: q.exitNext + 1 });
      exitSeqs.push(q.exitNext);
      exiting += remaining;
      movedToExit += remaining;
    }
    if (active !== 0n) state.active.set(book.index, 0n);
    const next: Book = { ...book, exiting, exitSeqs, withdrawals, slashPending: false };
    state.books.set(a, next);
    if (amount > 0n) ctx.ledger.burnEscrow(params.asset, ctx.name, amount);
    total += amount;
  }
  state.slashQueue.set([]);
  state.addTotals({
    slashed: total,
    burned: total,
    staked: -(fromActiveTotal + movedToExit),
    exitQueue: movedToExit - fromExitQueue,
    withdrawals: -fromLocked,
  });
  return total;
}
