import { mul, type Fx } from './fixed.js';
import type { Sp } from './state.js';

/** 0.75 as U64F64 bits: the reference calls the step a halving, but keeps three quarters. */
export const BUDGET_DECAY: Fx = 13835058055282163712n;

/**
 * §8 step 2: on the last block of every `halvingInterval`-block period counted from
 * `halvingStartBlock`, the per-block budget becomes three quarters of itself (truncated).
 */
export function halveBudget(sp: Sp, height: number): void {
  const { halvingInterval } = sp.params.computation;
  const start = sp.halvingStartBlock;
  if (halvingInterval === 0 || height < start || (height - start) % halvingInterval !== halvingInterval - 1) return;
  sp.state.budgetPerBlock.set(mul(sp.state.budgetPerBlock.get(), BUDGET_DECAY));
  sp.ctx.emit('SubsidyBudgetHalved', {});
  sp.ctx.emit('TokenomicParametersChanged', {});
}
