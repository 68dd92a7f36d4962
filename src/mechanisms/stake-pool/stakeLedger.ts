import type { Address } from '../../kernel/index.js';
import { addToAccount, subsidyDelta } from './economy.js';
import { LOCK_ID, PHA, type Sp } from './state.js';

/** §2 custody: the stake ledger of an account and the kernel lock `phala/sp` always agree. */
export function setStakeLedger(sp: Sp, who: Address, amount: bigint): void {
  if (amount === 0n) sp.state.stakeLedger.delete(who);
  else sp.state.stakeLedger.set(who, amount);
  sp.ctx.ledger.setLock(PHA, who, LOCK_ID, amount);
}

export function stakeLedgerOf(sp: Sp, who: Address): bigint {
  return sp.state.stakeLedger.get(who) ?? 0n;
}

/** §6.5 `ledgerReduce`: unlock what left the pool; dust left behind goes to the treasury. */
export function ledgerReduce(sp: Sp, who: Address, amount: bigint, dust: bigint): void {
  const cur = stakeLedgerOf(sp, who);
  const cut = amount + dust;
  setStakeLedger(sp, who, cur > cut ? cur - cut : 0n);
  if (dust > 0n) {
    sp.ctx.ledger.transfer(PHA, who, sp.params.treasury, dust, sp.ctx.name);
    addToAccount(sp, { dust, subsidyOther: subsidyDelta(sp, who, sp.params.treasury, dust) });
    sp.ctx.emit('DustRemoved', { user: who, amount: dust });
  }
}
