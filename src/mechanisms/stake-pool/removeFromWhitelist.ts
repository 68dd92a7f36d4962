import { action, address, argsOf } from '../../kernel/index.js';
import { pidArg } from './schemas.js';
import { requireOwnedPool } from './guards.js';
import type { Sp } from './state.js';

const args = argsOf({ pid: pidArg, staker: address });

/** §7.8: an emptied list is deleted and the pool is public again. */
export function removeFromWhitelist(sp: Sp) {
  return action({
    summary: 'remove an account from the pool contribution whitelist',
    args,
    run(sender, { pid, staker }) {
      const { state, ctx } = sp;
      requireOwnedPool(sp, pid, sender);
      const list = state.whitelists.get(pid);
      if (!list) sp.ctx.fail('NO_WHITELIST_CREATED', `pool ${pid} has no whitelist`, { pid });
      if (!list.includes(staker)) sp.ctx.fail('NOT_IN_CONTRIBUTE_WHITELIST', `${staker} is not whitelisted`, { staker });
      const next = list.filter((a) => a !== staker);
      ctx.emit('PoolWhitelistStakerRemoved', { pid, staker });
      if (next.length === 0) {
        state.whitelists.delete(pid);
        ctx.emit('PoolWhitelistDeleted', { pid });
      } else state.whitelists.set(pid, next);
    },
  });
}
