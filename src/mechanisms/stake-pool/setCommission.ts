import { action, argsOf, smallUint } from '../../kernel/index.js';
import { pidArg } from './schemas.js';
import { requireOwnedPool, setPool } from './guards.js';
import type { Sp } from './state.js';

const args = argsOf({
  pid: pidArg,
  commission: smallUint(32).refine((c) => c <= 1_000_000, 'commission is in parts per million: at most 1000000'),
});

/** §7.6: applies to rewards received from now on. */
export function setCommission(sp: Sp) {
  return action({
    summary: 'set the owner commission in parts per million',
    args,
    run(sender, { pid, commission }) {
      requireOwnedPool(sp, pid, sender);
      setPool(sp, pid, { commission });
      sp.ctx.emit('PoolCommissionSet', { pid, commission });
    },
  });
}
