import { action, address, argsOf } from '../../kernel/index.js';
import { pidArg } from './schemas.js';
import { strip } from './fixed.js';
import { requirePool, setPool } from './guards.js';
import type { Sp } from './state.js';

const args = argsOf({ pid: pidArg, account: address });

/** §7.20: repair call; cuts a request down to the user's stripped shares. No event. */
export function reconcileWithdrawQueue(sp: Sp) {
  return action({
    summary: "cut an account's withdrawal request to the shares it holds",
    args,
    run(_sender, { pid, account }) {
      const pool = requirePool(sp, pid);
      const u = sp.state.staker(pid, account);
      if (!u) sp.ctx.fail('POOL_STAKE_NOT_FOUND', `${account} has no stake in pool ${pid}`, { pid });
      const held = strip(u.shares);
      const queue = pool.withdrawQueue.flatMap((r) => (r.user !== account || r.shares <= held ? [r] : held === 0n ? [] : [{ ...r, shares: held }]));
      setPool(sp, pid, { withdrawQueue: queue });
    },
  });
}
