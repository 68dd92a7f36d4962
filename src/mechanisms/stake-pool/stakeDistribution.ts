import { distributionQueries, sumById } from '../../economy/distribution.js';
import type { Address } from '../../kernel/index.js';
import { PHA, type Sp } from './state.js';

/**
 * economy §1.1–§1.2: `stakeDistribution` and `metrics`.
 * - `pool` (default): each pool (id the decimal pid) with its totalStake;
 * - `owner`: each owner with Σ totalStake over its pools (the entity that controls the workers);
 * - `delegator`: each delegator with Σ over pools of the value of its shares,
 *   shares × totalStake div totalShares (the owner counts like any delegator).
 */
export function distributionOf(sp: Sp) {
  const st = sp.state;
  return distributionQueries({
    asset: PHA,
    decimals: 12,
    defaultBy: 'pool',
    mechanism: sp.ctx.name,
    by: {
      pool: () => [...st.pools.values()].map((p) => ({ id: p.pid, stake: p.totalStake })),
      owner: () => sumById([...st.pools.values()].map((p) => [p.owner, p.totalStake] as const)),
      delegator: () =>
        sumById(
          (function* () {
            for (const [key, u] of st.stakers.entries()) {
              const pool = st.pools.get(Number(key.slice(0, key.indexOf('/'))));
              if (pool === undefined || pool.totalShares === 0n) continue;
              yield [u.user, (u.shares * pool.totalStake) / pool.totalShares] as readonly [Address, bigint];
            }
          })(),
        ),
    },
  });
}
