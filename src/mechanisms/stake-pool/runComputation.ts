import { computeSettlements } from './computeSettlements.js';
import { applySettlements } from './settle.js';
import type { Sp } from './state.js';

/**
 * §8 step 1 / §9: the built-in computation model. Every block, every mining worker is settled
 * through the gatekeeper's path (§7.21 steps 3–4, no `emittedAt`): V growth or decay, the
 * treasury part, then the payout into its pool.
 */
export function runComputation(sp: Sp): void {
  applySettlements(sp, computeSettlements(sp), undefined);
}
