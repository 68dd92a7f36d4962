import { ZERO_ADDRESS, type Address } from '../../kernel/index.js';
import { leavePool } from './leavePool.js';
import type { Pool } from './state.js';
import { withdrawIfMature } from './withdrawIfMature.js';

/**
 * §5.0: validates the stake, reuses exiting tokens (burning only the rest), takes the slot with
 * the smallest stake (lowest index on ties), evicting its owner, and resets capacity.
 */
export function enterPool(pool: Pool, a: Address, amount: bigint, rewardPerGas: number, maxCapacity: number): void {
  const { ctx, params, state } = pool;
  if (maxCapacity < params.minCapacity || amount / BigInt(maxCapacity) < params.minStakePerCapacity || rewardPerGas === 0) {
    ctx.fail('INVALID_PARAMS', 'stake needs maxCapacity ≥ minCapacity, amount / maxCapacity ≥ minStakePerCapacity and rewardPerGas > 0', {
      amount,
      rewardPerGas,
      maxCapacity,
      minCapacity: params.minCapacity,
      minStakePerCapacity: params.minStakePerCapacity,
    });
  }

  let s = state.staker(a);
  let exitAmount = s.exitAmount;
  if (exitAmount >= amount) {
    exitAmount -= amount;
  } else {
    const fresh = amount - exitAmount;
    ctx.ledger.burn('TKO', a, fresh, ctx.name);
    state.addTotals({ burned: fresh });
    exitAmount = 0n;
  }
  s = { ...s, exitAmount, exitRequestedAt: exitAmount > 0n ? ctx.clock.time : 0, maxCapacity };
  state.writeStaker(a, s);

  const i = state.index.minStake.argmin();
  const current = state.slot(i);
  if (current.stakedAmount >= amount) {
    ctx.fail('PROVER_NOT_GOOD_ENOUGH', `the pool is full and ${amount} does not exceed its smallest stake ${current.stakedAmount}`, {
      amount,
      smallestStake: current.stakedAmount,
      slot: i,
    });
  }
  const evicted = current.owner;
  if (evicted !== ZERO_ADDRESS) {
    withdrawIfMature(pool, evicted);
    leavePool(pool, evicted, false);
  }

  state.writeStaker(a, { ...state.staker(a), proverId: i });
  state.writeSlot(i, { owner: a, stakedAmount: amount, rewardPerGas, currentCapacity: maxCapacity });
  ctx.emit('Staked', { addr: a, amount, rewardPerGas, currentCapacity: maxCapacity });
}
