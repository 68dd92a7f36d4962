import { action, argsOf, smallUint } from '../../kernel/index.js';
import { onlyOwner } from './auth.js';
import { updateSequencerSet } from './sequencer.js';
import type { Seq } from './state.js';
import { nowAt } from './time.js';

/** Spec 8.5 updateSequencerSetMaxSize. */
export function updateSequencerSetMaxSize(seq: Seq) {
  return action({
    summary: 'owner: change X, the sequencer set size',
    args: argsOf({ size: smallUint(53) }),
    run(sender, { size }) {
      const { ctx, state: st } = seq;
      onlyOwner(seq, sender);
      const old = st.u.sequencerSetMaxSize;
      if (size === 0 || size === old) ctx.fail('INVALID_NEW_SEQUENCER_SET_MAX_SIZE', 'invalid new sequencer set max size', { size });
      st.updatable.set({ ...st.u, sequencerSetMaxSize: size });
      ctx.emit('SequencerSetMaxSizeUpdated', { oldSize: old, newSize: size });
      const candidates = st.rewardStarted.get() ? st.candidateNumber.get() : st.ranking.length;
      if (Math.min(candidates, size) !== st.latestSequencerSetSize.get()) updateSequencerSet(seq, nowAt(seq));
    },
  });
}
