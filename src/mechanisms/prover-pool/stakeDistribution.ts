import { distributionQueries } from '../../economy/distribution.js';
import { ZERO_ADDRESS } from '../../kernel/index.js';
import type { Pool } from './state.js';

/**
 * economy §1.1–§1.2: `stakeDistribution` and `metrics`. `prover`: each occupied slot's staker with
 * its slot's stakedAmount (TKO); exit amounts are not at stake and do not count.
 */
export function distributionOf(pool: Pool) {
  return distributionQueries({
    asset: 'TKO',
    decimals: 8,
    defaultBy: 'prover',
    mechanism: pool.ctx.name,
    by: {
      prover: () => pool.state.slots.toArray().filter((s) => s.owner !== ZERO_ADDRESS).map((s) => ({ id: s.owner, stake: s.stakedAmount })),
    },
  });
}
