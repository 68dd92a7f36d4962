import { address, argsOf, uint, ZERO_ADDRESS, type ActionSpec, type Address } from '../../kernel/index.js';
import { onlyOwner } from './auth.js';
import { DISTRIBUTE_ADDRESS } from './params.js';
import { pairKey, type Seq } from './state.js';

/** 10^16: precision of the daily inflation rate (spec 8.8). */
export const RATE_PRECISION = 10n ** 16n;
const MAX_UINT256 = (1n << 256n) - 1n;

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
  for (let i = st.inflationMintedEpochs.get(); i <= upTo; i++) {
    const increment = (morphSupply(seq) * rateAt(seq, i)) / RATE_PRECISION;
    st.inflations.set(i, increment);
    if (increment > 0n) {
      // The ledger mints to balances only: mint to the Distribute label and escrow it at once (net zero there).
      ctx.ledger.mint('MORPH', DISTRIBUTE_ADDRESS, increment, ctx.name);
      ctx.ledger.escrowIn('MORPH', ctx.name, DISTRIBUTE_ADDRESS, increment);
      st.escrowDistribute.set(st.escrowDistribute.get() + increment);
    }
    ctx.emit('Transfer', { from: ZERO_ADDRESS, to: DISTRIBUTE_ADDRESS, value: increment });
    ctx.emit('InflationMinted', { epochIndex: i, amount: increment });
  }
  if (upTo + 1 > st.inflationMintedEpochs.get()) st.inflationMintedEpochs.set(upTo + 1);
}

function moveMorph(seq: Seq, from: Address, to: Address, amount: bigint): void {
  const { ctx } = seq;
  if (to === ZERO_ADDRESS) ctx.fail('TRANSFER_TO_THE_ZERO_ADDRESS', 'ERC20: transfer to the zero address');
  const have = ctx.ledger.spendable('MORPH', from);
  if (have < amount) ctx.fail('TRANSFER_AMOUNT_EXCEEDS_BALANCE', 'ERC20: transfer amount exceeds balance', { balance: `${have}`, amount: `${amount}` });
  if (amount > 0n) ctx.ledger.transfer('MORPH', from, to, amount, ctx.name);
  ctx.emit('Transfer', { from, to, value: amount });
}

function approve(seq: Seq, owner: Address, spender: Address, amount: bigint): void {
  const { ctx, state: st } = seq;
  if (spender === ZERO_ADDRESS) ctx.fail('APPROVE_TO_THE_ZERO_ADDRESS', 'ERC20: approve to the zero address');
  if (amount === 0n) st.allowances.delete(pairKey(owner, spender));
  else st.allowances.set(pairKey(owner, spender), amount);
  ctx.emit('Approval', { owner, spender, value: amount });
}

const allowanceOf = (seq: Seq, owner: Address, spender: Address): bigint => seq.state.allowances.get(pairKey(owner, spender)) ?? 0n;

/** Spec 8.8: updateRate, burn and the ERC20 surface. */
export function tokenActions(seq: Seq): Record<string, ActionSpec> {
  const { state: st } = seq;
  const actions = {
    updateRate: {
      summary: 'owner: append an inflation rate from an epoch on',
      args: argsOf({ rate: uint(256), effectiveEpochIndex: uint(256) }),
      run(sender: Address, { rate, effectiveEpochIndex }: { rate: bigint; effectiveEpochIndex: bigint }) {
        onlyOwner(seq, sender);
        const rates = st.inflationRates.get();
        const last = rates[rates.length - 1]!;
        if (rate === last.rate) seq.ctx.fail('NEW_RATE_IS_THE_SAME_AS_THE_LATEST_RATE', 'new rate is the same as the latest rate');
        if (effectiveEpochIndex <= BigInt(last.effectiveEpochIndex)) seq.ctx.fail('EFFECTIVE_EPOCHS_AFTER_MUST_BE_GREATER_THAN_BEFORE', 'effective epochs after must be greater than before');
        if (effectiveEpochIndex > BigInt(Number.MAX_SAFE_INTEGER)) seq.ctx.fail('INVALID_ARGUMENT', 'effectiveEpochIndex beyond 2^53');
        st.inflationRates.set([...rates, { rate, effectiveEpochIndex: Number(effectiveEpochIndex) }]);
        seq.ctx.emit('UpdateEpochInflationRate', { rate, effectiveEpochIndex: Number(effectiveEpochIndex) });
      },
    },
    burn: {
      summary: 'owner: burn MORPH from the owner balance',
      args: argsOf({ amount: uint(256) }),
      run(sender: Address, { amount }: { amount: bigint }) {
        onlyOwner(seq, sender);
        if (amount === 0n) seq.ctx.fail('AMOUNT_TO_BURN_IS_ZERO', 'amount to burn is zero');
        if (seq.ctx.ledger.spendable('MORPH', sender) < amount) seq.ctx.fail('BURN_AMOUNT_EXCEEDS_BALANCE', 'ERC20: burn amount exceeds balance');
        seq.ctx.ledger.burn('MORPH', sender, amount, seq.ctx.name);
        seq.ctx.emit('Transfer', { from: sender, to: ZERO_ADDRESS, value: amount });
      },
    },
    transfer: {
      summary: 'MORPH transfer',
      args: argsOf({ to: address, amount: uint(256) }),
      run(sender: Address, { to, amount }: { to: Address; amount: bigint }) {
        moveMorph(seq, sender, to, amount);
      },
    },
    approve: {
      summary: 'MORPH approve',
      args: argsOf({ spender: address, amount: uint(256) }),
      run(sender: Address, { spender, amount }: { spender: Address; amount: bigint }) {
        approve(seq, sender, spender, amount);
      },
    },
    transferFrom: {
      summary: 'MORPH transferFrom (spends allowance unless it is 2^256 − 1)',
      args: argsOf({ from: address, to: address, amount: uint(256) }),
      run(sender: Address, { from, to, amount }: { from: Address; to: Address; amount: bigint }) {
        const a = allowanceOf(seq, from, sender);
        if (a !== MAX_UINT256) {
          if (a < amount) seq.ctx.fail('INSUFFICIENT_ALLOWANCE', 'ERC20: insufficient allowance');
          approve(seq, from, sender, a - amount);
        }
        moveMorph(seq, from, to, amount);
      },
    },
    increaseAllowance: {
      summary: 'MORPH increaseAllowance',
      args: argsOf({ spender: address, addedValue: uint(256) }),
      run(sender: Address, { spender, addedValue }: { spender: Address; addedValue: bigint }) {
        const next = allowanceOf(seq, sender, spender) + addedValue;
        if (next > MAX_UINT256) seq.ctx.fail('PANIC_ARITHMETIC', 'arithmetic overflow');
        approve(seq, sender, spender, next);
      },
    },
    decreaseAllowance: {
      summary: 'MORPH decreaseAllowance',
      args: argsOf({ spender: address, subtractedValue: uint(256) }),
      run(sender: Address, { spender, subtractedValue }: { spender: Address; subtractedValue: bigint }) {
        const a = allowanceOf(seq, sender, spender);
        if (a < subtractedValue) seq.ctx.fail('DECREASED_ALLOWANCE_BELOW_ZERO', 'ERC20: decreased allowance below zero');
        approve(seq, sender, spender, a - subtractedValue);
      },
    },
  };
  return actions;
}
