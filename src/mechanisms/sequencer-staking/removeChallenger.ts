import { action, address, argsOf } from '../../kernel/index.js';
import { onlyOwner } from './auth.js';
import type { Seq } from './state.js';

const args = argsOf({ account: address });

/** Spec 8.7 owner action removeChallenger. */
export function removeChallenger(seq: Seq) {
  return action({
    summary: 'owner: remove a challenger',
    args,
    run(sender, { account }) {
      const { ctx, state: st } = seq;
      onlyOwner(seq, sender);
      if (!st.isChallenger.has(account)) ctx.fail('ACCOUNT_IS_NOT_A_CHALLENGER', 'account is not a challenger');
      st.isChallenger.delete(account);
      ctx.emit('UpdateChallenger', { account, status: false });
    },
  });
}
