import type { Address } from '../../kernel/index.js';
import type { Seq, SequencerSets } from './state.js';
import type { L2At } from './time.js';

/**
 * Spec 8.6: the Sequencer contract's three set generations. A new set activates two L2 heights
 * after the update; a second update at the same height only replaces the newest generation.
 */
export function applySequencerSet(seq: Seq, set: readonly Address[], at: L2At): void {
  const s = seq.state.sets.get();
  const next: SequencerSets =
    at.h + 2 > s.blockHeight2
      ? {
          blockHeight0: s.blockHeight1,
          sequencerSet0: s.sequencerSet1,
          blockHeight1: s.blockHeight2,
          sequencerSet1: s.sequencerSet2,
          blockHeight2: at.h + 2,
          sequencerSet2: set,
          updateTime: at.time,
        }
      : { ...s, sequencerSet2: set, updateTime: at.time };
  seq.state.sets.set(next);
  seq.ctx.emit('SequencerSetUpdated', { sequencerSet: [...set], blockHeight: at.h + 2 });
}

/** The set active at L2 height k: set2 from blockHeight2, set1 from blockHeight1, else set0. */
export function activeSetAt(s: SequencerSets, k: number): readonly Address[] {
  if (k >= s.blockHeight2) return s.sequencerSet2;
  if (k >= s.blockHeight1) return s.sequencerSet1;
  return s.sequencerSet0;
}

/**
 * updateSequencerSet (spec 8.4): the first min(candidates, X) ranked stakers, where candidates is
 * candidateNumber once rewards run and the list length before.
 */
export function updateSequencerSet(seq: Seq, at: L2At): void {
  const st = seq.state;
  const X = st.u.sequencerSetMaxSize;
  const candidates = st.rewardStarted.get() ? st.candidateNumber.get() : st.ranking.length;
  const size = Math.min(candidates, X);
  const set: Address[] = [];
  for (let i = 0; i < size; i++) set.push(st.ranking.at(i));
  applySequencerSet(seq, set, at);
  st.latestSequencerSetSize.set(size);
}
