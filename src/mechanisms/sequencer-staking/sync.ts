import { accountTo } from './accounting.js';
import { delegateCore, delegationBlocker, finishDelegation } from './delegation.js';
import { REWARD_EPOCH } from './params.js';
import { autoRecordNext } from './record.js';
import type { Seq, Undelegation } from './state.js';
import { l2HeightAt, type L2At } from './time.js';

/** Reward epochs (days) one step may pass: about 11 years. */
export const MAX_EPOCHS_PER_STEP = 4096;

/**
 * Spec 7.1 sync(now): epoch boundaries in order (account blocks up to the boundary, record the
 * ended epochs when autoRecord, convert due redelegations), then account up to now. The
 * chain commits it on its own before every transaction, query, hook and state root.
 */
export function sync(seq: Seq): void {
  const st = seq.state;
  const now = seq.ctx.clock.time;
  const synced = st.syncedTime.get();
  if (now <= synced) return;
  const rst = st.u.rewardStartTime;
  let k = Math.max(1, Math.floor((synced - rst) / REWARD_EPOCH) + 1);
  // Every epoch boundary is real work (blocks accounted, the epoch recorded, inflation minted),
  // so the count is checked before any of it: one step may pass at most MAX_EPOCHS_PER_STEP.
  const boundaries = Math.floor((now - rst) / REWARD_EPOCH) - k + 1;
  if (boundaries > MAX_EPOCHS_PER_STEP) {
    seq.ctx.fail('TOO_MANY_EPOCHS', `moving the time from ${synced} to ${now} would pass ${boundaries} reward epochs; one step passes at most ${MAX_EPOCHS_PER_STEP} (advance in several steps)`, { epochs: boundaries, max: MAX_EPOCHS_PER_STEP });
  }
  for (; rst + k * REWARD_EPOCH <= now; k++) {
    const b = rst + k * REWARD_EPOCH;
    const at: L2At = { h: l2HeightAt(seq, b), time: b };
    accountTo(seq, at.h);
    if (seq.params.autoRecord) while (st.nextRewardEpochIndex.get() < k) autoRecordNext(seq);
    convertRedelegations(seq, k, at);
  }
  accountTo(seq, l2HeightAt(seq, now));
  st.syncedTime.set(now);
}

/** Spec 7.4: every redelegation record with unlockEpoch ≤ k, in increasing seq (looked up by unlock epoch, not scanned). */
function convertRedelegations(seq: Seq, k: number, at: L2At): void {
  const st = seq.state;
  const due: Array<[number, Undelegation, string]> = [];
  for (const s of st.takeRedelegationsDue(k)) {
    const d = st.pendingRedelegations.get(s)!;
    const rec = st.undelegationsOf(d).find((r) => r.seq === s);
    if (rec) due.push([s, rec, d]);
  }
  for (const [s, rec, d] of due) {
    const delegator = d as `0x${string}`;
    const to = rec.redelegateTo;
    const list = st.undelegationsOf(delegator);
    const pos = list.findIndex((r) => r.seq === s);
    st.pendingRedelegations.delete(s);
    const others = list.some((r, i) => i !== pos && r.delegatee === to);
    const blocked = st.ranking.rankOf(to) === 0 || others || delegationBlocker(seq, to, delegator) === 'REWARD_UNCLAIMED';
    if (blocked) {
      const next = [...list];
      next[pos] = { ...rec, redelegateTo: '0x0000000000000000000000000000000000000000' };
      st.undelegations.set(delegator, next);
      seq.ctx.emit('RedelegationCancelled', { from: rec.delegatee, to, delegator, amount: rec.amount, unlockEpoch: rec.unlockEpoch });
      continue;
    }
    const next = [...list];
    next[pos] = next[next.length - 1]!;
    next.pop();
    if (next.length === 0) st.undelegations.delete(delegator);
    else st.undelegations.set(delegator, next);
    // No token movement: the MORPH is already in the l2Staking escrow (it moves from the record to the delegation).
    const before = delegateCore(seq, to, delegator, rec.amount, k + 1);
    finishDelegation(seq, to, before, at);
    seq.ctx.emit('Redelegated', { from: rec.delegatee, to, delegator, amount: rec.amount, effectiveEpoch: k + 1 });
  }
}
