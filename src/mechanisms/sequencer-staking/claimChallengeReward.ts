import { action, address, argsOf } from '../../kernel/index.js';
import type { Seq } from './state.js';

const args = argsOf({ receiver: address });

/** The release's Rollup.claimReward: pays the caller's whole challenge/prover reward balance from the rollup escrow. */
export function claimChallengeReward(seq: Seq) {
  return action({
    summary: "pay the caller's challenge/prover reward to a receiver (the release's Rollup.claimReward)",
    args,
    run(sender, { receiver }) {
      const { ctx, state: st } = seq;
      const amount = st.batchChallengeReward.get(sender) ?? 0n;
      if (amount === 0n) ctx.fail('INVALID_BATCH_CHALLENGE_REWARD', 'invalid batchChallengeReward');
      st.batchChallengeReward.delete(sender);
      st.escrowRollup.set(st.escrowRollup.get() - amount);
      ctx.ledger.escrowOut('ETH', ctx.name, receiver, amount);
      ctx.emit('ChallengeRewardClaim', { receiver, amount });
    },
  });
}
