import { processEpoch } from './processEpoch.js';
import type { Eco } from './state.js';

/**
 * Epochs one step may leave to process: a little more than a year of Ethereum's 384-second
 * epochs (82,181.25 per year). Each epoch is O(operators) work; the bound keeps one advance from
 * running for hours by mistake.
 */
export const MAX_EPOCHS_PER_STEP = 100_000;

/** Epochs that have ended (end time ≤ now) and are not processed yet. */
export function epochsDue(eco: Eco): number {
  const { state, params, ctx } = eco;
  const ended = Math.floor((ctx.clock.time - state.genesisTime.get()) / params.epochSeconds);
  return Math.max(0, ended - state.epoch.get());
}

/**
 * Runs in the chain's `sync`, i.e. in the same unit as every clock move: a time move that would
 * leave more than MAX_EPOCHS_PER_STEP epochs to process fails (and is undone) with
 * TOO_MANY_EPOCHS, so the chain can never reach a state whose next block could not process them.
 * Reads only; no state changes.
 */
export function checkEpochBound(eco: Eco): void {
  const due = epochsDue(eco);
  if (due > MAX_EPOCHS_PER_STEP) {
    const { params, state } = eco;
    eco.ctx.fail(
      'TOO_MANY_EPOCHS',
      `the time ${eco.ctx.clock.time} would leave ${due.toLocaleString('en')} epochs of ${params.epochSeconds} s to process (processed so far: ${state.epoch.get()}); one step processes at most ${MAX_EPOCHS_PER_STEP.toLocaleString('en')} (advance in several steps)`,
      { epochs: due, max: MAX_EPOCHS_PER_STEP },
    );
  }
}

/**
 * The block hook (§3.2): processes epochs one at a time, in order, while the next epoch's end
 * time (genesisTime + (epoch + 1) × epochSeconds) is ≤ the chain time.
 */
export function onBlock(eco: Eco): void {
  checkEpochBound(eco);
  const { params, state, ctx } = eco;
  const g = state.genesisTime.get();
  const now = ctx.clock.time;
  while (g + (state.epoch.get() + 1) * params.epochSeconds <= now) processEpoch(eco);
}
