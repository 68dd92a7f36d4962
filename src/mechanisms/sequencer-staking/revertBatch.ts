import { action, argsOf, bytes32, smallUint } from '../../kernel/index.js';
import { onlyOwner } from './auth.js';
import { batchInChallenge, ZERO_HASH } from './batchStatus.js';
import { credit } from './challengeReward.js';
import type { Seq } from './state.js';

const args = argsOf({ batchIndex: smallUint(53), batchHash: bytes32, count: smallUint(53) });

/** Spec 8.7 revertBatch: reverts up to `count` unfinalized batches from batchIndex to the last one; an open challenge's deposit goes back to its challenger. */
export function revertBatch(seq: Seq) {
  return action({
    summary: 'owner: revert unfinalized batches from the end',
    args,
    run(sender, { batchIndex, batchHash, count }) {
      const { ctx, state: st } = seq;
      onlyOwner(seq, sender);
      if (count === 0) ctx.fail('COUNT_MUST_BE_NONZERO', 'count must be nonzero');
      if ((st.committedBatches.get(batchIndex) ?? ZERO_HASH) !== batchHash.toLowerCase()) ctx.fail('INCORRECT_BATCH_HASH', 'incorrect batch hash');
      if (st.committedBatches.has(batchIndex + count)) ctx.fail('REVERTING_MUST_START_FROM_THE_ENDING', 'reverting must start from the ending');
      if (batchIndex <= st.lastFinalizedBatchIndex.get()) ctx.fail('CAN_ONLY_REVERT_UN_FINALIZED_BATCH', 'can only revert unFinalized batch');
      st.lastCommittedBatchIndex.set(batchIndex - 1);
      if (seq.params.blsEnabled) st.latestSequencerSet.set([...(st.batchData.get(batchIndex - 1)?.sequencerSetAfter ?? [])]);
      let i = batchIndex;
      while (count > 0) {
        ctx.emit('RevertBatch', { batchIndex: i, batchHash: st.committedBatches.get(i)! });
        st.committedBatches.delete(i);
        if (batchInChallenge(seq, i)) {
          const c = st.challenges.get(i)!;
          credit(seq, c.challenger, c.challengeDeposit);
          st.inChallenge.set(false);
        }
        st.challenges.delete(i);
        if (st.revertReqIndex.get() === i) st.revertReqIndex.set(0);
        i++;
        count--;
        if (!st.committedBatches.has(i)) break;
      }
    },
  });
}
