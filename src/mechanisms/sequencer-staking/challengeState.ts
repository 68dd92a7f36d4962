import { action, argsOf, bytes32, smallUint, uint, ZERO_ADDRESS } from '../../kernel/index.js';
import { requireFunds } from './auth.js';
import { batchExist, insideWindow, ZERO_HASH } from './batchStatus.js';
import { notPaused, notReverting } from './rollupGuards.js';
import type { Seq } from './state.js';

const args = argsOf({ batchIndex: smallUint(53), batchHash: bytes32, value: uint(256).default(0n) });

/** Spec 8.7 challengeState: a challenger escrows its deposit; every other unfinalized batch waits proofWindow longer. */
export function challengeState(seq: Seq) {
  return action({
    summary: 'challenger: open a challenge on an unfinalized batch (payable deposit)',
    args,
    run(sender, { batchIndex: i, batchHash, value }) {
      const { ctx, state: st } = seq;
      requireFunds(seq, sender, value);
      if (!st.isChallenger.has(sender)) ctx.fail('CALLER_CHALLENGER_ALLOWED', 'caller challenger allowed', { sender });
      notReverting(seq);
      notPaused(seq);
      if (st.inChallenge.get()) ctx.fail('ALREADY_IN_CHALLENGE', 'already in challenge');
      if (i <= st.lastFinalizedBatchIndex.get()) ctx.fail('BATCH_ALREADY_FINALIZED', 'batch already finalized');
      if ((st.committedBatches.get(i) ?? ZERO_HASH) !== batchHash.toLowerCase()) ctx.fail('INCORRECT_BATCH_HASH', 'incorrect batch hash');
      if (!batchExist(seq, i)) ctx.fail('BATCH_NOT_EXIST', 'batch not exist');
      if ((st.challenges.get(i)?.challenger ?? ZERO_ADDRESS) !== ZERO_ADDRESS) ctx.fail('BATCH_ALREADY_CHALLENGED', 'batch already challenged');
      if (!insideWindow(seq, i)) ctx.fail('CANNOT_CHALLENGE_BATCH_OUTSIDE_THE_CHALLENGE_WINDOW', 'cannot challenge batch outside the challenge window');
      if (value < st.u.challengeDeposit) ctx.fail('INSUFFICIENT_VALUE', 'insufficient value');
      if (value > 0n) ctx.ledger.escrowIn('ETH', ctx.name, sender, value);
      st.escrowRollup.set(st.escrowRollup.get() + value);
      st.batchChallenged.set(i);
      st.challenges.set(i, { challenger: sender, challengeDeposit: value, startTime: ctx.clock.time, finished: false, challengeSuccess: false, pendingProver: ZERO_ADDRESS });
      ctx.emit('ChallengeState', { batchIndex: i, challenger: sender, challengeDeposit: value });
      for (let j = st.lastFinalizedBatchIndex.get() + 1; j <= st.lastCommittedBatchIndex.get(); j++) {
        if (j === i) continue;
        const d = st.batchData.get(j);
        if (d) st.batchData.set(j, { ...d, finalizeTimestamp: d.finalizeTimestamp + st.u.proofWindow });
      }
      st.inChallenge.set(true);
    },
  });
}
