import { accountOf, economyQuery, type AccountFields } from '../../economy/account.js';
import type { Seq } from './state.js';

/**
 * economy §2, MORPH: `issued` = inflation minted into the Distribute escrow, `burned` = the
 * owner's burns, `rewardsToStakers` = epoch rewards credited when the epoch is recorded
 * (delegator rewards + commissions; claims pay them later and change nothing here), `staked` =
 * Σ delegations (undelegations waiting for their lock are not at stake). No fees, no slashing.
 */
export function morphAccount(seq: Seq): AccountFields {
  const st = seq.state;
  const m = st.economyMorph.get();
  let staked = 0n;
  for (const v of st.stakerDelegations.values()) staked += v;
  return accountOf(seq.ctx.ledger.supply('MORPH'), staked, m);
}

/**
 * economy §2, ETH: never minted or burned; `slashed` = Σ the stakes a won challenge took (its
 * challenger's share and the remainder alike), `staked` = Σ L1 stakedAmount (ETH deposited and
 * still held: withdrawing stakers included, they stay slashable until they claim).
 */
export function ethAccount(seq: Seq): AccountFields {
  const st = seq.state;
  const e = st.economyEth.get();
  let staked = 0n;
  for (const v of st.stakedAmount.values()) staked += v;
  return accountOf(seq.ctx.ledger.supply('ETH'), staked, e);
}

/** The `economy { asset? }` query: MORPH by default, ETH on request. */
export function economyOf(seq: Seq) {
  return economyQuery({ defaultAsset: 'MORPH', assets: { MORPH: () => morphAccount(seq), ETH: () => ethAccount(seq) } });
}

/**
 * economy §2 identities, O(1). MORPH: `supply = initialSupply + issued − burned`, and the ledger's
 * mints and burns are exactly those (no bookkeeping mints here); the Distribute escrow holds
 * `issued − paidOut`, and `paidOut ≤ rewardsToStakers ≤ issued`. ETH: no mint, no burn
 * (`supply` = genesis), and `slashed = slashedToChallengers + slashRemaining + slashRemainingClaimed`.
 */
export function economyIdentities(seq: Seq): string[] {
  const st = seq.state;
  const out: string[] = [];
  const m = st.economyMorph.get();
  const morph = seq.ctx.ledger.totalsOf('MORPH');
  if (morph.supply !== morph.genesis + m.issued - m.burned) out.push(`MORPH supply ${morph.supply} ≠ genesis ${morph.genesis} + issued ${m.issued} − burned ${m.burned}`);
  if (morph.minted !== m.issued) out.push(`MORPH ledger minted ${morph.minted} ≠ issued ${m.issued}`);
  if (morph.burned !== m.burned) out.push(`MORPH ledger burned ${morph.burned} ≠ burned ${m.burned}`);
  if (st.escrowDistribute.get() !== m.issued - m.paidOut) out.push(`escrow.distribute ${st.escrowDistribute.get()} ≠ issued ${m.issued} − paid out ${m.paidOut}`);
  if (m.paidOut > m.rewardsToStakers) out.push(`paid out ${m.paidOut} > rewards credited ${m.rewardsToStakers}`);
  if (m.rewardsToStakers > m.issued) out.push(`rewards credited ${m.rewardsToStakers} > issued ${m.issued}`);
  if (m.feesPaid !== 0n || m.feesBurned !== 0n || m.slashed !== 0n) out.push('MORPH fees or slashing recorded');
  const e = st.economyEth.get();
  const eth = seq.ctx.ledger.totalsOf('ETH');
  if (e.issued !== 0n || e.burned !== 0n || eth.minted !== 0n || eth.burned !== 0n) out.push('ETH issued or burned');
  if (e.rewardsToStakers !== 0n || e.feesPaid !== 0n || e.feesBurned !== 0n) out.push('ETH rewards or fees recorded');
  const swept = e.slashedToChallengers + st.slashRemaining.get() + e.slashRemainingClaimed;
  if (e.slashed !== swept) out.push(`ETH slashed ${e.slashed} ≠ to challengers ${e.slashedToChallengers} + slashRemaining ${st.slashRemaining.get()} + swept ${e.slashRemainingClaimed}`);
  return out;
}
