import { ZERO_ADDRESS, type Hex } from '../../kernel/index.js';
import type { Seq } from './state.js';

/** The hash of a batch that was never committed. */
export const ZERO_HASH: Hex = `0x${'0'.repeat(64)}`;

/** Batch i is committed and has its data (spec 8.7). */
export function batchExist(seq: Seq, i: number): boolean {
  return (seq.state.batchData.get(i)?.originTimestamp ?? 0) > 0 && seq.state.committedBatches.has(i);
}

/** Batch i has an open, unfinished challenge. */
export function batchInChallenge(seq: Seq, i: number): boolean {
  const c = seq.state.challenges.get(i);
  return c !== undefined && c.challenger !== ZERO_ADDRESS && !c.finished;
}

/** Batch i is still inside its challenge window (its finalize time is in the future). */
export function insideWindow(seq: Seq, i: number): boolean {
  return (seq.state.batchData.get(i)?.finalizeTimestamp ?? 0) > seq.ctx.clock.time;
}
