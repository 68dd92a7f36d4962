import { minBig } from '../../kernel/index.js';
import { bdiv, isDust, strip, toFixedWraps } from './fixed.js';
import { setPool } from './guards.js';
import { price } from './price.js';
import { removeStake } from './removeStake.js';
import { resetDebt, settleReward } from './settleReward.js';
import { settleSlash } from './settleSlash.js';
import { ledgerReduce } from './stakeLedger.js';
import type { Sp } from './state.js';

/**
 * §6.7: pays queued withdrawals from free stake, strictly first come first served. The share
 * budget is priced once (`p0`) before the loop, as the reference does.
 *
 * Fails ARITHMETIC_OVERFLOW (the whole action reverts) when a payment would go through a wrapping
 * conversion: §3.2's `toFixed(b mod 2^64)` of the free stake, the pool's totals (the price), the
 * request or the user's shares. With wrapped values the loop no longer converges: a free stake
 * above 2^64 pico buys `bdiv(freeStake mod 2^64, p0)` shares per turn, paid from wrapped values
 * (in the reported case 0 PHA each, the free stake unchanged), so one call emits a Withdrawal per
 * slice of the request — about r.shares / (2^64 / p0) turns, hundreds of thousands to ~2^100.
 * The spec's wrapping is the reference's release build; the reference never finishes that loop
 * either (a Substrate block is bounded by its weight, and the current reference's conversions
 * are `unwrapped_*`, which panic), so the transaction does not happen — failing it is that
 * outcome, finitely. Stopping the loop at a turn without progress would instead commit a state
 * the reference never reaches (part of a request given away for 0 PHA). Below 2^64 no
 * conversion wraps and nothing changes.
 */
export function processQueue(sp: Sp, pid: number): void {
  const p0 = price(sp.state.pools.get(pid)!);
  if (p0 === null) return;
  for (;;) {
    const pool = sp.state.pools.get(pid)!;
    if (isDust(pool.freeStake) || pool.withdrawQueue.length === 0) return;
    const r = pool.withdrawQueue[0]!;
    const rest = pool.withdrawQueue.slice(1);
    let u = sp.state.staker(pid, r.user);
    if (!u) {
      setPool(sp, pid, { withdrawQueue: rest });
      continue;
    }
    if (toFixedWraps(pool.freeStake) || toFixedWraps(pool.totalStake) || toFixedWraps(pool.totalShares) || toFixedWraps(r.shares) || toFixedWraps(u.shares)) {
      sp.ctx.fail('ARITHMETIC_OVERFLOW', `pool ${pid}: paying the withdrawal queue converts an amount of 2^64 pico or more, which the fixed-point conversion wraps`, {
        pid,
        freeStake: pool.freeStake,
        totalStake: pool.totalStake,
        totalShares: pool.totalShares,
        requestShares: r.shares,
      });
    }
    u = settleReward(u, pool.rewardAcc);
    const freeShares = p0 === 0n ? r.shares : bdiv(pool.freeStake, p0);
    const w = minBig(freeShares, r.shares);
    // Free stake too small to buy a single share: no progress is possible (the reference would spin).
    if (w === 0n) return;
    u = settleSlash(sp, pool, u);
    const out = removeStake(sp, pid, u, w);
    const left = strip(r.shares - w);
    ledgerReduce(sp, r.user, out.amount, out.userDust);
    sp.ctx.emit('Withdrawal', { pid, user: r.user, amount: out.amount, shares: out.removedShares });
    const after = sp.state.pools.get(pid)!;
    sp.state.setStaker(pid, resetDebt(out.u, after.rewardAcc));
    setPool(sp, pid, { withdrawQueue: left === 0n ? rest : [{ ...r, shares: left }, ...rest] });
  }
}
