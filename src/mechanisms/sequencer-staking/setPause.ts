import { action, argsOf, bool } from '../../kernel/index.js';
import { onlyOwner } from './auth.js';
import { credit } from './challengeReward.js';
import type { Seq } from './state.js';

const args = argsOf({ status: bool });

/** Spec 8.7 setPause: pausing credits an open challenge's deposit back to its challenger; the release emits each event twice. */
export function setPause(seq: Seq) {
  return action({
    summary: 'owner: pause or unpause the rollup (pausing refunds an open challenge)',
    args,
    run(sender, { status }) {
      const { ctx, state: st } = seq;
      onlyOwner(seq, sender);
      if (status) {
        if (st.paused.get()) ctx.fail('PAUSED', 'Pausable: paused');
        st.paused.set(true);
        if (st.inChallenge.get()) {
          const i = st.batchChallenged.get();
          const c = st.challenges.get(i)!;
          credit(seq, c.challenger, c.challengeDeposit);
          st.challenges.delete(i);
          st.inChallenge.set(false);
        }
        ctx.emit('Paused', { account: sender });
        ctx.emit('Paused', { account: sender });
      } else {
        if (!st.paused.get()) ctx.fail('NOT_PAUSED', 'Pausable: not paused');
        st.paused.set(false);
        ctx.emit('Unpaused', { account: sender });
        ctx.emit('Unpaused', { account: sender });
      }
    },
  });
}
