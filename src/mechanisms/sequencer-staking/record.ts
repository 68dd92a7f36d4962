import type { Address } from '../../kernel/index.js';
import { updateEpochReward } from './distribute.js';
import type { RewardEpochInfo, Seq } from './state.js';
import { mintInflations } from './token.js';
import { epochAt, l2HeightAt } from './time.js';

/** Record internals (spec 8.9, 7.3): applying uploaded reward epochs and the built-in recorder. */

/** 10^8: precision of sequencer ratios (spec 8.9). */
export const RATIO_PRECISION = 100_000_000n;
const MAX_COMMISSION = 20n;

/** With autoRecord the built-in recorder writes the reward epochs (7.3): the oracle's own writes of them fail. */
export function noAutoRecord(seq: Seq): void {
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
  let credited = 0n;
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
    credited += updateEpochReward(seq, ep.index, ep.sequencers, delegatorRewards, commissionAmounts);
    blockSum += ep.blockCount;
  });
  // economy §2: epoch rewards are credited when their epoch is recorded (one write per upload).
  if (credited > 0n) {
    const m = st.economyMorph.get();
    st.economyMorph.set({ ...m, rewardsToStakers: m.rewardsToStakers + credited });
  }
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
