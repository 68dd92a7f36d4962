import { action, noArgs } from '../../kernel/index.js';
import { requireOperator } from './guards.js';
import type { Eco } from './state.js';

/** §3.4 `withdraw`: every exited amount whose withdrawal epoch has come → the wallet. */
export function withdraw(eco: Eco) {
  return action({
    summary: 'withdraw every exited amount whose withdrawal epoch has come (epoch ≥ exit epoch + 1 + withdrawalDelayEpochs)',
    args: noArgs,
    run(sender) {
      const { ctx, params, state } = eco;
      const book = requireOperator(eco, sender, 'sender');
      const now = state.epoch.get();
      // Withdrawals are kept in ascending epoch order: the due ones are a prefix.
      let n = 0;
      let amount = 0n;
      while (n < book.withdrawals.length && book.withdrawals[n]!.epoch <= now) amount += book.withdrawals[n++]!.amount;
      if (amount === 0n) {
        const { locked } = state.withdrawalSums(book);
        ctx.fail('NOTHING_TO_WITHDRAW', `${sender} has nothing withdrawable at epoch ${now} (locked: ${locked}${book.withdrawals[0] ? `; the next amount comes due at epoch ${book.withdrawals[0].epoch}` : ''})`, { epoch: now, locked });
      }
      state.books.set(sender, { ...book, withdrawals: book.withdrawals.slice(n) });
      state.addTotals({ withdrawals: -amount });
      ctx.ledger.escrowOut(params.asset, ctx.name, sender, amount);
      ctx.emit('Withdrawn', () => ({ operator: sender, amount }));
    },
  });
}
