import { action, address, argsOf } from '../../kernel/index.js';
import { requireProtocol } from './auth.js';
import { release } from './release.js';
import type { Pool } from './state.js';

const args = argsOf({ addr: address });

/** §5.5: the protocol gives one unit of capacity back. */
export function releaseProver(pool: Pool) {
  return action({
    summary: 'protocol only: return one unit of capacity to a prover',
    args,
    run(sender, { addr }) {
      requireProtocol(pool, sender, 'releaseProver');
      release(pool, addr);
    },
  });
}
