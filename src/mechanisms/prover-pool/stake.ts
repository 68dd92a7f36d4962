import { action, argsOf, smallUint, uint } from '../../kernel/index.js';
import { enterPool } from './enterPool.js';
import { leavePool } from './leavePool.js';
import type { Pool } from './state.js';
import { withdrawIfMature } from './withdrawIfMature.js';

const args = argsOf({ amount: uint(64), rewardPerGas: smallUint(32), maxCapacity: smallUint(32) });

/** §5.1: (re)stake; a member always leaves its slot first; `stake(0, 0, 0)` is an exit. */
export function stake(pool: Pool) {
  return action({
    summary: 'stake TKO to enter the top-N pool, or restake with new parameters (stake(0,0,0) exits)',
    args,
    run(sender, { amount, rewardPerGas, maxCapacity }) {
      withdrawIfMature(pool, sender);
      leavePool(pool, sender, true);
      if (amount !== 0n) enterPool(pool, sender, amount, rewardPerGas, maxCapacity);
      else if (rewardPerGas !== 0 || maxCapacity !== 0) {
        pool.ctx.fail('INVALID_PARAMS', 'a zero amount needs rewardPerGas 0 and maxCapacity 0 (that is an exit)', { rewardPerGas, maxCapacity });
      }
    },
  });
}
