import { action, argsOf, uint } from '../../kernel/index.js';
import type { Pool } from './state.js';
import { verifyBlocksUpTo } from './verifyBlock.js';

const args = argsOf({ maxBlocks: uint(256) });

/** §5.11 `verifyBlocks`: on-demand verification, atomic as a whole. Verifying nothing is no error. */
export function verifyBlocks(pool: Pool) {
  return action({
    summary: 'verify up to maxBlocks proven blocks whose cooldown is over',
    args,
    run(_sender, { maxBlocks }) {
      if (maxBlocks === 0n) pool.ctx.fail('L1_INVALID_PARAM', 'maxBlocks must be at least 1', {});
      return { verified: verifyBlocksUpTo(pool, maxBlocks, false) };
    },
  });
}
