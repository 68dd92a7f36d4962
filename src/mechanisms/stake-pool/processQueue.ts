import { minBig } from '../../kernel/index.js';
import { bdiv, isDust, strip } from './fixed.js';
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
