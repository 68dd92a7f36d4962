import { ZERO_ADDRESS } from '../../kernel/index.js';
import type { Seq } from './state.js';

/** Spec 12 invariants 1–9 as violation lines (10, sync independence, is a property test). */
export function invariants(seq: Seq): string[] {
  const st = seq.state;
  const out: string[] = [];

  // 1. ETH books: l1Staking = Σ stakedAmount + slashRemaining.
  let staked = 0n;
  for (const v of st.stakedAmount.values()) staked += v;
  if (st.escrowL1Staking.get() !== staked + st.slashRemaining.get()) out.push(`escrow.l1Staking ${st.escrowL1Staking.get()} ≠ Σ stakedAmount ${staked} + slashRemaining`);

  // 1. ETH books: rollup = Σ open challenge deposits + Σ batchChallengeReward + proveRemaining; no ETH mint or burn.
  let open = 0n;
  let openCount = 0;
  for (const c of st.challenges.values()) {
    if (c.challenger !== ZERO_ADDRESS && !c.finished) {
      open += c.challengeDeposit;
      openCount++;
    }
  }
  let credited = 0n;
  for (const v of st.batchChallengeReward.values()) credited += v;
  if (st.escrowRollup.get() !== open + credited + st.proveRemaining.get()) out.push(`escrow.rollup ${st.escrowRollup.get()} ≠ open deposits ${open} + challenge rewards ${credited} + proveRemaining ${st.proveRemaining.get()}`);
  const eth = seq.ctx.ledger.totalsOf('ETH');
  if (eth.minted !== 0n || eth.burned !== 0n) out.push('ETH was minted or burned');

  // 2. MORPH supply = initialSupply + Σ inflations − burned.
  const morph = seq.ctx.ledger.totalsOf('MORPH');
  let inflated = 0n;
  for (const v of st.inflations.values()) inflated += v;
  if (morph.genesis !== seq.params.initialSupply) out.push(`MORPH genesis ${morph.genesis} ≠ initialSupply`);
  if (morph.minted !== inflated) out.push(`MORPH minted ${morph.minted} ≠ Σ inflations ${inflated}`);
  if (morph.supply !== seq.params.initialSupply + inflated - morph.burned) out.push(`MORPH supply ${morph.supply} ≠ initialSupply + Σ inflations − burned`);

  // 4. Distribution never pays more than minted.
  let owed = 0n;
  for (const v of st.distCommissions.values()) owed += v;
  if (st.escrowDistribute.get() < owed) out.push(`escrow.distribute ${st.escrowDistribute.get()} < outstanding commissions ${owed}`);
  if (st.escrowDistribute.get() > inflated) out.push(`escrow.distribute ${st.escrowDistribute.get()} > minted ${inflated}`);
  for (const [e, ep] of st.rewardEpochs.entries()) {
    const inflation = st.inflations.get(e) ?? 0n;
    let paid = 0n;
    let ratios = 0n;
    let blocks = 0n;
    ep.sequencers.forEach((_, j) => {
      paid += (inflation * ep.sequencerRatios[j]!) / 100_000_000n;
      ratios += ep.sequencerRatios[j]!;
      blocks += ep.sequencerBlocks[j]!;
    });
    if (paid > inflation) out.push(`epoch ${e} allocates ${paid} > its inflation ${inflation}`);
    // 9. Production: recorded counts add up; the built-in recorder's ratios sum to exactly 10^8.
    if (blocks !== ep.blockCount) out.push(`epoch ${e}: Σ sequencerBlocks ${blocks} ≠ blockCount ${ep.blockCount}`);
    if (seq.params.autoRecord && ep.blockCount > 0n && ratios !== 100_000_000n) out.push(`epoch ${e}: ratios sum to ${ratios}`);
  }

  // 5. Counters.
  if (st.nextRewardEpochIndex.get() !== st.mintedEpochCount.get() || st.mintedEpochCount.get() !== st.inflationMintedEpochs.get()) {
    out.push(`nextRewardEpochIndex ${st.nextRewardEpochIndex.get()}, mintedEpochCount ${st.mintedEpochCount.get()}, inflationMintedEpochs ${st.inflationMintedEpochs.get()} differ`);
  }

  // 8. Rollup.
  if (st.lastFinalizedBatchIndex.get() > st.lastCommittedBatchIndex.get()) out.push('lastFinalized > lastCommitted');
  const bc = st.challenges.get(st.batchChallenged.get());
  const open8 = bc !== undefined && bc.challenger !== ZERO_ADDRESS && !bc.finished;
  if (st.inChallenge.get() !== open8) out.push(`inChallenge ${st.inChallenge.get()} ≠ batchInChallenge(batchChallenged)`);
  if (openCount > 1) out.push(`${openCount} open challenges`);
  const rr = st.revertReqIndex.get();
  if (rr !== 0 && !st.challenges.get(rr)?.challengeSuccess) out.push(`revertReqIndex ${rr} without a successful challenge`);

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
