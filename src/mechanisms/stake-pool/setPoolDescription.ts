import { z } from 'zod';
import { action, argsOf, utf8 } from '../../kernel/index.js';
import { pidArg } from './schemas.js';
import { requireOwnedPool } from './guards.js';
import type { Sp } from './state.js';

const args = argsOf({ pid: pidArg, description: z.string() });

/** §7.9: bounded in UTF-8 bytes, no event. */
export function setPoolDescription(sp: Sp) {
  return action({
    summary: 'set the pool description',
    args,
    run(sender, { pid, description }) {
      requireOwnedPool(sp, pid, sender);
      const len = utf8(description).length;
      if (len > sp.params.maxDescriptionLen) sp.ctx.fail('EXCEED_MAX_DESCRIPTION_LEN', `description is ${len} bytes, at most ${sp.params.maxDescriptionLen}`, { len });
      sp.state.descriptions.set(pid, description);
    },
  });
}
