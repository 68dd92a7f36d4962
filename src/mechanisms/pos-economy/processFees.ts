import { minBig } from '../../kernel/index.js';
import type { EpochStart } from './epochStart.js';
import { PPM } from './params.js';
import type { Eco } from './state.js';

/**
 * Step 2 (§3.2): `F = min(feeRevenue, environment's spendable balance)` is taken from the
 * `environment` account; `⌊F × burnShare / 10⁶⌋` is burned; operator i receives
 * `⌊rest × activeᵢ / D⌋` into its wallet (activeᵢ and D as at the epoch's start, uptime plays no
 * part); the remainder of the floors is burned too. With D = 0 all of F is burned. Every floor
 * favours holders (what is not paid out is burned, never left in the environment account).
 * Returns what was burned.
 */
export function processFees(eco: Eco, start: EpochStart): bigint {
  const { ctx, params, state } = eco;
  const asset = params.asset;
  const env = params.environment;
  const F = minBig(state.feeRevenue.get(), ctx.ledger.spendable(asset, env));
  if (F === 0n) return 0n;
  const D = start.stake;
  let burned: bigint;
  let paidOut = 0n;
  if (D === 0n) {
    burned = F;
    ctx.ledger.burn(asset, env, F, ctx.name);
  } else {
    const burnPart = (F * params.burnShare) / PPM;
    const rest = F - burnPart;
    if (burnPart > 0n) ctx.ledger.burn(asset, env, burnPart, ctx.name);
    const actives = start.actives;
    const order = state.order.toArray();
    for (let i = 0; i < actives.length; i++) {
      const a = actives[i]!;
      if (a === 0n) continue;
      const share = (rest * a) / D;
      if (share === 0n) continue;
      ctx.ledger.transfer(asset, env, order[i]!, share, ctx.name);
      paidOut += share;
    }
    const remainder = rest - paidOut;
    if (remainder > 0n) ctx.ledger.burn(asset, env, remainder, ctx.name);
    burned = burnPart + remainder;
  }
  state.addTotals({ feesPaid: F, feesBurned: burned, burned, rewardsToStakers: paidOut });
  return burned;
}
