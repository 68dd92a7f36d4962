import { action, address, argsOf } from '../../kernel/index.js';
import { onlyOwner } from './auth.js';
import type { Seq } from './state.js';

const args = argsOf({ receiver: address });

/** Spec 8.7 owner action: pays out proveRemaining (the defenders' remainder of challenge deposits). */
export function claimProveRemaining(seq: Seq) {
  return action({
    summary: "owner: pay the defenders' remainder of deposits",
    args,
    run(sender, { receiver }) {
      const { ctx, state: st } = seq;
      onlyOwner(seq, sender);
      const amount = st.proveRemaining.get();
      st.proveRemaining.set(0n);
      if (amount > 0n) {
        st.escrowRollup.set(st.escrowRollup.get() - amount);
        ctx.ledger.escrowOut('ETH', ctx.name, receiver, amount);
      }
      ctx.emit('ProveRemainingClaimed', { receiver, amount });
    },
  });
}
