import type { EpochStart } from './epochStart.js';
import { processFees } from './processFees.js';
import { processIssuance } from './processIssuance.js';
import { processQueues } from './processQueues.js';
import { processSlashings } from './processSlashings.js';
import type { Eco } from './state.js';

/**
 * One epoch (§3.2), the single entry point of the four steps, in this fixed order:
 *
 *  0. Read D, each operator's active stake and the supply as they are now: steps 1, 2 and 4 use
 *     these start-of-epoch values (step 1 is about to change the live ones).
 *  1. processIssuance: the curve's issuance, paid into active stake by stake × uptime.
 *  2. processFees: the fee revenue, its burn share burned, the rest shared by start-of-epoch stake.
 *  3. processSlashings: pending slashes, on active stake as it is after step 1.
 *  4. processQueues: activations and exits within the churn of the start-of-epoch D.
 *
 * Then the count of processed epochs grows by one and `EpochProcessed { epoch, stake, issued,
 * feesBurned, slashed }` is emitted (`epoch` the index just processed, `stake` D at its start).
 */
export function processEpoch(eco: Eco): void {
  const { ctx, params, state } = eco;
  const e = state.epoch.get();
  // 0. Start-of-epoch values (the active list is copied: step 1 writes the live one).
  const start: EpochStart = { epoch: e, stake: state.totals.get().staked, supply: ctx.ledger.supply(params.asset), actives: state.active.toArray().slice() };
  // 1.
  const issued = processIssuance(eco, start);
  // 2.
  const feesBurned = processFees(eco, start);
  // 3.
  const slashed = processSlashings(eco);
  // 4.
  const { churn, activated, exited } = processQueues(eco, start);

  state.epoch.set(e + 1);
  state.lastEpoch.set({ epoch: e, stake: start.stake, churn, activated, exited });
  ctx.emit('EpochProcessed', () => ({ epoch: e, stake: start.stake, issued, feesBurned, slashed }));
}
