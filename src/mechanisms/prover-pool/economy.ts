import { economyQuery, type AccountFields } from '../../economy/account.js';
import type { Pool } from './state.js';

/**
 * economy §2, TKO. The running totals are the §7 `totals` (one journaled record, written where
 * TKO moves); the account reads them so:
 * - `issued` = `rewardsToStakers` = proof rewards credited (`totals.rewards`, the oracle's and
 *   open-block provers' included);
 * - `feesPaid` = `feesBurned` = block fees net of refunds (`blockFees − refunds`): the deposit is
 *   destroyed at proposal, the unused gas comes back at verification, so what proposers have paid
 *   is the difference (a block not yet verified counts its whole deposit until then);
 * - `burned` = net block fees + `slashed`; `slashed` = Σ Slashed.amount.
 * The ledger mints and burns of stake, exits and internal balances (`totals.minted`, `totals.burned`)
 * are bookkeeping and appear in none of these fields.
 */
export function tkoAccount(pool: Pool): AccountFields {
  const t = pool.state.totals.get();
  const fees = t.blockFees - t.refunds;
  let staked = 0n;
  for (const s of pool.state.slots.toArray()) staked += s.stakedAmount;
  return {
    supply: pool.ctx.ledger.supply('TKO'),
    staked,
    issued: t.rewards,
    burned: fees + t.slashed,
    rewardsToStakers: t.rewards,
    feesPaid: fees,
    feesBurned: fees,
    slashed: t.slashed,
  };
}

/** The `economy { asset? }` query (TKO only). */
export function economyOf(pool: Pool) {
  return economyQuery({ defaultAsset: 'TKO', assets: { TKO: () => tkoAccount(pool) } });
}

/** Σ claims: slot stakes, exit amounts and internal balances (O(maxProvers + stakers + balances)). */
export function claims(pool: Pool): bigint {
  const { state } = pool;
  let held = 0n;
  for (const s of state.slots.toArray()) held += s.stakedAmount;
  for (const s of state.stakers.values()) held += s.exitAmount;
  for (const b of state.balances.values()) held += b;
  return held;
}
