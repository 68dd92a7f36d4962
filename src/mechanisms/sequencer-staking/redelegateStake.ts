import { action, address, argsOf,  } from '../../kernel/index.js';
import { delegateCore, delegationBlocker, finishDelegation, undelegateCore } from './delegation.js';
import type { Seq } from './state.js';
import { nowAt } from './time.js';

/**
 * Spec 8.5 redelegateStake (design point d). Before rewards start the move is immediate; after,
 * the whole delegation leaves `from` now and a redelegation record is converted by sync at the
 * boundary of its unlock epoch (7.4), as if claimed and re-delegated at the first moment allowed.
 */
export function redelegateStake(seq: Seq) {
  return action({
    summary: 'move a whole delegation to another staker (immediate before the start, at the unlock epoch after)',
    args: argsOf({ from: address, to: address }),
    run(sender, { from, to }) {
      const { ctx, state: st } = seq;
      if (st.ranking.rankOf(to) === 0) ctx.fail('NOT_STAKER', 'not staker', { to });
      if (from === to) ctx.fail('REDELEGATE_TO_SAME_STAKER', 'redelegate to same staker', { from, to });
      if (st.delegation(from, sender) === 0n) ctx.fail('STAKING_AMOUNT_IS_ZERO', 'staking amount is zero', { from });
      const at = nowAt(seq);
      if (!st.rewardStarted.get()) {
        const blocker = delegationBlocker(seq, to, sender);
        if (blocker) ctx.fail(blocker, blocker === 'UNDELEGATION_UNCLAIMED' ? 'undelegation unclaimed' : 'reward unclaimed', { to });
        const { amount } = undelegateCore(seq, from, sender, { kind: 'none' }, at);
        const before = delegateCore(seq, to, sender, amount, 0);
        finishDelegation(seq, to, before, at);
        ctx.emit('Redelegated', { from, to, delegator: sender, amount, effectiveEpoch: 0 });
        return;
      }
      const { amount, unlockEpoch } = undelegateCore(seq, from, sender, { kind: 'redelegate', to }, at);
      ctx.emit('RedelegationRequested', { from, to, delegator: sender, amount, unlockEpoch });
    },
  });
}
