import { accountOf, economyQuery, type AccountFields } from '../../economy/account.js';
import type { Address } from '../../kernel/index.js';
import { PHA, type PhaTotals, type Sp } from './state.js';

/** Adds to the account's totals: one journaled write, however many fields move. */
export function addToAccount(sp: Sp, delta: Partial<Omit<PhaTotals, 'subsidyGenesis'>>): void {
  const e = sp.state.economy.get();
  sp.state.economy.set({
    ...e,
    issued: e.issued + (delta.issued ?? 0n),
    burned: e.burned + (delta.burned ?? 0n),
    rewardsToStakers: e.rewardsToStakers + (delta.rewardsToStakers ?? 0n),
    slashed: e.slashed + (delta.slashed ?? 0n),
    toTreasury: e.toTreasury + (delta.toTreasury ?? 0n),
    dust: e.dust + (delta.dust ?? 0n),
    subsidyOther: e.subsidyOther + (delta.subsidyOther ?? 0n),
  });
}

/** What a transfer other than a claim or a treasury part moves into the subsidy account (negative: out of it). */
export function subsidyDelta(sp: Sp, from: Address, to: Address, amount: bigint): bigint {
  const s = sp.params.subsidyPool;
  return (to === s ? amount : 0n) - (from === s ? amount : 0n);
}

/** Records the subsidy account's balance at genesis (before any action): the base of the identity. */
export function recordSubsidyGenesis(sp: Sp): void {
  sp.state.economy.set({ ...sp.state.economy.get(), subsidyGenesis: sp.ctx.ledger.balanceOf(PHA, sp.params.subsidyPool) });
}

/**
 * economy §2, PHA. `issued` = rewards claimed out of the subsidy account (a transfer, not a
 * mint: what left it for the pools); `rewardsToStakers` = rewards credited to pools (commission
 * and the stakers' part, the treasury share excluded; claims pay them later); `slashed` =
 * `burned` = slashes settled from delegators to the treasury (§2's table counts slashed stake as
 * burned, though no PHA is destroyed); `staked` = Σ pool totalStake. No fees.
 */
export function phaAccount(sp: Sp): AccountFields {
  const e = sp.state.economy.get();
  let staked = 0n;
  for (const p of sp.state.pools.values()) staked += p.totalStake;
  return accountOf(sp.ctx.ledger.supply(PHA), staked, e);
}

/** The `economy { asset? }` query (PHA only). */
export function economyOf(sp: Sp) {
  return economyQuery({ defaultAsset: PHA, assets: { PHA: () => phaAccount(sp) } });
}

/**
 * O(1): what left the subsidy account is `issued` (for pools) plus the treasury parts, and
 * nothing else moves it but the flows counted in `subsidyOther`:
 * `balance(subsidy) = subsidyGenesis − issued − toTreasury + subsidyOther`. Also `burned = slashed`,
 * no fees, and the ledger neither minted nor burned PHA.
 */
export function economyIdentity(sp: Sp): string[] {
  const out: string[] = [];
  const e = sp.state.economy.get();
  const balance = sp.ctx.ledger.balanceOf(PHA, sp.params.subsidyPool);
  const expected = e.subsidyGenesis - e.issued - e.toTreasury + e.subsidyOther;
  if (balance !== expected) out.push(`subsidy balance ${balance} ≠ genesis ${e.subsidyGenesis} − issued ${e.issued} − treasury parts ${e.toTreasury} + other ${e.subsidyOther}`);
  if (e.burned !== e.slashed) out.push(`burned ${e.burned} ≠ slashed ${e.slashed}`);
  if (e.feesPaid !== 0n || e.feesBurned !== 0n) out.push('fees recorded');
  const t = sp.ctx.ledger.totalsOf(PHA);
  if (t.minted !== 0n || t.burned !== 0n) out.push('PHA was minted or burned');
  return out;
}

/** O(pools): the global totals equal the per-pool reward books (claims paid, rewards credited). */
export function economyBooks(sp: Sp): string[] {
  let paid = 0n;
  let credited = 0n;
  for (const b of sp.state.rewardBooks.values()) {
    paid += b.paid;
    credited += b.credited;
  }
  const e = sp.state.economy.get();
  const out: string[] = [];
  if (e.issued !== paid) out.push(`issued ${e.issued} ≠ Σ claims paid in the reward books ${paid}`);
  if (e.rewardsToStakers !== credited) out.push(`rewardsToStakers ${e.rewardsToStakers} ≠ Σ credited in the reward books ${credited}`);
  return out;
}
