import type { Seq } from './state.js';

/** Canonical state of spec 6 (default-valued entries omitted; caches such as pendingRedelegations excluded). */
export function serialize(seq: Seq): unknown {
  const st = seq.state;
  const m = <K, V>(entries: Array<[K, V]>) => new Map(entries);
  const list = st.ranking.toArray();
  return {
    params: st.u,
    l1: {
      whitelist: m(st.whitelist.sortedEntries()),
      removedList: m(st.removedList.sortedEntries()),
      stakerSet: [...st.stakerSet.toArray()],
      stakerIndexes: m(st.stakerIndexes.sortedEntries()),
      deleteList: [...st.deleteList.toArray()],
      deleteableHeight: m(st.deleteableHeight.sortedEntries()),
      stakers: m(st.l1Stakers.sortedEntries()),
      stakedAmount: m(st.stakedAmount.sortedEntries()),
      tmKeys: m(st.tmKeys.sortedEntries()),
      blsKeys: m(st.blsKeys.sortedEntries()),
      withdrawals: m(st.withdrawals.sortedEntries()),
      slashRemaining: st.slashRemaining.get(),
    },
    bridge: { nextMessageSeq: st.nextMessageSeq.get(), queue: [...st.queue.toArray()] },
    rollup: {
      lastCommittedBatchIndex: st.lastCommittedBatchIndex.get(),
      lastFinalizedBatchIndex: st.lastFinalizedBatchIndex.get(),
      committedBatches: m(st.committedBatches.sortedEntries()),
      isChallenger: m(st.isChallenger.sortedEntries()),
      latestSequencerSet: [...st.latestSequencerSet.get()],
    },
    l2: {
      rewardStarted: st.rewardStarted.get(),
      latestSequencerSetSize: st.latestSequencerSetSize.get(),
      candidateNumber: st.candidateNumber.get(),
      stakerAddresses: list,
      stakerRankings: new Map(list.map((a, i) => [a, i + 1] as const).sort(([a], [b]) => (a < b ? -1 : 1))),
      stakers: m(st.l2Stakers.sortedEntries()),
      commissions: m(st.commissions.sortedEntries()),
      commissionSchedule: m(st.commissionSchedule.sortedEntries()),
      stakerDelegations: m(st.stakerDelegations.sortedEntries()),
      delegators: new Map(st.delegators.groups().map((g) => [g, st.delegators.values(g)])),
      delegations: m(st.delegations.sortedEntries()),
      undelegations: m(st.undelegations.sortedEntries()),
      nextUndelegationSeq: st.nextUndelegationSeq.get(),
    },
    sequencer: st.sets.get(),
    production: { syncedTime: st.syncedTime.get(), accountedHeight: st.accountedHeight.get(), epochBlocks: m(st.epochBlocks.sortedEntries()) },
    token: { inflationRates: st.inflationRates.get() },
    record: { nextRewardEpochIndex: st.nextRewardEpochIndex.get() },
    distribute: {
      delegationAmount: m(st.distDelegationAmount.sortedEntries()),
      delegators: new Map(st.distDelegators.groups().map((g) => [g, st.distDelegators.values(g)])),
      amounts: m(st.distAmounts.sortedEntries()),
      unclaimedDelegatees: new Map(st.unclaimedDelegatees.groups().map((g) => [g, st.unclaimedDelegatees.values(g)])),
      undelegated: m(st.unclaimedUndelegated.sortedEntries()),
      unclaimedStart: m(st.unclaimedStart.sortedEntries()),
      unclaimedEnd: m(st.unclaimedEnd.sortedEntries()),
    },
    escrow: { l1Staking: st.escrowL1Staking.get(), rollup: st.escrowRollup.get(), l2Staking: st.escrowL2Staking.get(), distribute: st.escrowDistribute.get() },
  };
}
