import { z } from 'zod';
import { address, argsOf, bytes32, noArgs, smallUint, uint, ZERO_ADDRESS, type Address, type Hex, type QuerySpec, query } from '../../kernel/index.js';
import { batchMessage } from './batchSignature.js';
import { batchExist, insideWindow, ZERO_HASH } from './batchStatus.js';
import { distKey } from './notify.js';
import { SLOT_COUNT } from './params.js';
import { activeSetAt } from './sequencer.js';
import { pairKey, type Seq } from './state.js';
import { currentEpochOrNull, epochAt, l2Height, tau } from './time.js';
import { blsKeyArg, tmKeyArg } from './keys.js';
import { rewardRange } from './distribute.js';
import { buildRewardEpoch } from './record.js';
import { morphSupply } from './token.js';

/** Spec 9: every query (L1 staking, bridge, L2 staking, sequencer, L2 production, token, Record, Distribute, escrow, rollup). */
export function queries(seq: Seq) {
  const { state: st, ctx } = seq;
  const bitmapOf = (list: readonly Address[]): bigint => {
    if (list.length > SLOT_COUNT) ctx.fail('STAKERS_LENGTH_OUT_OF_BOUNDS', 'stakers length out of bounds');
    let b = 0n;
    for (const a of list) {
      if (!st.isStaker(a)) ctx.fail('INVALID_STAKER', 'invalid staker', { addr: a });
      b |= 1n << BigInt(st.stakerIndexes.get(a)!);
    }
    return b;
  };
  const l2StakerView = (a: Address) => {
    const info = st.l2Stakers.get(a);
    return {
      ranking: st.ranking.rankOf(a),
      totalDelegation: st.total(a),
      commission: st.commissions.get(a) ?? 0,
      delegatorCount: st.delegators.size(a),
      tmKey: info?.tmKey ?? `0x${'0'.repeat(64)}`,
      blsKey: info?.blsKey ?? '0x',
    };
  };
  const rangeGetter = (name: string, item: (i: bigint) => unknown): Record<string, QuerySpec> => ({
    [name]: {
      summary: `${name} (the release's getter: only start 0 works)`,
      args: argsOf({ start: uint(256), end: uint(256) }),
      run: ({ start, end }: { start: bigint; end: bigint }) => {
        if (end < start) ctx.fail('INVALID_INDEX', 'invalid index');
        if (start > 0n) ctx.fail('PANIC_INDEX_OUT_OF_BOUNDS', 'array index out of bounds');
        if (end > 100_000n) ctx.fail('INVALID_ARGUMENT', 'range too large');
        const items: unknown[] = [];
        for (let i = 0n; i <= end; i++) items.push(item(i));
        return { items };
      },
    },
  });
  return {
    getL1Params: query({
      summary: 'L1 staking parameters and slashRemaining',
      args: noArgs,
      run: () => ({
        stakingValue: st.u.stakingValue,
        withdrawalLockBlocks: seq.params.withdrawalLockBlocks,
        rewardPercentage: st.u.rewardPercentage,
        challengeDeposit: st.u.challengeDeposit,
        gasLimitAddStaker: st.u.gasLimitAddStaker,
        gasLimitRemoveStakers: st.u.gasLimitRemoveStakers,
        slashRemaining: st.slashRemaining.get(),
      }),
    }),
    getL1Staker: query({
      summary: 'an address as L1 sees it',
      args: argsOf({ addr: address }),
      run: ({ addr }) => {
        const info = st.l1Stakers.get(addr);
        return {
          whitelisted: st.whitelist.has(addr),
          removed: st.removedList.has(addr),
          isStaker: st.isStaker(addr),
          isActiveStaker: st.isActiveStaker(addr),
          inDeleteList: st.inDeleteList(addr),
          index: st.stakerIndexes.get(addr) ?? 0,
          tmKey: info?.tmKey ?? `0x${'0'.repeat(64)}`,
          blsKey: info?.blsKey ?? '0x',
          stakedAmount: st.stakedAmount.get(addr) ?? 0n,
          withdrawalUnlockHeight: st.withdrawals.get(addr) ?? 0,
          deleteableHeight: st.deleteableHeight.get(addr) ?? 0,
        };
      },
    }),
    getL1Stakers: query({ summary: 'the 255 slots', args: noArgs, run: () => ({ slots: [...st.stakerSet.toArray()] }) }),
    getActiveStakers: query({
      summary: 'active stakers in slot order',
      args: noArgs,
      run: () => ({ stakers: st.stakerSet.toArray().filter((a) => a !== ZERO_ADDRESS && st.isActiveStaker(a)) }),
    }),
    getDeleteList: query({
      summary: 'stakers pending deletion',
      args: noArgs,
      run: () => ({ entries: st.deleteList.toArray().map((a) => ({ addr: a, deleteableHeight: st.deleteableHeight.get(a) ?? 0 })) }),
    }),
    getStakerBitmap: query({ summary: '1 << index', args: argsOf({ staker: address }), run: ({ staker }) => ({ bitmap: bitmapOf([staker]) }) }),
    getStakersBitmap: query({ summary: 'OR of 1 << index', args: argsOf({ stakers: z.array(address) }), run: ({ stakers }) => ({ bitmap: bitmapOf(stakers) }) }),
    getStakersFromBitmap: query({
      summary: 'the stakers a bitmap names (zero addresses kept)',
      args: argsOf({ bitmap: uint(256) }),
      run: ({ bitmap }) => {
        let count = 0;
        for (let x = bitmap >> 1n; x > 0n; x >>= 1n) if (x & 1n) count++;
        const out: Address[] = [];
        for (let i = 1; i <= SLOT_COUNT && out.length < count; i++) if ((bitmap >> BigInt(i)) & 1n) out.push(st.stakerSet.at(i - 1)!);
        return { stakers: out };
      },
    }),
    getKeyUsage: query({
      summary: 'whether keys were ever used',
      args: argsOf({ tmKey: tmKeyArg.optional(), blsKey: blsKeyArg.optional() }),
      run: ({ tmKey, blsKey }) => ({ tmKeyUsed: tmKey ? st.tmKeys.has(tmKey) : false, blsKeyUsed: blsKey ? st.blsKeys.has(blsKey) : false }),
    }),
    getBridgeQueue: query({
      summary: 'undelivered L1→L2 messages',
      args: noArgs,
      run: () => ({ nextMessageSeq: st.nextMessageSeq.get(), messages: st.queue.toArray().map((m) => ({ ...m })) }),
    }),
    currentEpoch: query({ summary: 'epoch(now)', args: noArgs, run: () => ({ epoch: epochAt(seq, ctx.clock.time) }) }),
    getL2Staking: query({
      summary: 'L2 staking summary',
      args: noArgs,
      run: () => ({
        rewardStarted: st.rewardStarted.get(),
        rewardStartTime: st.u.rewardStartTime,
        sequencerSetMaxSize: st.u.sequencerSetMaxSize,
        undelegateLockEpochs: seq.params.undelegateLockEpochs,
        latestSequencerSetSize: st.latestSequencerSetSize.get(),
        candidateNumber: st.candidateNumber.get(),
        stakerCount: st.ranking.length,
        currentEpoch: currentEpochOrNull(seq),
      }),
    }),
    getStakers: query({
      summary: 'L2 stakers in rank order',
      args: noArgs,
      run: () => ({ stakers: st.ranking.toArray().map((a) => ({ addr: a, ...l2StakerView(a) })) }),
    }),
    getStakesInfo: query({
      summary: 'L2 keys of the given stakers',
      args: argsOf({ stakers: z.array(address) }),
      run: ({ stakers }) => ({
        stakers: stakers.map((a: Address) => ({ addr: a, tmKey: st.l2Stakers.get(a)?.tmKey ?? `0x${'0'.repeat(64)}`, blsKey: st.l2Stakers.get(a)?.blsKey ?? '0x' })),
      }),
    }),
    getL2Staker: query({ summary: 'an L2 staker', args: argsOf({ addr: address }), run: ({ addr }) => l2StakerView(addr) }),
    getDelegation: query({
      summary: 'a delegation',
      args: argsOf({ delegatee: address, delegator: address }),
      run: ({ delegatee, delegator }) => ({ amount: st.delegation(delegatee, delegator) }),
    }),
    isStakingTo: query({
      summary: 'whether delegator delegates to staker',
      args: argsOf({ staker: address, delegator: address }),
      run: ({ staker, delegator }) => ({ staking: st.delegators.has(staker, delegator) }),
    }),
    getUndelegations: query({
      summary: "a delegator's undelegation records",
      args: argsOf({ delegator: address }),
      run: ({ delegator }) => ({
        undelegations: st.undelegationsOf(delegator).map((r) => ({ delegatee: r.delegatee, amount: r.amount, unlockEpoch: r.unlockEpoch, redelegateTo: r.redelegateTo })),
      }),
    }),
    getDelegatorsLength: query({ summary: 'number of delegators', args: argsOf({ staker: address }), run: ({ staker }) => ({ length: st.delegators.size(staker) }) }),
    getAllDelegatorsInPagination: query({
      summary: "the release's pagination (its index bugs kept)",
      args: argsOf({ staker: address, pageSize: smallUint(53), pageIndex: smallUint(53) }),
      run: ({ staker, pageSize, pageIndex }) => {
        if (pageSize === 0) ctx.fail('INVALID_PAGE_SIZE', 'invalid page size');
        const total = st.delegators.size(staker);
        if (total === 0) ctx.fail('PANIC_ARITHMETIC', 'division by zero (no delegators)');
        const out: Address[] = new Array(pageSize).fill(ZERO_ADDRESS);
        const start = pageIndex * pageSize;
        const end = Math.min(start + pageSize, total);
        for (let i = start; i < end; i++) {
          if (i >= pageSize) ctx.fail('PANIC_INDEX_OUT_OF_BOUNDS', 'array index out of bounds');
          out[i] = st.delegators.at(staker, i);
        }
        return { total, delegators: out };
      },
    }),
    getSequencerSets: query({ summary: 'the three set generations', args: noArgs, run: () => ({ ...st.sets.get() }) }),
    getCurrentSequencerSet: query({
      summary: 'the set active at an L2 height (default: now)',
      args: argsOf({ l2Height: smallUint(53).optional() }),
      run: ({ l2Height: k }) => {
        const h = k ?? l2Height(seq);
        const set = activeSetAt(st.sets.get(), h);
        return { l2Height: h, sequencerSet: [...set], size: set.length };
      },
    }),
    isSequencer: query({ summary: 'in the latest set', args: argsOf({ addr: address }), run: ({ addr }) => ({ isSequencer: st.sets.get().sequencerSet2.includes(addr) }) }),
    isCurrentSequencer: query({
      summary: 'in the set active now',
      args: argsOf({ addr: address }),
      run: ({ addr }) => ({ isCurrentSequencer: activeSetAt(st.sets.get(), l2Height(seq)).includes(addr) }),
    }),
    getL2Head: query({
      summary: 'the current L2 height and its producer',
      args: noArgs,
      run: () => {
        const h = l2Height(seq);
        const set = activeSetAt(st.sets.get(), h);
        const produced = h >= 1 && set.length > 0;
        return { l2Height: h, timestamp: tau(seq, h), produced, producer: produced ? set[h % set.length]! : ZERO_ADDRESS, halted: set.length === 0 };
      },
    }),
    getEpochBlocks: query({
      summary: 'blocks accounted so far in an unrecorded epoch',
      args: argsOf({ epoch: smallUint(53) }),
      run: ({ epoch }) => {
        const list = st.epochBlocks.get(epoch) ?? [];
        return { blockCount: list.reduce((s, e) => s + e.blocks, 0n), sequencers: list.map((e) => e.sequencer), sequencerBlocks: list.map((e) => e.blocks) };
      },
    }),
    balanceOf: query({ summary: 'MORPH balance', args: argsOf({ account: address }), run: ({ account }) => ({ balance: ctx.ledger.balanceOf('MORPH', account) }) }),
    getDistribution: query({
      summary: "a delegatee's distribution record for an epoch",
      args: argsOf({ delegatee: address, epoch: smallUint(53) }),
      run: ({ delegatee, epoch }) => {
        const g = distKey(delegatee, epoch);
        const delegators = st.distDelegators.values(g);
        const amounts: Record<string, bigint> = {};
        for (const d of delegators) {
          const v = st.distAmounts.get(`${g}|${d}`);
          if (v !== undefined) amounts[d] = v;
        }
        return { delegatorRewardAmount: st.distDelegatorReward.get(g) ?? 0n, delegationAmount: st.distDelegationAmount.get(g) ?? 0n, delegators, amounts };
      },
    }),
    queryAllUnclaimedEpochs: query({
      summary: "a delegator's unclaimed delegatees and ranges",
      args: argsOf({ delegator: address }),
      run: ({ delegator }) => {
        const ds = st.unclaimedDelegatees.values(delegator);
        return {
          delegatees: ds,
          undelegated: ds.map((d) => st.unclaimedUndelegated.has(pairKey(delegator, d))),
          unclaimedStart: ds.map((d) => st.unclaimedStart.get(pairKey(delegator, d)) ?? 0),
          unclaimedEnd: ds.map((d) => st.unclaimedEnd.get(pairKey(delegator, d)) ?? 0),
        };
      },
    }),
    isRewardClaimed: query({
      summary: 'true when the delegatee is not in the delegator unclaimed set',
      args: argsOf({ delegator: address, delegatee: address }),
      run: ({ delegator, delegatee }) => ({ claimed: !st.unclaimedDelegatees.has(delegator, delegatee) }),
    }),
    getTokenInfo: query({
      summary: 'MorphToken summary',
      args: noArgs,
      run: () => ({
        name: 'Morph',
        symbol: 'MPH',
        decimals: 18,
        totalSupply: morphSupply(seq),
        inflationRatesCount: st.inflationRates.get().length,
        inflationMintedEpochs: st.inflationMintedEpochs.get(),
      }),
    }),
    allowance: query({
      summary: 'MORPH allowance',
      args: argsOf({ owner: address, spender: address }),
      run: ({ owner, spender }) => ({ allowance: st.allowances.get(pairKey(owner, spender)) ?? 0n }),
    }),
    getInflationRates: query({ summary: 'the inflation rate schedule', args: noArgs, run: () => ({ rates: st.inflationRates.get().map((r) => ({ ...r })) }) }),
    inflation: query({ summary: 'inflation minted for an epoch', args: argsOf({ epochIndex: smallUint(53) }), run: ({ epochIndex }) => ({ amount: st.inflations.get(epochIndex) ?? 0n }) }),
    getRecord: query({
      summary: 'Record indexes',
      args: noArgs,
      run: () => ({
        oracle: st.u.oracle,
        nextBatchSubmissionIndex: st.nextBatchSubmissionIndex.get(),
        nextRollupEpochIndex: st.nextRollupEpochIndex.get(),
        nextRewardEpochIndex: st.nextRewardEpochIndex.get(),
        latestRewardEpochBlock: st.latestRewardEpochBlock.get(),
        startBlockSet: st.startBlockSet.get(),
        autoRecord: seq.params.autoRecord,
      }),
    }),
    ...rangeGetter('getBatchSubmissions', (i) => st.batchSubmissions.get(`${i}`) ?? { index: 0n, submitter: ZERO_ADDRESS, startBlock: 0n, endBlock: 0n, rollupTime: 0n, rollupBlock: 0n }),
    ...rangeGetter('getRollupEpochs', (i) => st.rollupEpochs.get(`${i}`) ?? { index: 0n, submitter: ZERO_ADDRESS, startTime: 0n, endTime: 0n, endBlock: 0n }),
    ...rangeGetter('getRewardEpochs', (i) => {
      const e = i <= BigInt(Number.MAX_SAFE_INTEGER) ? st.rewardEpochs.get(Number(i)) : undefined;
      return e ? { ...e } : { index: 0, blockCount: 0n, sequencers: [], sequencerBlocks: [], sequencerRatios: [], sequencerCommissions: [] };
    }),
    getDistributeInfo: query({ summary: 'Distribute counters', args: noArgs, run: () => ({ mintedEpochCount: st.mintedEpochCount.get() }) }),
    queryUnclaimed: query({
      summary: "a delegator's unclaimed reward from a delegatee",
      args: argsOf({ delegatee: address, delegator: address }),
      run: ({ delegatee, delegator }) => {
        if (st.unclaimedDelegatees.size(delegator) === 0) ctx.fail('INVALID_DELEGATOR_OR_NO_REMAINING_REWARD', 'invalid delegator or no remaining reward');
        if (!st.unclaimedDelegatees.has(delegator, delegatee)) ctx.fail('NO_REMAINING_REWARD_OF_THE_DELEGATEE', 'no remaining reward of the delegatee');
        return { reward: rewardRange(seq, delegatee, delegator, st.mintedEpochCount.get() - 1).reward };
      },
    }),
    queryAllUnclaimed: query({
      summary: "a delegator's unclaimed rewards, per delegatee",
      args: argsOf({ delegator: address }),
      run: ({ delegator }) => {
        if (st.unclaimedDelegatees.size(delegator) === 0) ctx.fail('INVALID_DELEGATOR_OR_NO_REMAINING_REWARD', 'invalid delegator or no remaining reward');
        const ds = st.unclaimedDelegatees.values(delegator);
        return { delegatees: ds, rewards: ds.map((d) => rewardRange(seq, d, delegator, st.mintedEpochCount.get() - 1).reward) };
      },
    }),
    queryUnclaimedCommission: query({ summary: 'commission balance', args: argsOf({ delegatee: address }), run: ({ delegatee }) => ({ amount: st.distCommissions.get(delegatee) ?? 0n }) }),
    queryOldestDistribution: query({ summary: 'oldest kept distribution', args: argsOf({ delegatee: address }), run: ({ delegatee }) => ({ epochIndex: st.oldestDistribution.get(delegatee) ?? 0 }) }),
    previewRewardEpoch: query({
      summary: 'the RewardEpochInfo the built-in recorder would build now',
      args: argsOf({ epoch: smallUint(53) }),
      run: ({ epoch }) => ({ ...buildRewardEpoch(seq, epoch) }),
    }),
    getEscrow: query({
      summary: 'escrow books',
      args: noArgs,
      run: () => ({ l1Staking: st.escrowL1Staking.get(), rollup: st.escrowRollup.get(), l2Staking: st.escrowL2Staking.get(), distribute: st.escrowDistribute.get() }),
    }),
    // Rollup (8.7)
    getRollup: query({
      summary: 'rollup summary',
      args: argsOf({}),
      run: () => ({
        lastCommittedBatchIndex: st.lastCommittedBatchIndex.get(),
        lastFinalizedBatchIndex: st.lastFinalizedBatchIndex.get(),
        inChallenge: st.inChallenge.get(),
        batchChallenged: st.batchChallenged.get(),
        revertReqIndex: st.revertReqIndex.get(),
        paused: st.paused.get(),
        proveRemaining: st.proveRemaining.get(),
        finalizationPeriodSeconds: st.u.finalizationPeriodSeconds,
        proofWindow: st.u.proofWindow,
        proofRewardPercent: st.u.proofRewardPercent,
        verifier: st.u.verifier,
        blsEnabled: seq.params.blsEnabled,
        latestSequencerSet: [...st.latestSequencerSet.get()],
      }),
    }),
    getBatch: query({
      summary: 'a batch and its challenge',
      args: argsOf({ batchIndex: smallUint(53) }),
      run: ({ batchIndex: i }: { batchIndex: number }) => {
        const d = st.batchData.get(i);
        const c = st.challenges.get(i);
        return {
          batchHash: st.committedBatches.get(i) ?? ZERO_HASH,
          exists: batchExist(seq, i),
          finalized: st.committedBatches.has(i) && i <= st.lastFinalizedBatchIndex.get(),
          originTimestamp: d?.originTimestamp ?? 0,
          finalizeTimestamp: d?.finalizeTimestamp ?? 0,
          signedSequencersBitmap: d?.signedSequencersBitmap ?? 0n,
          submitter: d?.submitter ?? ZERO_ADDRESS,
          insideChallengeWindow: insideWindow(seq, i),
          challenge: c ? { ...c } : null,
        };
      },
    }),
    batchMessage: query({
      summary: 'the message signers sign (spec 8.7)',
      args: argsOf({ batchHash: bytes32, sequencerSetChange: z.array(address).default([]) }),
      run: ({ batchHash, sequencerSetChange }: { batchHash: string; sequencerSetChange: Address[] }) => ({ message: batchMessage(batchHash.toLowerCase() as Hex, sequencerSetChange) }),
    }),
    getChallengeReward: query({ summary: 'challenge/prover reward balance', args: argsOf({ account: address }), run: ({ account }: { account: Address }) => ({ amount: st.batchChallengeReward.get(account) ?? 0n }) }),
    isChallenger: query({ summary: 'whether an account is a challenger', args: argsOf({ account: address }), run: ({ account }: { account: Address }) => ({ isChallenger: st.isChallenger.has(account) }) }),
  };
}
