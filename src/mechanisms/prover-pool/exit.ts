import { action, noArgs } from '../../kernel/index.js';
import { leavePool } from './leavePool.js';
import type { Pool } from './state.js';
import { withdrawIfMature } from './withdrawIfMature.js';

/** §5.2: withdraw a matured exit if any, then leave the pool (not being a member is no error). */
export function exit(pool: Pool) {
  return action({
    summary: 'leave the pool; the stake becomes an exit amount, withdrawable after the exit period',
    args: noArgs,
    run(sender) {
      withdrawIfMature(pool, sender);
      leavePool(pool, sender, true);
    },
  });
}
