import { ZERO_ADDRESS, type Address } from '../../kernel/index.js';
import { DISTRIBUTE_ADDRESS } from './params.js';
import { pairKey, type Seq } from './state.js';

/** MorphToken internals (spec 8.8): supply, the inflation schedule and minting, ERC20 transfers and allowances. */

/** 10^16: precision of the daily inflation rate (spec 8.8). */
export const RATE_PRECISION = 10n ** 16n;
/** An allowance of 2^256 − 1 is infinite: transferFrom does not spend it. */
export const MAX_UINT256 = (1n << 256n) - 1n;

export function morphSupply(seq: Seq): bigint {
  return seq.ctx.ledger.totalsOf('MORPH').supply;
}

/** The rate of the newest schedule entry with effectiveEpochIndex ≤ i (entry 0 applies from 0). */
export function rateAt(seq: Seq, i: number): bigint {
  const rates = seq.state.inflationRates.get();
  let r = rates[0]!.rate;
  for (const e of rates) if (e.effectiveEpochIndex <= i) r = e.rate;
  return r;
}

/**
 * Spec 8.8 mintInflations(upTo), internal: compounding per epoch (the supply includes the
 * increments minted earlier in the same call); each increment is minted into the `distribute` escrow.
 */
export function mintInflations(seq: Seq, upTo: number): void {
  const { ctx, state: st } = seq;
  let minted = 0n;
  for (let i = st.inflationMintedEpochs.get(); i <= upTo; i++) {
    const increment = (morphSupply(seq) * rateAt(seq, i)) / RATE_PRECISION;
    st.inflations.set(i, increment);
    if (increment > 0n) {
      // The ledger mints to balances only: mint to the Distribute label and escrow it at once (net zero there).
      ctx.ledger.mint('MORPH', DISTRIBUTE_ADDRESS, increment, ctx.name);
      ctx.ledger.escrowIn('MORPH', ctx.name, DISTRIBUTE_ADDRESS, increment);
      st.escrowDistribute.set(st.escrowDistribute.get() + increment);
      minted += increment;
    }
    ctx.emit('Transfer', { from: ZERO_ADDRESS, to: DISTRIBUTE_ADDRESS, value: increment });
    ctx.emit('InflationMinted', { epochIndex: i, amount: increment });
  }
  if (upTo + 1 > st.inflationMintedEpochs.get()) st.inflationMintedEpochs.set(upTo + 1);
  // economy §2: inflation is the issuance (one write per call, however many epochs).
  if (minted > 0n) {
    const m = st.economyMorph.get();
    st.economyMorph.set({ ...m, issued: m.issued + minted });
  }
}

/** An ERC20 transfer of MORPH (the zero address and the spendable balance checked); emits Transfer. */
export function moveMorph(seq: Seq, from: Address, to: Address, amount: bigint): void {
  const { ctx } = seq;
  if (to === ZERO_ADDRESS) ctx.fail('TRANSFER_TO_THE_ZERO_ADDRESS', 'ERC20: transfer to the zero address');
  const have = ctx.ledger.spendable('MORPH', from);
  if (have < amount) ctx.fail('TRANSFER_AMOUNT_EXCEEDS_BALANCE', 'ERC20: transfer amount exceeds balance', { balance: `${have}`, amount: `${amount}` });
  if (amount > 0n) ctx.ledger.transfer('MORPH', from, to, amount, ctx.name);
  ctx.emit('Transfer', { from, to, value: amount });
}

/** ERC20 _approve: sets the allowance (0 is absent); emits Approval. */
export function setAllowance(seq: Seq, owner: Address, spender: Address, amount: bigint): void {
  const { ctx, state: st } = seq;
  if (spender === ZERO_ADDRESS) ctx.fail('APPROVE_TO_THE_ZERO_ADDRESS', 'ERC20: approve to the zero address');
  if (amount === 0n) st.allowances.delete(pairKey(owner, spender));
  else st.allowances.set(pairKey(owner, spender), amount);
  ctx.emit('Approval', { owner, spender, value: amount });
}

export const allowanceOf = (seq: Seq, owner: Address, spender: Address): bigint => seq.state.allowances.get(pairKey(owner, spender)) ?? 0n;
