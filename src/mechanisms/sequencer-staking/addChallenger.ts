import { action, address, argsOf } from '../../kernel/index.js';
import { onlyOwner } from './auth.js';
import type { Seq } from './state.js';

const args = argsOf({ account: address });

/** Spec 8.7 owner action addChallenger. */
export function addChallenger(seq: Seq) {
  return action({
    summary: 'owner: whitelist a challenger',
    args,
    run(sender, { account }) {
      const { ctx, state: st } = seq;
      onlyOwner(seq, sender);
      if (st.isChallenger.has(account)) ctx.fail('ACCOUNT_IS_ALREADY_A_CHALLENGER', 'account is already a challenger');
      st.isChallenger.set(account, true);
      ctx.emit('UpdateChallenger', { account, status: true });
    },
  });
}
