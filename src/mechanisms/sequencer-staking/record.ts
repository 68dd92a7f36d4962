import { z } from 'zod';
import { address, argsOf, uint, ZERO_ADDRESS, type ActionSpec, type Address } from '../../kernel/index.js';
import { onlyOwner } from './auth.js';
import { updateEpochReward } from './distribute.js';
import type { RewardEpochInfo, Seq } from './state.js';
import { mintInflations } from './token.js';
import { epochAt, l2HeightAt } from './time.js';

/** 10^8: precision of sequencer ratios (spec 8.9). */
export const RATIO_PRECISION = 100_000_000n;
const MAX_COMMISSION = 20n;

function onlyOracle(seq: Seq, sender: Address): void {
  if (sender !== seq.state.u.oracle) seq.ctx.fail('ONLY_ORACLE_ALLOWED', 'only oracle allowed', { sender });
}
function noAutoRecord(seq: Seq): void {
  if (seq.params.autoRecord) seq.ctx.fail('AUTO_RECORD_ENABLED', 'reward epochs are recorded by the built-in recorder');
}

/**
 * Spec 8.9 recordRewardEpochs steps 5–8 (the upload's time check, the mint, per-element
 * checks and rewards, counters). Every product before its division; every division floors.
 */
export function applyRewardEpochs(seq: Seq, epochs: readonly RewardEpochInfo[]): void {
  const { ctx, state: st } = seq;
  const next = st.nextRewardEpochIndex.get();
  const n = epochs.length;
  const current = epochAt(seq, ctx.clock.time);
  if (next + n - 1 >= current) ctx.fail('UNFINISHED_EPOCHS_CANNOT_BE_UPLOADED', 'unfinished epochs cannot be uploaded', { next, count: n, currentEpoch: current });
  mintInflations(seq, next + n - 1);
  let blockSum = 0n;
  epochs.forEach((ep, k) => {
    if (ep.index !== next + k) ctx.fail('INVALID_EPOCH_INDEX', 'invalid epoch index', { index: ep.index, expected: next + k });
    const m = ep.sequencers.length;
    if (ep.sequencerBlocks.length !== m || ep.sequencerRatios.length !== m || ep.sequencerCommissions.length !== m) ctx.fail('INVALID_DATA_LENGTH', 'invalid data length', { index: ep.index });
    st.rewardEpochs.set(ep.index, ep);
    const inflation = st.inflations.get(ep.index) ?? 0n;
    let ratioSum = 0n;
    let blocks = 0n;
    const delegatorRewards: bigint[] = [];
    const commissionAmounts: bigint[] = [];
    for (let j = 0; j < m; j++) {
      const c = ep.sequencerCommissions[j]!;
      if (c > MAX_COMMISSION) ctx.fail('INVALID_SEQUENCERS_COMMISSION', 'invalid sequencers commission', { index: ep.index, sequencer: ep.sequencers[j] });
      ratioSum += ep.sequencerRatios[j]!;
      blocks += ep.sequencerBlocks[j]!;
      const reward = (inflation * ep.sequencerRatios[j]!) / RATIO_PRECISION;
      const commission = (reward * c) / 100n;
      delegatorRewards.push(reward - commission);
      commissionAmounts.push(commission);
    }
    if (blocks !== ep.blockCount) ctx.fail('INVALID_SEQUENCERS_BLOCKS', 'invalid sequencers blocks', { index: ep.index });
    if (ratioSum > RATIO_PRECISION) ctx.fail('INVALID_SEQUENCERS_RATIOS', 'invalid sequencers ratios', { index: ep.index });
    updateEpochReward(seq, ep.index, ep.sequencers, delegatorRewards, commissionAmounts);
    blockSum += ep.blockCount;
  });
  ctx.emit('RewardEpochsUploaded', { startIndex: next, dataLength: n });
  st.latestRewardEpochBlock.set(st.latestRewardEpochBlock.get() + blockSum);
  st.nextRewardEpochIndex.set(next + n);
  for (const e of [...st.epochBlocks.keys()]) if (e < next + n) st.epochBlocks.delete(e);
}

/** The commission of a staker for epoch e: the last schedule entry with fromEpoch ≤ e (spec 7.3). */
export function scheduledCommission(seq: Seq, s: Address, e: number): bigint {
  let rate = 0;
  for (const entry of seq.state.commissionSchedule.get(s) ?? []) if (entry.fromEpoch <= e) rate = entry.rate;
  return BigInt(rate);
}

/** The oracle's RewardEpochInfo for epoch e from the accounted blocks (spec 7.3 step 2). */
export function buildRewardEpoch(seq: Seq, e: number): RewardEpochInfo {
  const list = seq.state.epochBlocks.get(e) ?? [];
  const blockCount = list.reduce((s, x) => s + x.blocks, 0n);
  const ratios = list.map((x) => (blockCount === 0n ? 0n : (x.blocks * RATIO_PRECISION) / blockCount));
  if (blockCount > 0n) {
    const residue = RATIO_PRECISION - ratios.reduce((s, r) => s + r, 0n);
    // "the last sequencer in list order whose ratio is > 0" (the oracle's running maximum never updates)
    for (let j = ratios.length - 1; j >= 0; j--) {
      if (ratios[j]! > 0n) {
        ratios[j] = ratios[j]! + residue;
        break;
      }
    }
  }
  return {
    index: e,
    blockCount,
    sequencers: list.map((x) => x.sequencer),
    sequencerBlocks: list.map((x) => x.blocks),
    sequencerRatios: ratios,
    sequencerCommissions: list.map((x) => scheduledCommission(seq, x.sequencer, e)),
  };
}

/** Spec 7.3: record epoch nextRewardEpochIndex with the built-in recorder. */
export function autoRecordNext(seq: Seq): void {
  const st = seq.state;
  if (!st.startBlockSet.get()) {
    st.latestRewardEpochBlock.set(BigInt(l2HeightAt(seq, st.u.rewardStartTime)));
    st.startBlockSet.set(true);
  }
  applyRewardEpochs(seq, [buildRewardEpoch(seq, st.nextRewardEpochIndex.get())]);
}

const rewardEpochArg = z.strictObject({
  index: uint(256),
  blockCount: uint(256),
  sequencers: z.array(address),
  sequencerBlocks: z.array(uint(256)),
  sequencerRatios: z.array(uint(256)),
  sequencerCommissions: z.array(uint(256)),
});
const batchSubmissionArg = z.strictObject({ index: uint(256), submitter: address, startBlock: uint(256), endBlock: uint(256), rollupTime: uint(256), rollupBlock: uint(256) });
const rollupEpochArg = z.strictObject({ index: uint(256), submitter: address, startTime: uint(256), endTime: uint(256), endBlock: uint(256) });

export function recordActions(seq: Seq): Record<string, ActionSpec> {
  const { state: st } = seq;
  return {
    setOracleAddress: {
      summary: 'owner: set the oracle',
      args: argsOf({ oracle: address }),
      run(sender: Address, { oracle }: { oracle: Address }) {
        onlyOwner(seq, sender);
        if (oracle === ZERO_ADDRESS) seq.ctx.fail('INVALID_ORACLE_ADDRESS', 'invalid oracle address');
        st.updatable.set({ ...st.u, oracle });
      },
    },
    setLatestRewardEpochBlock: {
      summary: 'oracle: set the start block of reward epochs (once)',
      args: argsOf({ latestBlock: uint(256) }),
      run(sender: Address, { latestBlock }: { latestBlock: bigint }) {
        onlyOracle(seq, sender);
        noAutoRecord(seq);
        if (st.startBlockSet.get()) seq.ctx.fail('ALREADY_SET', 'already set');
        if (latestBlock === 0n) seq.ctx.fail('INVALID_LATEST_BLOCK', 'invalid latest block');
        st.latestRewardEpochBlock.set(latestBlock);
        st.startBlockSet.set(true);
      },
    },
    recordFinalizedBatchSubmissions: {
      summary: 'oracle: upload batch submissions (informational)',
      args: argsOf({ batchSubmissions: z.array(batchSubmissionArg) }),
      run(sender: Address, { batchSubmissions }: { batchSubmissions: Array<z.output<typeof batchSubmissionArg>> }) {
        onlyOracle(seq, sender);
        if (batchSubmissions.length === 0) seq.ctx.fail('EMPTY_BATCH_SUBMISSIONS', 'empty batch submissions');
        const next = st.nextBatchSubmissionIndex.get();
        batchSubmissions.forEach((b, k) => {
          if (b.index !== next + BigInt(k)) seq.ctx.fail('INVALID_INDEX', 'invalid index', { index: b.index });
          st.batchSubmissions.set(`${b.index}`, { ...b });
        });
        seq.ctx.emit('BatchSubmissionsUploaded', { startIndex: next, dataLength: batchSubmissions.length });
        st.nextBatchSubmissionIndex.set(next + BigInt(batchSubmissions.length));
      },
    },
    recordRollupEpochs: {
      summary: 'oracle: upload rollup epochs (informational)',
      args: argsOf({ rollupEpochs: z.array(rollupEpochArg) }),
      run(sender: Address, { rollupEpochs }: { rollupEpochs: Array<z.output<typeof rollupEpochArg>> }) {
        onlyOracle(seq, sender);
        if (rollupEpochs.length === 0) seq.ctx.fail('EMPTY_ROLLUP_EPOCHS', 'empty rollup epochs');
        const next = st.nextRollupEpochIndex.get();
        rollupEpochs.forEach((b, k) => {
          if (b.index !== next + BigInt(k)) seq.ctx.fail('INVALID_INDEX', 'invalid index', { index: b.index });
          st.rollupEpochs.set(`${b.index}`, { ...b });
        });
        seq.ctx.emit('RollupEpochsUploaded', { startIndex: next, dataLength: rollupEpochs.length });
        st.nextRollupEpochIndex.set(next + BigInt(rollupEpochs.length));
      },
    },
    recordRewardEpochs: {
      summary: 'oracle: upload ended reward epochs (mints inflation, distributes rewards)',
      args: argsOf({ rewardEpochs: z.array(rewardEpochArg) }),
      run(sender: Address, { rewardEpochs }: { rewardEpochs: Array<z.output<typeof rewardEpochArg>> }) {
        onlyOracle(seq, sender);
        noAutoRecord(seq);
        if (rewardEpochs.length === 0) seq.ctx.fail('EMPTY_REWARD_EPOCHS', 'empty reward epochs');
        if (!st.startBlockSet.get()) seq.ctx.fail('START_BLOCK_SHOULD_BE_SET', 'start block should be set');
        const limit = BigInt(Number.MAX_SAFE_INTEGER);
        applyRewardEpochs(
          seq,
          rewardEpochs.map((e) => ({
            // An index beyond 2^53 can never equal the next index: map it to −1 (INVALID_EPOCH_INDEX).
            index: e.index > limit ? -1 : Number(e.index),
            blockCount: e.blockCount,
            sequencers: e.sequencers,
            sequencerBlocks: e.sequencerBlocks,
            sequencerRatios: e.sequencerRatios,
            sequencerCommissions: e.sequencerCommissions,
          })),
        );
      },
    },
  };
}
