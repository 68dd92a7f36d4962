import type { Seq } from './state.js';

/** The rollup's guards: no revert is requested (NEED_REVERT) and the rollup is not paused. */

export function notReverting(seq: Seq): void {
  if (seq.state.revertReqIndex.get() !== 0) seq.ctx.fail('NEED_REVERT', 'need revert');
}

export function notPaused(seq: Seq): void {
  if (seq.state.paused.get()) seq.ctx.fail('PAUSED', 'Pausable: paused');
}
