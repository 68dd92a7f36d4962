import { action, argsOf, uint } from '../../kernel/index.js';
import type { Pool } from './state.js';

const args = argsOf({ amount: uint(256) });

/** §5.7: burn wallet TKO into the internal balance (what block fees are paid from). */
export function depositTaikoToken(pool: Pool) {
  return action({
    summary: 'move TKO from the wallet into the internal balance',
    args,
    run(sender, { amount }) {
      if (amount === 0n) return;
      const { ctx, state } = pool;
      ctx.ledger.burn('TKO', sender, amount, ctx.name);
      state.writeBalance(sender, state.balance(sender) + amount);
      state.addTotals({ burned: amount });
    },
  });
}
