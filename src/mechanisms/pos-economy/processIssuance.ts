import { ZERO_ADDRESS } from '../../kernel/index.js';
import { epochIssuance } from './curves.js';
import type { EpochStart } from './epochStart.js';
import { PPM } from './params.js';
import type { Eco } from './state.js';

/**
 * Step 1 (§3.2): `I_e` by the curve from D and the supply at the epoch's start (cosmos steps its
 * inflation first, D = 0 included); operator i is paid `⌊I_e × activeᵢ × uptimeᵢ / (D × 10⁶)⌋`,
 * minted into its active stake (rewards compound). Each floor favours holders: the fractions, and
 * an offline operator's share, are never created. Returns the sum paid (what `issued` grows by).
 *
 * The mint goes to the zero address and straight into the mechanism's escrow (one Mint and one
 * EscrowIn per epoch, not two ledger movements per operator): the per-operator credit is the
 * mechanism's own book (`active`), as for every escrowed stake.
 */
export function processIssuance(eco: Eco, start: EpochStart): bigint {
  const { ctx, params, state } = eco;
  const D = start.stake;
  const before = state.inflation.get();
  const { issuance: I, inflation } = epochIssuance(params.issuance, { stake: D, supply: start.supply, inflation: before }, BigInt(params.epochSeconds));
  if (inflation !== before) state.inflation.set(inflation);
  if (I === 0n) return 0n;
  const actives = start.actives;
  const uptime = state.uptime.toArray();
  const active = state.active;
  const den = D * PPM;
  let paid = 0n;
  for (let i = 0; i < actives.length; i++) {
    const a = actives[i]!;
    if (a === 0n) continue;
    const u = uptime[i]!;
    if (u === 0n) continue;
    const r = (I * a * u) / den;
    if (r === 0n) continue;
    active.set(i, a + r);
    paid += r;
  }
  if (paid > 0n) {
    ctx.ledger.mint(params.asset, ZERO_ADDRESS, paid, ctx.name);
    ctx.ledger.escrowIn(params.asset, ctx.name, ZERO_ADDRESS, paid);
    state.addTotals({ issued: paid, rewardsToStakers: paid, staked: paid });
  }
  return paid;
}
