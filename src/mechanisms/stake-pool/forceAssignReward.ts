import { z } from 'zod';
import { action, argsOf, uint } from '../../kernel/index.js';
import { pidArg } from './schemas.js';
import { requirePool } from './guards.js';
import { receiveReward } from './receiveReward.js';
import type { Sp } from './state.js';

const args = argsOf({ rewards: z.array(z.strictObject({ pid: pidArg, amount: uint(128) })) });

/** §7.22: the reference's backfill of rewards lost to a migration. */
export function forceAssignReward(sp: Sp) {
  return action({
    summary: 'credit rewards to pools directly (gatekeeper)',
    args,
    run(sender, { rewards }) {
      if (sender !== sp.params.gatekeeper) sp.ctx.fail('BAD_SENDER', `only the gatekeeper (${sp.params.gatekeeper}) may assign rewards`, { sender });
      for (const { pid } of rewards) requirePool(sp, pid);
      for (const { pid, amount } of rewards) if (amount !== 0n) receiveReward(sp, pid, amount);
    },
  });
}
