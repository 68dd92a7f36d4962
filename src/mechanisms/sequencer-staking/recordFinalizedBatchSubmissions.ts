import { z } from 'zod';
import { action, address, argsOf, uint } from '../../kernel/index.js';
import { onlyOracle } from './auth.js';
import type { Seq } from './state.js';

const batchSubmissionArg = z.strictObject({ index: uint(256), submitter: address, startBlock: uint(256), endBlock: uint(256), rollupTime: uint(256), rollupBlock: uint(256) });
const args = argsOf({ batchSubmissions: z.array(batchSubmissionArg) });

/** Spec 8.9 recordFinalizedBatchSubmissions: stored under consecutive indexes; informational, no other check. */
export function recordFinalizedBatchSubmissions(seq: Seq) {
  return action({
    summary: 'oracle: upload batch submissions (informational)',
    args,
    run(sender, { batchSubmissions }) {
      const st = seq.state;
      onlyOracle(seq, sender);
      if (batchSubmissions.length === 0) seq.ctx.fail('EMPTY_BATCH_SUBMISSIONS', 'empty batch submissions');
      const next = st.nextBatchSubmissionIndex.get();
      batchSubmissions.forEach((b, k) => {
        if (b.index !== next + BigInt(k)) seq.ctx.fail('INVALID_INDEX', 'invalid index', { index: b.index });
        st.batchSubmissions.set(`${b.index}`, { ...b });
      });
      seq.ctx.emit('BatchSubmissionsUploaded', { startIndex: next, dataLength: batchSubmissions.length });
      st.nextBatchSubmissionIndex.set(next + BigInt(batchSubmissions.length));
    },
  });
}
