import { action, argsOf, uint } from '../../kernel/index.js';
import { pidArg } from './schemas.js';
import { addStake } from './addStake.js';
import { requirePool } from './guards.js';
import { processQueue } from './processQueue.js';
import { emptyStake, settleReward } from './settleReward.js';
import { settleSlash } from './settleSlash.js';
import { setStakeLedger, stakeLedgerOf } from './stakeLedger.js';
import { PHA, type Sp } from './state.js';

const args = argsOf({ pid: pidArg, amount: uint(128) });

/** §7.10: PHA stays in the delegator's account under the `phala/sp` lock; new free stake pays the queue first. */
export function contribute(sp: Sp) {
  return action({
    summary: 'delegate PHA to a pool (locked in your account); receive shares',
    args,
    run(sender, { pid, amount }) {
      const { state, ctx, params } = sp;
      const pool = requirePool(sp, pid);
      const list = state.whitelists.get(pid);
      if (list && sender !== pool.owner && !list.includes(sender)) sp.ctx.fail('NOT_IN_CONTRIBUTE_WHITELIST', `${sender} is not in the whitelist of pool ${pid}`, { pid });
      if (amount < params.minContribution) sp.ctx.fail('INSUFFICIENT_CONTRIBUTION', `contribution ${amount} is below ${params.minContribution}`, { min: params.minContribution });
      const locked = stakeLedgerOf(sp, sender);
      const free = ctx.ledger.balanceOf(PHA, sender) - locked;
      if (free < amount) sp.ctx.fail('INSUFFICIENT_BALANCE', `${sender} has ${free} PHA not yet delegated, ${amount} asked`, { available: free });
      if (!(pool.totalShares === 0n || pool.totalStake > 0n)) sp.ctx.fail('POOL_BANKRUPT', `pool ${pid} has shares but no stake`, { pid });
      let u = state.staker(pid, sender);
      u = u ? settleSlash(sp, pool, settleReward(u, pool.rewardAcc)) : emptyStake(sender);
      const added = addStake(sp, pid, u, amount);
      state.setStaker(pid, added.u);
      setStakeLedger(sp, sender, stakeLedgerOf(sp, sender) + amount);
      processQueue(sp, pid);
      const after = state.pools.get(pid)!;
      if (after.cap !== null && after.totalStake > after.cap) sp.ctx.fail('STAKE_EXCEEDS_CAPACITY', `total stake ${after.totalStake} would exceed the cap ${after.cap}`, { cap: after.cap });
      ctx.emit('Contribution', { pid, user: sender, amount, shares: added.shares });
      return { shares: added.shares };
    },
  });
}
