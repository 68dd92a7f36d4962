import { z } from 'zod';
import { action, address, argsOf, uint } from '../../kernel/index.js';
import { onlyOracle } from './auth.js';
import type { Seq } from './state.js';

const rollupEpochArg = z.strictObject({ index: uint(256), submitter: address, startTime: uint(256), endTime: uint(256), endBlock: uint(256) });
const args = argsOf({ rollupEpochs: z.array(rollupEpochArg) });

/** Spec 8.9 recordRollupEpochs: stored under consecutive indexes; informational, no other check. */
export function recordRollupEpochs(seq: Seq) {
  return action({
    summary: 'oracle: upload rollup epochs (informational)',
    args,
    run(sender, { rollupEpochs }) {
      const st = seq.state;
      onlyOracle(seq, sender);
      if (rollupEpochs.length === 0) seq.ctx.fail('EMPTY_ROLLUP_EPOCHS', 'empty rollup epochs');
      const next = st.nextRollupEpochIndex.get();
      rollupEpochs.forEach((b, k) => {
        if (b.index !== next + BigInt(k)) seq.ctx.fail('INVALID_INDEX', 'invalid index', { index: b.index });
        st.rollupEpochs.set(`${b.index}`, { ...b });
      });
      seq.ctx.emit('RollupEpochsUploaded', { startIndex: next, dataLength: rollupEpochs.length });
      st.nextRollupEpochIndex.set(next + BigInt(rollupEpochs.length));
    },
  });
}
