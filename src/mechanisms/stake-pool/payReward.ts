import type { Address } from '../../kernel/index.js';
import { addToAccount } from './economy.js';
import { PHA, type Sp } from './state.js';

/** Rewards are claims on the subsidy pool, which must keep its existential deposit (§7.16). */
export function payReward(sp: Sp, pid: number, target: Address, total: bigint): void {
  const { ctx, params, state } = sp;
  if (total === 0n) sp.ctx.fail('NO_REWARD_TO_CLAIM', 'nothing to claim', { pid });
  // Spendable: PHA the subsidy account delegated to a pool is locked and cannot pay a claim.
  const bal = ctx.ledger.spendable(PHA, params.subsidyPool);
  if (bal < total || bal - total < params.existentialDeposit) {
    sp.ctx.fail('INTERNAL_SUBSIDY_POOL_CANNOT_WITHDRAW', `the subsidy pool holds ${bal} and must keep ${params.existentialDeposit}`, { balance: bal, amount: total });
  }
  ctx.ledger.transfer(PHA, params.subsidyPool, target, total, ctx.name);
  // economy §2: a claim is what leaves the subsidy account for the pools.
  addToAccount(sp, { issued: total, subsidyOther: target === params.subsidyPool ? total : 0n });
  const book = state.book(pid);
  state.rewardBooks.set(pid, { ...book, paid: book.paid + total });
}
