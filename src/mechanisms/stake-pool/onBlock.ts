import { halveBudget } from './halveBudget.js';
import { processWithdrawalSchedule } from './processWithdrawalSchedule.js';
import { runComputation } from './runComputation.js';
import { now, type Sp } from './state.js';

/** §8: the block hook, once per block passed, with that block's height and time. */
export function onBlock(sp: Sp): void {
  const { computation } = sp.params;
  // 1. Payouts and V changes of this block, at the budget in force during it.
  if (computation.enabled) runComputation(sp);
  // 2. The budget decay takes effect from the next block on.
  if (computation.enabled) halveBudget(sp, sp.ctx.clock.height);
  // 3. Forced withdrawals last, so a worker stopped here was still paid for this block.
  processWithdrawalSchedule(sp, now(sp));
}
