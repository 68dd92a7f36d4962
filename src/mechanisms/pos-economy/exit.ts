import { action, argsOf, uint } from '../../kernel/index.js';
import { requireArgument, requireOperator } from './guards.js';
import type { Eco } from './state.js';

/**
 * §3.4 `exit { amount? }`: active → the back of the exit queue, at once (all of the active stake
 * when `amount` is absent). The amount earns nothing from then on but can still be slashed.
 */
export function exit(eco: Eco) {
  return action({
    summary: 'request an exit: the amount (default all active stake) leaves the active stake at once and waits in the FIFO exit queue',
    args: argsOf({ amount: uint(256).optional() }),
    run(sender, { amount }) {
      const { ctx, state } = eco;
      if (amount !== undefined) requireArgument(eco, amount > 0n, 'amount', 'an exit amount must be > 0 (leave it out to exit everything)', amount);
      const book = requireOperator(eco, sender, 'sender');
      const active = state.activeOf(book);
      const x = amount ?? active;
      if (active === 0n || x > active) {
        ctx.fail('AMOUNT_EXCEEDS_STAKE', `exit of ${x} exceeds the active stake ${active} of ${sender}`, { amount: x, active });
      }
      state.active.set(book.index, active - x);
      const q = state.queues.get();
      state.exitQueue.set(q.exitNext, { operator: sender, amount: x });
      state.queues.set({ ...q, exitNext: q.exitNext + 1 });
      state.books.set(sender, { ...book, exiting: book.exiting + x, exitSeqs: [...book.exitSeqs, q.exitNext] });
      state.addTotals({ staked: -x, exitQueue: x });
      ctx.emit('ExitRequested', () => ({ operator: sender, amount: x, position: q.exitNext }));
    },
  });
}
