import { action, argsOf, jsonInt, smallUint, uint } from '../../kernel/index.js';
import { requireProtocol } from './auth.js';
import { draw } from './draw.js';
import type { Pool } from './state.js';

const args = argsOf({ blockId: uint(64), feePerGas: smallUint(32) });

/** §5.4: the protocol's direct draw (no block is created). */
export function assignProver(pool: Pool) {
  return action({
    summary: 'protocol only: draw a prover for a block id at a fee per gas (uses one unit of capacity)',
    args,
    run(sender, { blockId, feePerGas }) {
      requireProtocol(pool, sender, 'assignProver');
      const d = draw(pool, blockId, feePerGas);
      const out = { prover: d.prover, rewardPerGas: jsonInt(d.rewardPerGas), backupProver: d.backupProver, backupRewardPerGas: jsonInt(d.backupRewardPerGas) };
      pool.ctx.emit('ProverAssigned', () => ({ blockId: jsonInt(blockId), ...out }));
      return out;
    },
  });
}
