import { action, argsOf, uint } from '../../kernel/index.js';
import { onlyOracle } from './auth.js';
import { noAutoRecord } from './record.js';
import type { Seq } from './state.js';

const args = argsOf({ latestBlock: uint(256) });

/** Spec 8.9 setLatestRewardEpochBlock: the L2 block reward epochs start from, set once. */
export function setLatestRewardEpochBlock(seq: Seq) {
  return action({
    summary: 'oracle: set the start block of reward epochs (once)',
    args,
    run(sender, { latestBlock }) {
      const st = seq.state;
      onlyOracle(seq, sender);
      noAutoRecord(seq);
      if (st.startBlockSet.get()) seq.ctx.fail('ALREADY_SET', 'already set');
      if (latestBlock === 0n) seq.ctx.fail('INVALID_LATEST_BLOCK', 'invalid latest block');
      st.latestRewardEpochBlock.set(latestBlock);
      st.startBlockSet.set(true);
    },
  });
}
