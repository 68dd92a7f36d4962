import type { Address } from '../../kernel/index.js';
import type { Seq } from './state.js';

/**
 * The state changes `withdraw` and `removeStaker` share (spec 8.1): the lock in L1 blocks, the
 * delete list, whitelist cleared, removed for good. Emits Withdrawn.
 */
export function markWithdrawing(seq: Seq, a: Address): void {
  const st = seq.state;
  const unlockHeight = seq.ctx.clock.height + seq.params.withdrawalLockBlocks;
  st.withdrawals.set(a, unlockHeight);
  if (st.inDeleteList(a)) seq.ctx.fail('ALREADY_IN_DELETE_LIST', `${a} is already in the delete list`, { addr: a });
  st.deleteList.push(a);
  st.deleteableHeight.set(a, unlockHeight);
  st.whitelist.delete(a);
  st.removedList.set(a, true);
  seq.ctx.emit('Withdrawn', { addr: a, unlockHeight });
}

/**
 * Cleanup (spec 8.1): physically delete every delete-list entry whose height has come, moving the
 * last entry into the freed position. `stakedAmount` and `withdrawals` are not touched.
 */
export function cleanStakerStore(seq: Seq): void {
  const st = seq.state;
  const H = seq.ctx.clock.height;
  let i = 0;
  while (i < st.deleteList.length) {
    const a = st.deleteList.at(i)!;
    if ((st.deleteableHeight.get(a) ?? 0) <= H) {
      const idx = st.stakerIndexes.get(a) ?? 0;
      if (idx !== 0 && st.stakerSet.at(idx - 1) === a) st.stakerSet.set(idx - 1, '0x0000000000000000000000000000000000000000');
      st.stakerIndexes.delete(a);
      st.l1Stakers.delete(a);
      st.deleteableHeight.delete(a);
      const last = st.deleteList.length - 1;
      if (i !== last) st.deleteList.set(i, st.deleteList.at(last)!);
      st.deleteList.pop();
    } else i++;
  }
}
