import { action, noArgs } from '../../kernel/index.js';
import { L2_STAKING_ADDRESS } from './params.js';
import type { Seq, Undelegation } from './state.js';
import { epochAt } from './time.js';

/** Spec 8.5 claimUndelegation: every unlocked plain record, swap-removed in walk order. */
export function claimUndelegation(seq: Seq) {
  return action({
    summary: 'claim every unlocked undelegation',
    args: noArgs,
    run(sender) {
      const { ctx, state: st } = seq;
      const started = st.rewardStarted.get();
      const current = started ? epochAt(seq, ctx.clock.time) : 0;
      const list: Undelegation[] = [...st.undelegationsOf(sender)];
      let total = 0n;
      let i = 0;
      while (i < list.length) {
        const r = list[i]!;
        if (r.redelegateTo === '0x0000000000000000000000000000000000000000' && (!started || r.unlockEpoch <= current)) {
          total += r.amount;
          ctx.emit('UndelegationClaimed', { delegatee: r.delegatee, delegator: sender, unlockEpoch: r.unlockEpoch, amount: r.amount });
          list[i] = list[list.length - 1]!;
          list.pop();
        } else i++;
      }
      if (total === 0n) ctx.fail('NO_MORPH_TOKEN_TO_CLAIM', 'no Morph token to claim');
      if (list.length === 0) st.undelegations.delete(sender);
      else st.undelegations.set(sender, list);
      ctx.ledger.escrowOut('MORPH', ctx.name, sender, total);
      st.escrowL2Staking.set(st.escrowL2Staking.get() - total);
      ctx.emit('Transfer', { from: L2_STAKING_ADDRESS, to: sender, value: total });
    },
  });
}
