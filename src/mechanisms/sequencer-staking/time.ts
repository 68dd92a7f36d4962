import { REWARD_EPOCH } from './params.js';
import type { Seq } from './state.js';

/** Spec 3.4. L2 height h = floor((now − g) / l2BlockTime); τ(k) = g + k·l2BlockTime. */
export function l2HeightAt(seq: Seq, t: number): number {
  return Math.floor((t - seq.genesisTime) / seq.params.l2BlockTime);
}

export function l2Height(seq: Seq): number {
  return l2HeightAt(seq, seq.ctx.clock.time);
}

export function tau(seq: Seq, k: number): number {
  return seq.genesisTime + k * seq.params.l2BlockTime;
}

/** epoch(t) = (t − rewardStartTime) / D; earlier fails REWARD_IS_NOT_STARTED_YET. */
export function epochAt(seq: Seq, t: number): number {
  const rst = seq.state.u.rewardStartTime;
  if (t < rst) seq.ctx.fail('REWARD_IS_NOT_STARTED_YET', `time ${t} is before the reward start time ${rst}`, { time: t, rewardStartTime: rst });
  return Math.floor((t - rst) / REWARD_EPOCH);
}

/** epoch(now), or undefined before the start time. */
export function currentEpochOrNull(seq: Seq): number | null {
  const t = seq.ctx.clock.time;
  const rst = seq.state.u.rewardStartTime;
  return t < rst ? null : Math.floor((t - rst) / REWARD_EPOCH);
}

/** The release's effective epoch of a delegation change: epoch(now) + 1 once rewards run, else 0. */
export function effectiveEpoch(seq: Seq): number {
  return seq.state.rewardStarted.get() ? epochAt(seq, seq.ctx.clock.time) + 1 : 0;
}

/** Where an L2 state change happens: the L2 height and the time (a sync boundary passes its own). */
export interface L2At {
  readonly h: number;
  readonly time: number;
}

export function nowAt(seq: Seq): L2At {
  return { h: l2Height(seq), time: seq.ctx.clock.time };
}
