import { minBig } from '../../kernel/index.js';
import { addToAccount, subsidyDelta } from './economy.js';
import { bmul, isDust, strip } from './fixed.js';
import { price } from './price.js';
import { setStakeLedger, stakeLedgerOf } from './stakeLedger.js';
import { PHA, type PoolRecord, type Sp, type UserStake } from './state.js';

/** What `settleSlash` would take from `u` now, dust included (0 without a price). */
export function slashOf(pool: PoolRecord, u: UserStake): { newLocked: bigint; slashed: bigint } {
  const p = price(pool);
  if (p === null) return { newLocked: u.locked, slashed: 0n };
  const newLocked = strip(minBig(bmul(u.shares, p), u.locked));
  return { newLocked, slashed: u.locked - newLocked };
}

/**
 * §6.3: lazy per-user settlement of pool slashes. A dust difference is dropped from `locked`
 * only (the stake ledger keeps it: invariant 2's tolerated gap); a real one moves PHA to the treasury.
 */
export function settleSlash(sp: Sp, pool: PoolRecord, u: UserStake): UserStake {
  if (price(pool) === null) return u;
  const { newLocked, slashed } = slashOf(pool, u);
  if (!isDust(slashed)) {
    const take = minBig(slashed, sp.ctx.ledger.balanceOf(PHA, u.user));
    const cur = stakeLedgerOf(sp, u.user);
    // Unlock first: the slash is taken regardless of the lock.
    setStakeLedger(sp, u.user, cur > take ? cur - take : 0n);
    if (take > 0n) {
      sp.ctx.ledger.transfer(PHA, u.user, sp.params.treasury, take, sp.ctx.name);
      // economy §2: slashed when it leaves the delegator (§2's table counts it as burned too).
      addToAccount(sp, { slashed: take, burned: take, subsidyOther: subsidyDelta(sp, u.user, sp.params.treasury, take) });
    }
    sp.ctx.emit('SlashSettled', { pid: pool.pid, user: u.user, amount: take });
  }
  return { ...u, locked: newLocked };
}
