import type { Address } from '../../kernel/index.js';
import type { Seq } from './state.js';

/** `Ownable: caller is not the owner` → NOT_OWNER (spec 3.2). */
export function onlyOwner(seq: Seq, sender: Address): void {
  if (sender !== seq.params.owner) seq.ctx.fail('NOT_OWNER', 'caller is not the owner', { sender });
}

/** Payable actions: a value above the sender's ETH balance fails right after argument checks. */
export function requireFunds(seq: Seq, sender: Address, value: bigint): void {
  const have = seq.ctx.ledger.spendable('ETH', sender);
  if (value > have) seq.ctx.fail('INSUFFICIENT_FUNDS', `value ${value} exceeds the ETH balance ${have}`, { value: `${value}`, balance: `${have}` });
}

/** Record's oracle-only uploads (spec 8.9). */
export function onlyOracle(seq: Seq, sender: Address): void {
  if (sender !== seq.state.u.oracle) seq.ctx.fail('ONLY_ORACLE_ALLOWED', 'only oracle allowed', { sender });
}
