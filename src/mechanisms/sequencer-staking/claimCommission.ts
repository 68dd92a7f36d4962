import { action, noArgs } from '../../kernel/index.js';
import { pay } from './distribute.js';
import type { Seq } from './state.js';

/** Spec 8.10 claimCommission: pays the caller's whole commission balance. */
export function claimCommission(seq: Seq) {
  return action({
    summary: "pay the caller's commission balance",
    args: noArgs,
    run(sender) {
      const { ctx, state: st } = seq;
      const amount = st.distCommissions.get(sender) ?? 0n;
      if (amount === 0n) ctx.fail('NO_COMMISSION_TO_CLAIM', 'no commission to claim');
      st.distCommissions.delete(sender);
      pay(seq, sender, amount);
      ctx.emit('CommissionClaimed', { delegatee: sender, amount });
    },
  });
}
