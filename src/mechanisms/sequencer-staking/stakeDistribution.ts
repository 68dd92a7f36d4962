import { distributionQueries } from '../../economy/distribution.js';
import { ZERO_ADDRESS, type Address } from '../../kernel/index.js';
import { activeSetAt } from './sequencer.js';
import type { Seq } from './state.js';
import { l2Height } from './time.js';

/**
 * economy §1.1–§1.2: `stakeDistribution` and `metrics`.
 * - `staker` (default): each L2 staker (the ranking list) with its total delegated MORPH, the
 *   amount it is ranked by;
 * - `l1`: each active L1 staker (in a slot, not in the delete list) with its ETH stakedAmount;
 * - `sequencer`: the sequencer set active at the current L2 height (as getCurrentSequencerSet),
 *   by delegated MORPH.
 */
export function distributionOf(seq: Seq) {
  const st = seq.state;
  const delegated = (addrs: readonly Address[]) => addrs.map((a) => ({ id: a, stake: st.total(a) }));
  return distributionQueries({
    asset: 'MORPH',
    decimals: 18,
    defaultBy: 'staker',
    mechanism: seq.ctx.name,
    by: {
      staker: () => delegated(st.ranking.toArray()),
      l1: {
        asset: 'ETH',
        decimals: 18,
        entries: () =>
          st.stakerSet
            .toArray()
            .filter((a) => a !== ZERO_ADDRESS && st.isActiveStaker(a))
            .map((a) => ({ id: a, stake: st.stakedAmount.get(a) ?? 0n })),
      },
      sequencer: () => delegated(activeSetAt(st.sets.get(), l2Height(seq))),
    },
  });
}
