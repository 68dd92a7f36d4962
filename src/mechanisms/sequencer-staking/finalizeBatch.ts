import { action, argsOf, smallUint } from '../../kernel/index.js';
import { batchExist, batchInChallenge, insideWindow } from './batchStatus.js';
import { notPaused, notReverting } from './rollupGuards.js';
import type { Seq } from './state.js';

const args = argsOf({ batchIndex: smallUint(53) });

/** Spec 8.7 finalizeBatch: the next batch, unchallenged (or defended), after its window; prunes the previous batch's data. */
export function finalizeBatch(seq: Seq) {
  return action({
    summary: 'finalize the next batch once its challenge window has passed',
    args,
    run(_sender, { batchIndex: i }) {
      const { ctx, state: st } = seq;
      notReverting(seq);
      notPaused(seq);
      if (!batchExist(seq, i)) ctx.fail('BATCH_NOT_EXIST', 'batch not exist');
      if (batchInChallenge(seq, i)) ctx.fail('BATCH_IN_CHALLENGE', 'batch in challenge');
      if (st.challenges.get(i)?.challengeSuccess) ctx.fail('BATCH_SHOULD_BE_REVERT', 'batch should be revert');
      if (insideWindow(seq, i)) ctx.fail('BATCH_IN_CHALLENGE_WINDOW', 'batch in challenge window');
      if (i <= st.lastFinalizedBatchIndex.get()) ctx.fail('BATCH_ALREADY_VERIFIED', 'batch already verified');
      if (i !== st.lastFinalizedBatchIndex.get() + 1) ctx.fail('INCORRECT_BATCH_INDEX', 'incorrect batch index');
      st.lastFinalizedBatchIndex.set(i);
      st.batchData.delete(i - 1);
      st.challenges.delete(i - 1);
      ctx.emit('FinalizeBatch', { batchIndex: i, batchHash: st.committedBatches.get(i)! });
    },
  });
}
