import { action, address, argsOf } from '../../kernel/index.js';
import { pidArg } from './schemas.js';
import { requireOwnedPool } from './guards.js';
import type { Sp } from './state.js';

const args = argsOf({ pid: pidArg, staker: address });

/** §7.7: the first entry creates the list and makes the pool private. */
export function addToWhitelist(sp: Sp) {
  return action({
    summary: 'add an account to the pool contribution whitelist',
    args,
    run(sender, { pid, staker }) {
      const { state, ctx, params } = sp;
      requireOwnedPool(sp, pid, sender);
      const list = state.whitelists.get(pid);
      if (list) {
        if (list.includes(staker)) sp.ctx.fail('ALREADY_IN_CONTRIBUTE_WHITELIST', `${staker} is already whitelisted`, { staker });
        if (list.length >= params.maxWhitelistLen) sp.ctx.fail('EXCEED_WHITELIST_MAX_LEN', `whitelist of pool ${pid} is full`, { max: params.maxWhitelistLen });
        state.whitelists.set(pid, [...list, staker]);
      } else {
        state.whitelists.set(pid, [staker]);
        ctx.emit('PoolWhitelistCreated', { pid });
      }
      ctx.emit('PoolWhitelistStakerAdded', { pid, staker });
    },
  });
}
