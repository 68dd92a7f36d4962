import type { Address, Hex } from '../../kernel/index.js';
import { updateSequencerSet } from './sequencer.js';
import type { Seq } from './state.js';
import type { L2At } from './time.js';

/** Spec 8.4 addStaker (bridge delivery): append a newcomer, always refresh its keys. */
export function addStaker(seq: Seq, info: { addr: Address; tmKey: Hex; blsKey: Hex }, at: L2At): void {
  const st = seq.state;
  if (st.ranking.rankOf(info.addr) === 0) st.ranking.insertAt(st.ranking.length, info.addr);
  st.l2Stakers.set(info.addr, { tmKey: info.tmKey, blsKey: info.blsKey });
  seq.ctx.emit('StakerAdded', { addr: info.addr, tmKey: info.tmKey, blsKey: info.blsKey });
  // Before rewards start the set is the first X stakers in arrival order; after, a newcomer has
  // no delegation and is no candidate.
  if (!st.rewardStarted.get() && st.ranking.length <= st.u.sequencerSetMaxSize) updateSequencerSet(seq, at);
}

/**
 * Spec 8.4 removeStakers (bridge delivery). Later entries shift up (implicit in the rank index);
 * delegations to a removed staker stay until each delegator undelegates. An address L2 does not
 * know has ranking 0 ≤ latestSequencerSetSize and still triggers an update (release, kept).
 */
export function removeStakers(seq: Seq, list: readonly Address[], at: L2At): void {
  const st = seq.state;
  let flag = false;
  for (const a of list) {
    const r = st.ranking.rankOf(a);
    if (r <= st.latestSequencerSetSize.get()) flag = true;
    if (r > 0) {
      st.ranking.removeAt(r - 1);
      if (st.total(a) > 0n) st.candidateNumber.set(st.candidateNumber.get() - 1);
    }
    st.l2Stakers.delete(a);
  }
  seq.ctx.emit('StakerRemoved', { stakerAddresses: [...list] });
  if (flag) updateSequencerSet(seq, at);
}
