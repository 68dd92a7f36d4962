import { action, noArgs } from '../../kernel/index.js';
import { onlyOwner } from './auth.js';
import { startRewardOrder } from './ranking.js';
import { updateSequencerSet } from './sequencer.js';
import type { Seq } from './state.js';
import { nowAt } from './time.js';

/** Spec 8.5 startReward: the release's exchange sort (its exact order in O(n log n), ranking.ts), then a set update. A second call re-sorts. */
export function startReward(seq: Seq) {
  return action({
    summary: 'owner: start rewards (rank by delegation, push the top X)',
    args: noArgs,
    run(sender) {
      const { ctx, state: st } = seq;
      onlyOwner(seq, sender);
      if (ctx.clock.time < st.u.rewardStartTime) ctx.fail('CANT_START_BEFORE_REWARD_START_TIME', "can't start before reward start time");
      if (st.candidateNumber.get() === 0) ctx.fail('NONE_CANDIDATE', 'none candidate');
      st.rewardStarted.set(true);
      st.ranking.replaceAll(startRewardOrder(st.ranking.toArray(), (a) => st.total(a)));
      updateSequencerSet(seq, nowAt(seq));
    },
  });
}
