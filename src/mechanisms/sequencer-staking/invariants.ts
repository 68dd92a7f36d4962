import { invariant, ZERO_ADDRESS, type Invariant } from '../../kernel/index.js';
import { economyIdentities } from './economy.js';
import type { Seq } from './state.js';

/** Spec 12 invariants 1–9, named and tiered (10, sync independence, is a property test); economy §2's identities. */
export function invariants(seq: Seq): Invariant[] {
  return [
    invariant('ethBooks.l1Staking', 'full', () => ethBooksL1Staking(seq)),
    invariant('ethBooks.rollup', 'full', () => ethBooksRollup(seq)),
    invariant('ethNoMintOrBurn', 'cheap', () => ethNoMintOrBurn(seq)),
    invariant('morphSupply', 'full', () => morphSupply(seq)),
    invariant('distribution', 'full', () => distribution(seq)),
    invariant('counters', 'cheap', () => counters(seq)),
    invariant('rollup', 'cheap', () => rollup(seq)),
    invariant('singleOpenChallenge', 'full', () => singleOpenChallenge(seq)),
    invariant('delegations', 'full', () => delegations(seq)),
    invariant('l1Slots', 'full', () => l1Slots(seq)),
    invariant('l2Ranking', 'full', () => l2Ranking(seq)),
    invariant('sequencerSetSize', 'cheap', () => sequencerSetSize(seq)),
    invariant('accountedHeight', 'cheap', () => accountedHeight(seq)),
    invariant('economyIdentity', 'cheap', () => economyIdentities(seq)),
  ];
}

/** Σ deposits of open challenges and their number. */
function openChallenges(seq: Seq): { open: bigint; openCount: number } {
  let open = 0n;
  let openCount = 0;
  for (const c of seq.state.challenges.values()) {
    if (c.challenger !== ZERO_ADDRESS && !c.finished) {
      open += c.challengeDeposit;
      openCount++;
    }
  }
  return { open, openCount };
}

/** 1. ETH books: l1Staking = Σ stakedAmount + slashRemaining. */
function ethBooksL1Staking(seq: Seq): string[] {
  const st = seq.state;
  let staked = 0n;
  for (const v of st.stakedAmount.values()) staked += v;
  return st.escrowL1Staking.get() !== staked + st.slashRemaining.get() ? [`escrow.l1Staking ${st.escrowL1Staking.get()} ≠ Σ stakedAmount ${staked} + slashRemaining`] : [];
}

/** 1. ETH books: rollup = Σ open challenge deposits + Σ batchChallengeReward + proveRemaining. */
function ethBooksRollup(seq: Seq): string[] {
  const st = seq.state;
  const { open } = openChallenges(seq);
  let credited = 0n;
  for (const v of st.batchChallengeReward.values()) credited += v;
  if (st.escrowRollup.get() !== open + credited + st.proveRemaining.get()) {
    return [`escrow.rollup ${st.escrowRollup.get()} ≠ open deposits ${open} + challenge rewards ${credited} + proveRemaining ${st.proveRemaining.get()}`];
  }
  return [];
}

/** 1. No ETH mint or burn. */
function ethNoMintOrBurn(seq: Seq): string[] {
  const eth = seq.ctx.ledger.totalsOf('ETH');
  return eth.minted !== 0n || eth.burned !== 0n ? ['ETH was minted or burned'] : [];
}

function inflated(seq: Seq): bigint {
  let sum = 0n;
  for (const v of seq.state.inflations.values()) sum += v;
  return sum;
}

/** 2. MORPH supply = initialSupply + Σ inflations − burned. */
function morphSupply(seq: Seq): string[] {
  const out: string[] = [];
  const morph = seq.ctx.ledger.totalsOf('MORPH');
  const inf = inflated(seq);
  if (morph.genesis !== seq.params.initialSupply) out.push(`MORPH genesis ${morph.genesis} ≠ initialSupply`);
  if (morph.minted !== inf) out.push(`MORPH minted ${morph.minted} ≠ Σ inflations ${inf}`);
  if (morph.supply !== seq.params.initialSupply + inf - morph.burned) out.push(`MORPH supply ${morph.supply} ≠ initialSupply + Σ inflations − burned`);
  return out;
}

/** 4. Distribution never pays more than minted; 9. production counts add up. */
function distribution(seq: Seq): string[] {
  const st = seq.state;
  const out: string[] = [];
  const inf = inflated(seq);
  let owed = 0n;
  for (const v of st.distCommissions.values()) owed += v;
  if (st.escrowDistribute.get() < owed) out.push(`escrow.distribute ${st.escrowDistribute.get()} < outstanding commissions ${owed}`);
  if (st.escrowDistribute.get() > inf) out.push(`escrow.distribute ${st.escrowDistribute.get()} > minted ${inf}`);
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
  return out;
}

/** 5. Counters. */
function counters(seq: Seq): string[] {
  const st = seq.state;
  if (st.nextRewardEpochIndex.get() !== st.mintedEpochCount.get() || st.mintedEpochCount.get() !== st.inflationMintedEpochs.get()) {
    return [`nextRewardEpochIndex ${st.nextRewardEpochIndex.get()}, mintedEpochCount ${st.mintedEpochCount.get()}, inflationMintedEpochs ${st.inflationMintedEpochs.get()} differ`];
  }
  return [];
}

/** 8. Rollup: batch indexes, the challenged batch, the revert request. */
function rollup(seq: Seq): string[] {
  const st = seq.state;
  const out: string[] = [];
  if (st.lastFinalizedBatchIndex.get() > st.lastCommittedBatchIndex.get()) out.push('lastFinalized > lastCommitted');
  const bc = st.challenges.get(st.batchChallenged.get());
  const open8 = bc !== undefined && bc.challenger !== ZERO_ADDRESS && !bc.finished;
  if (st.inChallenge.get() !== open8) out.push(`inChallenge ${st.inChallenge.get()} ≠ batchInChallenge(batchChallenged)`);
  const rr = st.revertReqIndex.get();
  if (rr !== 0 && !st.challenges.get(rr)?.challengeSuccess) out.push(`revertReqIndex ${rr} without a successful challenge`);
  return out;
}

/** 8. At most one open challenge. */
function singleOpenChallenge(seq: Seq): string[] {
  const { openCount } = openChallenges(seq);
  return openCount > 1 ? [`${openCount} open challenges`] : [];
}

/** 3. Delegations. */
function delegations(seq: Seq): string[] {
  const st = seq.state;
  const out: string[] = [];
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
  return out;
}

/** 6. L1 slots. */
function l1Slots(seq: Seq): string[] {
  const st = seq.state;
  const out: string[] = [];
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
  return out;
}

/** 7. L2 ranking: a bijection onto 1 … length, candidateNumber, order after the start. */
function l2Ranking(seq: Seq): string[] {
  const st = seq.state;
  const out: string[] = [];
  const list = st.ranking.toArray();
  let candidates = 0;
  list.forEach((a, i) => {
    if (st.ranking.rankOf(a) !== i + 1) out.push(`ranking of ${a} is ${st.ranking.rankOf(a)}, position ${i + 1}`);
    if (st.total(a) > 0n) candidates++;
    if (st.rewardStarted.get() && i > 0 && st.total(a) > st.total(list[i - 1]!)) out.push(`totals increase at rank ${i + 1} after the start`);
  });
  if (new Set(list).size !== list.length) out.push('a staker is ranked twice');
  if (candidates !== st.candidateNumber.get()) out.push(`candidateNumber ${st.candidateNumber.get()} ≠ ${candidates} listed stakers with delegations`);
  return out;
}

/** 7. latestSequencerSetSize = |set2|. */
function sequencerSetSize(seq: Seq): string[] {
  const st = seq.state;
  return st.latestSequencerSetSize.get() !== st.sets.get().sequencerSet2.length ? ['latestSequencerSetSize ≠ |set2|'] : [];
}

/** 9. Accounting never runs ahead of the synced L2 height. */
function accountedHeight(seq: Seq): string[] {
  const st = seq.state;
  return st.accountedHeight.get() > Math.floor((st.syncedTime.get() - seq.genesisTime) / seq.params.l2BlockTime) ? ['accounted beyond the synced height'] : [];
}
