import { jsonInt, maxBig, minBig, wrapUint, type Address } from '../../kernel/index.js';
import type { Pool } from './state.js';

/**
 * §5.0 `slash`: max(slashable × slashPoints / 10,000 / maxCapacity, slashMultiplier × proofReward)
 * capped at the slashable stake, taken from the exit amount first (even a mature one), then the
 * stake. Nothing moves in the ledger: staked tokens were burned on entry.
 */
export function slash(pool: Pool, blockId: bigint, a: Address, proofReward: bigint): void {
  const { ctx, params, state } = pool;
  const s = state.staker(a);
  const x = s.proverId !== 0 ? state.slot(s.proverId).stakedAmount : 0n;
  const pending = s.exitRequestedAt > 0 && ctx.clock.time <= s.exitRequestedAt + params.exitPeriod;
  // The reference adds two uint64s unchecked here.
  const slashable = pending ? wrapUint(x + s.exitAmount, 64) : x;
  if (slashable === 0n) return;
  // maxCapacity ≥ minCapacity ≥ 1 whenever slashable > 0 (a staker has entered the pool before).
  const byPoints = (slashable * params.slashPoints) / 10_000n / BigInt(s.maxCapacity);
  const byReward = wrapUint(params.slashMultiplier * proofReward, 64);
  const amount = minBig(maxBig(byPoints, byReward), slashable);

  if (amount <= s.exitAmount) {
    state.writeStaker(a, { ...s, exitAmount: s.exitAmount - amount });
  } else {
    const rest = amount - s.exitAmount;
    state.writeStaker(a, { ...s, exitAmount: 0n });
    if (s.proverId !== 0) {
      const slot = state.slot(s.proverId);
      state.writeSlot(s.proverId, { ...slot, stakedAmount: slot.stakedAmount > rest ? slot.stakedAmount - rest : 0n });
    }
  }
  state.addTotals({ slashed: amount });
  ctx.emit('Slashed', { blockId: jsonInt(blockId), addr: a, amount });
}
