import { action, address, argsOf, uint } from '../../kernel/index.js';
import { requireProtocol } from './auth.js';
import { slash } from './slash.js';
import type { Pool } from './state.js';

const args = argsOf({ blockId: uint(64), addr: address, proofReward: uint(64) });

/** §5.6: the protocol slashes a prover for a block. */
export function slashProver(pool: Pool) {
  return action({
    summary: 'protocol only: slash a prover (exit amount first, then stake)',
    args,
    run(sender, { blockId, addr, proofReward }) {
      requireProtocol(pool, sender, 'slashProver');
      slash(pool, blockId, addr, proofReward);
    },
  });
}
