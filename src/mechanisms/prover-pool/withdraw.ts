import { action, noArgs } from '../../kernel/index.js';
import type { Pool } from './state.js';
import { withdrawIfMature } from './withdrawIfMature.js';

/** §5.3: mint back a matured exit; NO_MATURE_EXIT otherwise. */
export function withdraw(pool: Pool) {
  return action({
    summary: 'withdraw the exit amount once the exit period has passed',
    args: noArgs,
    run(sender) {
      if (!withdrawIfMature(pool, sender)) {
        const s = pool.state.staker(sender);
        pool.ctx.fail('NO_MATURE_EXIT', `${sender} has no matured exit`, {
          exitAmount: s.exitAmount,
          exitRequestedAt: s.exitRequestedAt,
          maturesAfter: s.exitRequestedAt === 0 ? null : s.exitRequestedAt + pool.params.exitPeriod,
        });
      }
    },
  });
}
