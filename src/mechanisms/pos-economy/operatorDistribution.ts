import type { Eco } from './state.js';

/**
 * The `operator` distribution of §1.1: each operator's `active` stake (pending deposits, exiting
 * and withdrawable amounts do not count), only operators with active > 0, ids as lower-case `0x`
 * addresses, in the fixed order of §1.1 (descending stake, then ascending id). O(n log n).
 *
 * It feeds `distributionQueries` of src/economy/distribution.ts (`by: { operator: … }`), which
 * builds the `stakeDistribution` and `metrics` queries once the branches merge.
 */
export function operatorDistribution(eco: Eco): Array<{ id: string; stake: bigint }> {
  const order = eco.state.order.toArray();
  const active = eco.state.active.toArray();
  const out: Array<{ id: string; stake: bigint }> = [];
  for (let i = 0; i < active.length; i++) if (active[i]! > 0n) out.push({ id: order[i]!.toLowerCase(), stake: active[i]! });
  out.sort((x, y) => (x.stake > y.stake ? -1 : x.stake < y.stake ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return out;
}
