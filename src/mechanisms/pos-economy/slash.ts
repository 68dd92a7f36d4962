import { action, address, argsOf } from '../../kernel/index.js';
import { requireOperator, requireRole } from './guards.js';
import type { Eco } from './state.js';

/** §3.4 `slash { operator }` (slasher only): the next epoch's processSlashings applies it. */
export function slash(eco: Eco) {
  return action({
    summary: 'report an operator for slashing (slasher only); the next epoch takes slashFraction of its active + exiting + locked stake',
    args: argsOf({ operator: address }),
    run(sender, { operator }) {
      const { ctx, state } = eco;
      requireRole(eco, sender, 'slasher', 'slash');
      const book = requireOperator(eco, operator, 'operator');
      if (book.slashPending) ctx.fail('ALREADY_SLASHED', `${operator} already has a slash pending; the next epoch processes it`, { operator });
      state.books.set(operator, { ...book, slashPending: true });
      state.slashQueue.set([...state.slashQueue.get(), operator]);
      ctx.emit('SlashRequested', () => ({ operator }));
    },
  });
}
