import { argsOf, noArgs, smallUint, type ActionSpec } from '../../kernel/index.js';
import { onlyOwner } from './auth.js';
import { REWARD_EPOCH } from './params.js';
import { startSort } from './ranking.js';
import { updateSequencerSet } from './sequencer.js';
import type { Seq } from './state.js';
import { epochAt, nowAt } from './time.js';

/** Spec 8.5 setCommissionRate: current rate now, schedule entry from the next epoch (7.3). */
export function setCommissionRate(seq: Seq): ActionSpec<{ commission: number }> {
  return {
    summary: 'staker: set the commission percentage (≤ 20)',
    args: argsOf({ commission: smallUint(53) }),
    run(sender, { commission }) {
      const { ctx, state: st } = seq;
      if (st.ranking.rankOf(sender) === 0) ctx.fail('ONLY_STAKER_ALLOWED', 'only staker allowed', { sender });
      if (commission > 20) ctx.fail('INVALID_COMMISSION', 'invalid commission', { commission });
      if (commission === 0) st.commissions.delete(sender);
      else st.commissions.set(sender, commission);
      const t = ctx.clock.time;
      const fromEpoch = t < st.u.rewardStartTime ? 0 : epochAt(seq, t) + 1;
      const sched = [...(st.commissionSchedule.get(sender) ?? [])];
      if (sched.length > 0 && sched[sched.length - 1]!.fromEpoch === fromEpoch) sched[sched.length - 1] = { rate: commission, fromEpoch };
      else sched.push({ rate: commission, fromEpoch });
      st.commissionSchedule.set(sender, sched);
      ctx.emit('CommissionUpdated', { staker: sender, percentage: commission, epochEffective: st.rewardStarted.get() ? epochAt(seq, t) + 1 : 0 });
    },
  };
}

/** Spec 8.5 startReward: the release's exchange sort, then a set update. A second call re-sorts. */
export function startReward(seq: Seq): ActionSpec<Record<string, never>> {
  return {
    summary: 'owner: start rewards (rank by delegation, push the top X)',
    args: noArgs,
    run(sender) {
      const { ctx, state: st } = seq;
      onlyOwner(seq, sender);
      if (ctx.clock.time < st.u.rewardStartTime) ctx.fail('CANT_START_BEFORE_REWARD_START_TIME', "can't start before reward start time");
      if (st.candidateNumber.get() === 0) ctx.fail('NONE_CANDIDATE', 'none candidate');
      st.rewardStarted.set(true);
      st.ranking.replaceAll(startSort(st.ranking.toArray(), (a) => st.total(a)));
      updateSequencerSet(seq, nowAt(seq));
    },
  };
}

/** Spec 8.5 updateSequencerSetMaxSize. */
export function updateSequencerSetMaxSize(seq: Seq): ActionSpec<{ size: number }> {
  return {
    summary: 'owner: change X, the sequencer set size',
    args: argsOf({ size: smallUint(53) }),
    run(sender, { size }) {
      const { ctx, state: st } = seq;
      onlyOwner(seq, sender);
      const old = st.u.sequencerSetMaxSize;
      if (size === 0 || size === old) ctx.fail('INVALID_NEW_SEQUENCER_SET_MAX_SIZE', 'invalid new sequencer set max size', { size });
      st.updatable.set({ ...st.u, sequencerSetMaxSize: size });
      ctx.emit('SequencerSetMaxSizeUpdated', { oldSize: old, newSize: size });
      const candidates = st.rewardStarted.get() ? st.candidateNumber.get() : st.ranking.length;
      if (Math.min(candidates, size) !== st.latestSequencerSetSize.get()) updateSequencerSet(seq, nowAt(seq));
    },
  };
}

/** Spec 8.5 updateRewardStartTime (before the start only): resets epoch block counts and schedules. */
export function updateRewardStartTime(seq: Seq): ActionSpec<{ rewardStartTime: number }> {
  return {
    summary: 'owner: move the reward start time (a future multiple of 86400)',
    args: argsOf({ rewardStartTime: smallUint(53) }),
    run(sender, { rewardStartTime: t }) {
      const { ctx, state: st } = seq;
      onlyOwner(seq, sender);
      if (st.rewardStarted.get()) ctx.fail('REWARD_ALREADY_STARTED', 'reward already started');
      const old = st.u.rewardStartTime;
      if (t <= ctx.clock.time || t % REWARD_EPOCH !== 0 || t === old) ctx.fail('INVALID_REWARD_START_TIME', 'invalid reward start time', { rewardStartTime: t });
      st.updatable.set({ ...st.u, rewardStartTime: t });
      for (const e of [...st.epochBlocks.keys()]) st.epochBlocks.delete(e);
      for (const a of [...st.commissionSchedule.keys()]) st.commissionSchedule.set(a, [{ rate: st.commissions.get(a) ?? 0, fromEpoch: 0 }]);
      ctx.emit('RewardStartTimeUpdated', { oldTime: old, newTime: t });
    },
  };
}

/** Spec 8.11: entry points only another contract may call; they fail for every sender, before argument checks. */
export function restricted(seq: Seq): Record<string, ActionSpec> {
  const entry = (code: string, what: string): ActionSpec => ({
    summary: `restricted (${what}): fails with ${code}`,
    args: noArgs.passthrough() as never,
    run: () => seq.ctx.fail(code, `${what}: caller is not allowed`),
  });
  return {
    addStaker: entry('ONLY_OTHER_STAKING_CONTRACT_ALLOWED', 'L2Staking.addStaker'),
    removeStakers: entry('ONLY_OTHER_STAKING_CONTRACT_ALLOWED', 'L2Staking.removeStakers'),
    slash: entry('ONLY_ROLLUP_CONTRACT', 'L1Staking.slash'),
    updateSequencerSet: entry('ONLY_L2_STAKING_CONTRACT', 'Sequencer.updateSequencerSet'),
    notifyDelegation: entry('ONLY_L2_STAKING_CONTRACT_ALLOWED', 'Distribute.notifyDelegation'),
    notifyUndelegation: entry('ONLY_L2_STAKING_CONTRACT_ALLOWED', 'Distribute.notifyUndelegation'),
    mintInflations: entry('ONLY_RECORD_CONTRACT_ALLOWED', 'MorphToken.mintInflations'),
    updateEpochReward: entry('ONLY_RECORD_CONTRACT_ALLOWED', 'Distribute.updateEpochReward'),
  };
}
