import { action, argsOf, minBig, uint } from '../../kernel/index.js';
import { pidArg } from './schemas.js';
import { clipRequest } from './clipRequest.js';
import { bdiv, isDust, strip } from './fixed.js';
import { price } from './price.js';
import { queueRequest } from './queueRequest.js';
import { removeStake } from './removeStake.js';
import { resetDebt, settleReward } from './settleReward.js';
import { settleSlash } from './settleSlash.js';
import { ledgerReduce } from './stakeLedger.js';
import type { Sp } from './state.js';

const args = argsOf({ pid: pidArg, shares: uint(128) });

/** §7.11: what free stake covers is paid now; the rest waits in the FIFO queue (and keeps earning). */
export function withdraw(sp: Sp) {
  return action({
    summary: 'withdraw shares: paid from free stake now, the rest queued',
    args,
    run(sender, { pid, shares }) {
      const { state, ctx } = sp;
      let u = state.staker(pid, sender);
      if (!u) sp.ctx.fail('POOL_STAKE_NOT_FOUND', `${sender} has no stake in pool ${pid}`, { pid });
      if (isDust(shares) || shares > u.shares) sp.ctx.fail('INVALID_WITHDRAWAL_AMOUNT', `cannot withdraw ${shares} of ${u.shares} shares`, { shares, held: u.shares });
      let pool = state.pools.get(pid);
      if (!pool) sp.ctx.fail('POOL_DOES_NOT_EXIST', `pool ${pid} does not exist`, { pid });
      u = settleReward(u, pool.rewardAcc);
      const p = price(pool);
      // A fully slashed pool (price 0) lets any number of shares go, for 0 PHA.
      const freeShares = p !== null && p !== 0n ? bdiv(pool.freeStake, p) : shares;
      const immediate = strip(minBig(shares, freeShares));
      const queued = strip(shares - immediate);
      if (immediate > 0n) {
        u = settleSlash(sp, pool, u);
        const out = removeStake(sp, pid, u, immediate);
        u = out.u;
        ledgerReduce(sp, sender, out.amount, out.userDust);
        ctx.emit('Withdrawal', { pid, user: sender, amount: out.amount, shares: out.removedShares });
      }
      if (queued > 0n) queueRequest(sp, pid, sender, queued);
      // §7.11 step 6 (like the v1 reference) keeps an earlier request when nothing is queued. Paid
      // entirely now (a fully slashed pool, price 0, pays any number of shares at once), the
      // shares left can be fewer than that request, which §13 invariant 5 forbids and §7.20 says
      // reachable states never need repairing: the request is cut as reconcileWithdrawQueue would
      // (no event). In every other state it already fits and nothing changes.
      else clipRequest(sp, pid, sender, u.shares);
      pool = state.pools.get(pid)!;
      state.setStaker(pid, resetDebt(u, pool.rewardAcc));
    },
  });
}
