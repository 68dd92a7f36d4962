import { action, address, argsOf, uint,  } from '../../kernel/index.js';
import { delegateCore, delegationBlocker, finishDelegation } from './delegation.js';
import { L2_STAKING_ADDRESS } from './params.js';
import type { Seq } from './state.js';
import { effectiveEpoch, nowAt } from './time.js';

/** Spec 8.5 delegateStake. The MORPH moves into the l2Staking escrow (no ERC20 approval, spec 13). */
export function delegateStake(seq: Seq) {
  return action({
    summary: 'delegate MORPH to an L2 staker',
    args: argsOf({ delegatee: address, amount: uint(256) }),
    run(sender, { delegatee, amount }) {
      const { ctx, state: st } = seq;
      if (st.ranking.rankOf(delegatee) === 0) ctx.fail('NOT_STAKER', 'not staker', { delegatee });
      if (amount === 0n) ctx.fail('INVALID_STAKE_AMOUNT', 'invalid stake amount');
      const blocker = delegationBlocker(seq, delegatee, sender);
      if (blocker === 'UNDELEGATION_UNCLAIMED') ctx.fail(blocker, 'undelegation unclaimed', { delegatee });
      if (blocker === 'REWARD_UNCLAIMED') ctx.fail(blocker, 'reward unclaimed', { delegatee });
      const at = nowAt(seq);
      const before = delegateCore(seq, delegatee, sender, amount, effectiveEpoch(seq));
      ctx.ledger.escrowIn('MORPH', ctx.name, sender, amount);
      st.escrowL2Staking.set(st.escrowL2Staking.get() + amount);
      ctx.emit('Transfer', { from: sender, to: L2_STAKING_ADDRESS, value: amount });
      finishDelegation(seq, delegatee, before, at);
    },
  });
}
