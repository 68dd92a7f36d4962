import { action, argsOf, uint } from '../../kernel/index.js';
import { pidArg } from './schemas.js';
import { requireOwnedPool, setPool } from './guards.js';
import type { Sp } from './state.js';

const args = argsOf({ pid: pidArg, cap: uint(128) });

/** §7.5: once set the cap cannot be unset; it may not go below the current stake. */
export function setCap(sp: Sp) {
  return action({
    summary: 'set the pool capacity (maximum total stake)',
    args,
    run(sender, { pid, cap }) {
      const pool = requireOwnedPool(sp, pid, sender);
      if (pool.totalStake > cap) sp.ctx.fail('INADEQUATE_CAPACITY', `cap ${cap} is below the total stake ${pool.totalStake}`, { totalStake: pool.totalStake });
      setPool(sp, pid, { cap });
      sp.ctx.emit('PoolCapacitySet', { pid, cap });
    },
  });
}
