import { churnLimit } from './churn.js';
import type { EpochStart } from './epochStart.js';
import type { Eco, Withdrawal } from './state.js';

/**
 * Step 4 (§3.2): churn `C` from D at the epoch's start (Electra's activation-exit churn, `null`
 * = unlimited). Entry: queued deposits activate in order while their sum stays within C (≤: an
 * exact fit activates); the first that does not fit waits whole, and so does everything behind
 * it. Exit: likewise with a budget of its own of the same C; an amount that exits while epoch e
 * is processed is withdrawable once `epoch ≥ e + 1 + withdrawalDelayEpochs`.
 */
export function processQueues(eco: Eco, start: EpochStart): { churn: bigint | null; activated: bigint; exited: bigint } {
  const churn = churnLimit(start.stake, eco.params.churn);
  const activated = processEntryQueue(eco, churn);
  const exited = processExitQueue(eco, churn, start.epoch + 1 + eco.params.withdrawalDelayEpochs);
  return { churn, activated, exited };
}

function processEntryQueue(eco: Eco, churn: bigint | null): bigint {
  const { state } = eco;
  const q = state.queues.get();
  let head = q.entryHead;
  let used = 0n;
  while (head < q.entryNext) {
    const entry = state.entryQueue.get(head)!;
    if (churn !== null && used + entry.amount > churn) break;
    used += entry.amount;
    const book = state.book(entry.operator)!;
    state.active.set(book.index, state.activeOf(book) + entry.amount);
    state.books.set(entry.operator, { ...book, pendingDeposit: book.pendingDeposit - entry.amount });
    state.entryQueue.delete(head);
    head++;
  }
  if (head !== q.entryHead) {
    state.queues.set({ ...state.queues.get(), entryHead: head });
    state.addTotals({ staked: used, entryQueue: -used });
  }
  return used;
}

function processExitQueue(eco: Eco, churn: bigint | null, withdrawableAt: number): bigint {
  const { state } = eco;
  const q = state.queues.get();
  let head = q.exitHead;
  let used = 0n;
  while (head < q.exitNext) {
    const entry = state.exitQueue.get(head);
    if (entry === undefined) {
      // A hole: the entry was emptied by a slashing.
      head++;
      continue;
    }
    if (churn !== null && used + entry.amount > churn) break;
    used += entry.amount;
    const book = state.book(entry.operator)!;
    // Exits are processed in queue order, so this is the operator's oldest exit entry.
    const last = book.withdrawals[book.withdrawals.length - 1];
    const withdrawals: Withdrawal[] =
      last !== undefined && last.epoch === withdrawableAt
        ? [...book.withdrawals.slice(0, -1), { amount: last.amount + entry.amount, epoch: withdrawableAt }]
        : [...book.withdrawals, { amount: entry.amount, epoch: withdrawableAt }];
    state.books.set(entry.operator, { ...book, exiting: book.exiting - entry.amount, exitSeqs: book.exitSeqs.slice(1), withdrawals });
    state.exitQueue.delete(head);
    head++;
  }
  if (head !== q.exitHead) {
    state.queues.set({ ...state.queues.get(), exitHead: head });
    if (used > 0n) state.addTotals({ exitQueue: -used, withdrawals: used });
  }
  return used;
}
