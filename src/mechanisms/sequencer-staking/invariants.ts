import { ZERO_ADDRESS } from '../../kernel/index.js';
import type { Seq } from './state.js';

/** Spec 12, the parts this issue owns (1, 3, 6, 7 and the set size), as violation lines. */
export function invariants(seq: Seq): string[] {
  const st = seq.state;
  const out: string[] = [];

  // 1. ETH books: l1Staking = Σ stakedAmount + slashRemaining.
  let staked = 0n;
  for (const v of st.stakedAmount.values()) staked += v;
  if (st.escrowL1Staking.get() !== staked + st.slashRemaining.get()) out.push(`escrow.l1Staking ${st.escrowL1Staking.get()} ≠ Σ stakedAmount ${staked} + slashRemaining`);

  // 3. Delegations.
  const perStaker = new Map<string, bigint>();
  let delegated = 0n;
  for (const [k, v] of st.delegations.entries()) {
    const s = k.slice(0, 42);
    perStaker.set(s, (perStaker.get(s) ?? 0n) + v);
    delegated += v;
    if (v <= 0n) out.push(`delegation ${k} is ${v}`);
    if (!st.delegators.has(s as `0x${string}`, k.slice(43) as `0x${string}`)) out.push(`delegator of ${k} missing from delegators{${s}}`);
  }
  for (const [s, v] of st.stakerDelegations.entries()) if ((perStaker.get(s) ?? 0n) !== v) out.push(`stakerDelegations{${s}} ${v} ≠ Σ delegations ${perStaker.get(s) ?? 0n}`);
  for (const [s, v] of perStaker) if ((st.stakerDelegations.get(s as `0x${string}`) ?? 0n) !== v) out.push(`Σ delegations to ${s} has no matching stakerDelegations`);
  for (const s of st.delegators.groups()) if (st.delegators.size(s) !== st.delegators.values(s).filter((d) => st.delegation(s, d) > 0n).length) out.push(`delegators{${s}} holds a zero delegation`);
  let records = 0n;
  for (const list of st.undelegations.values()) for (const r of list) records += r.amount;
  if (st.escrowL2Staking.get() !== delegated + records) out.push(`escrow.l2Staking ${st.escrowL2Staking.get()} ≠ Σ delegations ${delegated} + Σ undelegation records ${records}`);

  // 6. L1 slots.
  st.stakerSet.toArray().forEach((a, i) => {
    if (a !== ZERO_ADDRESS && st.stakerIndexes.get(a) !== i + 1) out.push(`slot ${i + 1} holds ${a} whose index is ${st.stakerIndexes.get(a)}`);
  });
  for (const [a, i] of st.stakerIndexes.entries()) if (st.stakerSet.at(i - 1) !== a) out.push(`stakerIndexes{${a}} = ${i} but the slot holds ${st.stakerSet.at(i - 1)}`);
  for (const [a, w] of st.withdrawals.entries()) {
    const d = st.deleteableHeight.get(a);
    if (d !== undefined && d !== w) out.push(`withdrawals{${a}} ${w} ≠ deleteableHeight ${d}`);
  }
  for (const [a] of st.stakerIndexes.entries()) if (st.isActiveStaker(a) && (st.stakedAmount.get(a) ?? 0n) <= 0n) out.push(`active staker ${a} has no stake`);
  for (const a of st.deleteList.toArray()) if (!st.removedList.has(a)) out.push(`${a} is in the delete list but not removed`);

  // 7. L2 ranking.
  const list = st.ranking.toArray();
  let candidates = 0;
  list.forEach((a, i) => {
    if (st.ranking.rankOf(a) !== i + 1) out.push(`ranking of ${a} is ${st.ranking.rankOf(a)}, position ${i + 1}`);
    if (st.total(a) > 0n) candidates++;
    if (st.rewardStarted.get() && i > 0 && st.total(a) > st.total(list[i - 1]!)) out.push(`totals increase at rank ${i + 1} after the start`);
  });
  if (new Set(list).size !== list.length) out.push('a staker is ranked twice');
  if (candidates !== st.candidateNumber.get()) out.push(`candidateNumber ${st.candidateNumber.get()} ≠ ${candidates} listed stakers with delegations`);
  if (st.latestSequencerSetSize.get() !== st.sets.get().sequencerSet2.length) out.push('latestSequencerSetSize ≠ |set2|');
  if (st.accountedHeight.get() > Math.floor((st.syncedTime.get() - seq.genesisTime) / seq.params.l2BlockTime)) out.push('accounted beyond the synced height');
  return out;
}
