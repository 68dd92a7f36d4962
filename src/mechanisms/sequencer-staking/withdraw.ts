import { action, noArgs } from '../../kernel/index.js';
import { sendRemoveStakers } from './bridge.js';
import { markWithdrawing } from './l1Exit.js';
import type { Seq } from './state.js';

/** Spec 8.1 withdraw: start the lock; the slot stays taken until cleanup. */
export function withdraw(seq: Seq) {
  return action({
    summary: 'leave as a staker: the stake unlocks withdrawalLockBlocks L1 blocks later',
    args: noArgs,
    run(sender) {
      const st = seq.state;
      if (!st.isActiveStaker(sender)) seq.ctx.fail('ONLY_ACTIVE_STAKER', 'only active staker', { sender });
      if ((st.withdrawals.get(sender) ?? 0) > 0) seq.ctx.fail('WITHDRAWING', 'withdrawing', { sender });
      markWithdrawing(seq, sender);
      seq.ctx.emit('StakersRemoved', { stakers: [sender] });
      sendRemoveStakers(seq, [sender]);
    },
  });
}
