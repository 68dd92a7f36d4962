import { action, address, argsOf,  } from '../../kernel/index.js';
import { onlyOwner } from './auth.js';
import type { Seq } from './state.js';

/** Owner `claimSlashRemaining` (spec 8.1): slashed ETH not paid to challengers. */
export function claimSlashRemaining(seq: Seq) {
  return action({
    summary: 'owner: sweep slashed ETH not paid to challengers',
    args: argsOf({ receiver: address }),
    run(sender, { receiver }) {
      const { ctx, state: st } = seq;
      onlyOwner(seq, sender);
      const amount = st.slashRemaining.get();
      if (amount > 0n) {
        ctx.ledger.escrowOut('ETH', ctx.name, receiver, amount);
        st.escrowL1Staking.set(st.escrowL1Staking.get() - amount);
        const e = st.economyEth.get();
        st.economyEth.set({ ...e, slashRemainingClaimed: e.slashRemainingClaimed + amount });
      }
      st.slashRemaining.set(0n);
      ctx.emit('SlashRemainingClaimed', { receiver, amount });
    },
  });
}
