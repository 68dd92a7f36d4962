import { action, argsOf, uint } from '../../kernel/index.js';
import type { Pool } from './state.js';

const args = argsOf({ amount: uint(256) });

/** §5.8: mint internal balance back to the wallet. */
export function withdrawTaikoToken(pool: Pool) {
  return action({
    summary: 'move TKO from the internal balance back to the wallet',
    args,
    run(sender, { amount }) {
      const { ctx, state } = pool;
      const have = state.balance(sender);
      if (have < amount) ctx.fail('L1_INSUFFICIENT_TOKEN', `internal balance ${have} is below ${amount}`, { balance: have, amount });
      state.writeBalance(sender, have - amount);
      // The reference mints 0 too (its token emits a Transfer of 0): the ledger's Mint of 0.
      ctx.ledger.mint('TKO', sender, amount, ctx.name);
      state.addTotals({ minted: amount });
    },
  });
}
