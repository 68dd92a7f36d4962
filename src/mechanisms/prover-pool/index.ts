import { errors } from './errors.js';
import { defineMechanism } from '../../kernel/index.js';
import { assignProver } from './assignProver.js';
import { depositTaikoToken } from './depositTaikoToken.js';
import { exit } from './exit.js';
import { invariants } from './invariants.js';
import { assetsOf, checkParams, paramsSchema, presets, type ProverPoolParams } from './params.js';
import { queries } from './queries.js';
import { distributionOf } from './stakeDistribution.js';
import { economyOf } from './economy.js';
import { releaseProver } from './releaseProver.js';
import { slashProver } from './slashProver.js';
import { stake } from './stake.js';
import { PoolState, type Pool } from './state.js';
import { proposeBlock } from './proposeBlock.js';
import { proveBlock } from './proveBlock.js';
import { verifyBlocksUpTo } from './verifyBlock.js';
import { verifyBlocks } from './verifyBlocks.js';
import { withdraw } from './withdraw.js';
import { withdrawTaikoToken } from './withdrawTaikoToken.js';

/**
 * The staked prover pool (Taiko alpha-4 `ProverPool` + TaikoL1 block lifecycle).
 * Reference: prover-pool spec; guide: docs/mechanisms/prover-pool.md. The mechanism holds no escrow: tokens are burned on entry
 * and minted on exit, and §7's accounting identity ties the claims together.
 */
export const proverPoolModule = defineMechanism({
  kind: 'proverPool',
  summary: 'staked prover pool: top-N provers, keccak-weighted assignment, capacity, slashing, exits',
  presets,
  defaultPreset: 'taiko-a4',
  params: { schema: paramsSchema, refine: checkParams },
  assets: assetsOf,
  errors,
  create(ctx, params: ProverPoolParams) {
    const state = new PoolState(ctx.store, params, ctx.clock.time, ctx.clock.height);
    const pool: Pool = { ctx, params, state };
    return {
      actions: {
        stake: stake(pool),
        exit: exit(pool),
        withdraw: withdraw(pool),
        assignProver: assignProver(pool),
        releaseProver: releaseProver(pool),
        slashProver: slashProver(pool),
        depositTaikoToken: depositTaikoToken(pool),
        withdrawTaikoToken: withdrawTaikoToken(pool),
        proposeBlock: proposeBlock(pool),
        proveBlock: proveBlock(pool),
        verifyBlocks: verifyBlocks(pool),
      },
      // §5.11 block hook: verification after every base-layer block.
      // §5.11 with `verification: hook`: verification after every base-layer block.
      onBlock: () => {
        if (params.verification === 'hook' && params.blockMaxVerificationsPerTx > 0) verifyBlocksUpTo(pool, BigInt(params.blockMaxVerificationsPerTx), true);
      },
      queries: { ...queries(pool), ...distributionOf(pool), ...economyOf(pool) },
      invariants: invariants(pool),
      restore: () => state.rebuildIndex(),
    };
  },
});

export type { ProverPoolParams };
export { PoolState };
