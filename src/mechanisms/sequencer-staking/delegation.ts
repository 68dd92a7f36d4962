import { ZERO_ADDRESS, type Address } from '../../kernel/index.js';
import { notifyDelegation, notifyUndelegation } from './notify.js';
import { downwardPass, upwardPass } from './ranking.js';
import { updateSequencerSet } from './sequencer.js';
import { pairKey, type Seq, type Undelegation } from './state.js';
import { effectiveEpoch, type L2At } from './time.js';

/**
 * The delegation procedure of spec 8.5 steps 5–10 (shared by delegateStake, the immediate
 * redelegation before the start, and redelegation conversion at an epoch boundary). Returns the
 * ranking before the move; `finishDelegation` is step 12, run after the token movement (step 11).
 */
export function delegateCore(seq: Seq, delegatee: Address, delegator: Address, amount: bigint, effEpoch: number): number {
  const st = seq.state;
  const total = st.total(delegatee) + amount;
  const mine = st.delegation(delegatee, delegator) + amount;
  st.stakerDelegations.set(delegatee, total);
  st.delegations.set(pairKey(delegatee, delegator), mine);
  st.delegators.add(delegatee, delegator);
  if (total === amount) st.candidateNumber.set(st.candidateNumber.get() + 1);
  const before = st.ranking.rankOf(delegatee);
  if (st.rewardStarted.get() && before > 1) upwardPass(st.ranking, (a) => st.total(a), before);
  seq.ctx.emit('Delegated', { delegatee, delegator, amount: mine, stakeAmount: amount, effectiveEpoch: effEpoch });
  notifyDelegation(seq, delegatee, delegator, effEpoch, mine, total, mine === amount);
  return before;
}

export function finishDelegation(seq: Seq, delegatee: Address, before: number, at: L2At): void {
  const st = seq.state;
  if (st.rewardStarted.get() && before > st.latestSequencerSetSize.get() && st.ranking.rankOf(delegatee) <= st.u.sequencerSetMaxSize) {
    updateSequencerSet(seq, at);
  }
}

/** What an undelegation leaves behind: a plain record, a redelegation record, or nothing (immediate move). */
export type UndelegationRecord = { kind: 'plain' } | { kind: 'redelegate'; to: Address } | { kind: 'none' };

/** Spec 8.5 undelegateStake steps 2–9 for the caller's whole delegation to `delegatee`. */
export function undelegateCore(seq: Seq, delegatee: Address, delegator: Address, record: UndelegationRecord, at: L2At): { amount: bigint; effectiveEpoch: number; unlockEpoch: number } {
  const st = seq.state;
  const amount = st.delegation(delegatee, delegator);
  const removed = st.ranking.rankOf(delegatee) === 0;
  const started = st.rewardStarted.get();
  const eff = effectiveEpoch(seq);
  const unlock = started && !removed ? eff + seq.params.undelegateLockEpochs : eff;
  if (record.kind !== 'none') {
    const s = st.nextUndelegationSeq.get();
    st.nextUndelegationSeq.set(s + 1);
    const redelegateTo = record.kind === 'redelegate' ? record.to : ZERO_ADDRESS;
    const rec: Undelegation = { delegatee, amount, unlockEpoch: unlock, redelegateTo, seq: s };
    st.undelegations.set(delegator, [...st.undelegationsOf(delegator), rec]);
    if (record.kind === 'redelegate') st.addPendingRedelegation(s, delegator, unlock);
  }
  st.delegations.delete(pairKey(delegatee, delegator));
  const total = st.total(delegatee) - amount;
  if (total === 0n) st.stakerDelegations.delete(delegatee);
  else st.stakerDelegations.set(delegatee, total);
  st.delegators.remove(delegatee, delegator);
  const before = st.ranking.rankOf(delegatee);
  const cn = st.candidateNumber.get();
  if (!removed && started && before < cn) downwardPass(st.ranking, (a) => st.total(a), before, cn);
  if (!removed && total === 0n) st.candidateNumber.set(cn - 1);
  notifyUndelegation(seq, delegatee, delegator, eff, total);
  seq.ctx.emit('Undelegated', { delegatee, delegator, amount, effectiveEpoch: eff, unlockEpoch: unlock });
  if (!removed && started && before <= st.latestSequencerSetSize.get()) {
    const now = st.ranking.rankOf(delegatee);
    if (now > st.latestSequencerSetSize.get() || now > st.candidateNumber.get()) updateSequencerSet(seq, at);
  }
  return { amount, effectiveEpoch: eff, unlockEpoch: unlock };
}

/** delegateStake checks 3 and 4 (also redelegation's before the start and its conversion). */
export function delegationBlocker(seq: Seq, delegatee: Address, delegator: Address): 'UNDELEGATION_UNCLAIMED' | 'REWARD_UNCLAIMED' | undefined {
  const st = seq.state;
  if (st.undelegationsOf(delegator).some((r) => r.delegatee === delegatee)) return 'UNDELEGATION_UNCLAIMED';
  if (st.delegation(delegatee, delegator) === 0n && st.unclaimedDelegatees.has(delegator, delegatee)) return 'REWARD_UNCLAIMED';
  return undefined;
}
