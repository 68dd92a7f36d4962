import { action, address, argsOf,  } from '../../kernel/index.js';
import { cleanStakerStore } from './l1Exit.js';
import type { Seq } from './state.js';

/** Spec 8.1 claimWithdrawal: refund `stakedAmount` (the ETH actually deposited) once unlocked. */
export function claimWithdrawal(seq: Seq) {
  return action({
    summary: 'claim the ETH stake after the withdrawal lock',
    args: argsOf({ receiver: address }),
    run(sender, { receiver }) {
      const { ctx, state: st } = seq;
      const unlock = st.withdrawals.get(sender) ?? 0;
      if (unlock === 0) ctx.fail('WITHDRAWAL_NOT_EXIST', 'withdrawal not exist', { sender });
      if (unlock > ctx.clock.height) ctx.fail('WITHDRAWAL_LOCKED', 'withdrawal locked', { unlockHeight: unlock, height: ctx.clock.height });
      const amount = st.stakedAmount.get(sender) ?? 0n;
      st.withdrawals.delete(sender);
      st.stakedAmount.delete(sender);
      cleanStakerStore(seq);
      if (amount > 0n) {
        ctx.ledger.escrowOut('ETH', ctx.name, receiver, amount);
        st.escrowL1Staking.set(st.escrowL1Staking.get() - amount);
      }
      ctx.emit('Claimed', { staker: sender, receiver });
    },
  });
}
