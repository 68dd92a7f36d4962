import { action, argsOf, uint, ZERO_ADDRESS } from '../../kernel/index.js';
import { onlyOwner } from './auth.js';
import type { Seq } from './state.js';

const args = argsOf({ amount: uint(256) });

/** Spec 8.8 burn: the owner burns MORPH from its own balance. */
export function burn(seq: Seq) {
  return action({
    summary: 'owner: burn MORPH from the owner balance',
    args,
    run(sender, { amount }) {
      const { ctx } = seq;
      onlyOwner(seq, sender);
      if (amount === 0n) ctx.fail('AMOUNT_TO_BURN_IS_ZERO', 'amount to burn is zero');
      if (ctx.ledger.spendable('MORPH', sender) < amount) ctx.fail('BURN_AMOUNT_EXCEEDS_BALANCE', 'ERC20: burn amount exceeds balance');
      ctx.ledger.burn('MORPH', sender, amount, ctx.name);
      const m = seq.state.economyMorph.get();
      seq.state.economyMorph.set({ ...m, burned: m.burned + amount });
      ctx.emit('Transfer', { from: sender, to: ZERO_ADDRESS, value: amount });
    },
  });
}
