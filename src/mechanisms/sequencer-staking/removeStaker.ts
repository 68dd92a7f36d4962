import { action, address, argsOf,  } from '../../kernel/index.js';
import { z } from 'zod';
import { onlyOwner } from './auth.js';
import { sendRemoveStakers } from './bridge.js';
import { markWithdrawing } from './l1Exit.js';
import type { Seq } from './state.js';

/** Spec 8.1 removeStaker (owner): withdraw's state changes for each, one message for all. */
export function removeStaker(seq: Seq) {
  return action({
    summary: 'owner: remove active stakers (they claim their ETH after the lock)',
    args: argsOf({ stakers: z.array(address) }),
    run(sender, { stakers }) {
      const st = seq.state;
      onlyOwner(seq, sender);
      for (const a of stakers) {
        if (!st.isActiveStaker(a)) seq.ctx.fail('ONLY_ACTIVE_STAKER_CAN_BE_REMOVED', 'only active staker can be removed', { addr: a });
        if ((st.withdrawals.get(a) ?? 0) > 0) seq.ctx.fail('WITHDRAWING', 'withdrawing', { addr: a });
        markWithdrawing(seq, a);
      }
      seq.ctx.emit('StakersRemoved', { stakers: [...stakers] });
      sendRemoveStakers(seq, stakers);
    },
  });
}
