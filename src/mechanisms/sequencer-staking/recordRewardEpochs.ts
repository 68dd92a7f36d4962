import { z } from 'zod';
import { action, address, argsOf, uint } from '../../kernel/index.js';
import { onlyOracle } from './auth.js';
import { applyRewardEpochs, noAutoRecord } from './record.js';
import type { Seq } from './state.js';

const rewardEpochArg = z.strictObject({
  index: uint(256),
  blockCount: uint(256),
  sequencers: z.array(address),
  sequencerBlocks: z.array(uint(256)),
  sequencerRatios: z.array(uint(256)),
  sequencerCommissions: z.array(uint(256)),
});
const args = argsOf({ rewardEpochs: z.array(rewardEpochArg) });

/** Spec 8.9 recordRewardEpochs: steps 1–4 here, steps 5–8 in `applyRewardEpochs` (shared with the built-in recorder). */
export function recordRewardEpochs(seq: Seq) {
  return action({
    summary: 'oracle: upload ended reward epochs (mints inflation, distributes rewards)',
    args,
    run(sender, { rewardEpochs }) {
      const st = seq.state;
      onlyOracle(seq, sender);
      noAutoRecord(seq);
      if (rewardEpochs.length === 0) seq.ctx.fail('EMPTY_REWARD_EPOCHS', 'empty reward epochs');
      if (!st.startBlockSet.get()) seq.ctx.fail('START_BLOCK_SHOULD_BE_SET', 'start block should be set');
      const limit = BigInt(Number.MAX_SAFE_INTEGER);
      applyRewardEpochs(
        seq,
        rewardEpochs.map((e) => ({
          // An index beyond 2^53 can never equal the next index: map it to −1 (INVALID_EPOCH_INDEX).
          index: e.index > limit ? -1 : Number(e.index),
          blockCount: e.blockCount,
          sequencers: e.sequencers,
          sequencerBlocks: e.sequencerBlocks,
          sequencerRatios: e.sequencerRatios,
          sequencerCommissions: e.sequencerCommissions,
        })),
      );
    },
  });
}
