import { action, argsOf, uint } from '../../kernel/index.js';
import { requireArgument } from './guards.js';
import type { Eco } from './state.js';

/**
 * §3.4 `deposit { amount }`: wallet → the back of the entry queue, at once (the stake activates
 * when an epoch's churn lets it in). The sender becomes an operator if new.
 */
export function deposit(eco: Eco) {
  return action({
    summary: 'deposit stake: the wallet is debited at once and the amount waits in the FIFO entry queue (the sender becomes an operator if new)',
    args: argsOf({ amount: uint(256) }),
    run(sender, { amount }) {
      const { ctx, params, state } = eco;
      requireArgument(eco, amount > 0n, 'amount', 'a deposit must be > 0', amount);
      const spendable = ctx.ledger.spendable(params.asset, sender);
      if (spendable < amount) {
        ctx.fail('INSUFFICIENT_BALANCE', `deposit of ${amount} ${params.asset} exceeds the spendable balance ${spendable} of ${sender}`, { amount, spendable });
      }
      const book = state.book(sender) ?? state.addOperator(sender);
      ctx.ledger.escrowIn(params.asset, ctx.name, sender, amount);
      const q = state.queues.get();
      state.entryQueue.set(q.entryNext, { operator: sender, amount });
      state.queues.set({ ...q, entryNext: q.entryNext + 1 });
      state.books.set(sender, { ...book, pendingDeposit: book.pendingDeposit + amount });
      state.addTotals({ entryQueue: amount });
      ctx.emit('Deposited', () => ({ operator: sender, amount, position: q.entryNext }));
    },
  });
}
