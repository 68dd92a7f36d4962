import { action, argsOf, uint } from '../../kernel/index.js';
import { requireRole } from './guards.js';
import type { Eco } from './state.js';

/** §3.4 `setFeeRevenue { gweiPerEpoch }` (environment only; 0 allowed): the fee revenue of each later epoch. */
export function setFeeRevenue(eco: Eco) {
  return action({
    summary: 'set the fee revenue per epoch, taken from the environment account (environment only; 0 allowed)',
    args: argsOf({ gweiPerEpoch: uint(256) }),
    run(sender, { gweiPerEpoch }) {
      requireRole(eco, sender, 'environment', 'setFeeRevenue');
      eco.state.feeRevenue.set(gweiPerEpoch);
      eco.ctx.emit('FeeRevenueSet', () => ({ gweiPerEpoch }));
    },
  });
}
