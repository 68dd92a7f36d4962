import { div, toFixed, type Fx } from './fixed.js';

/** §6.1: stake per share; absent without shares. Rewards never move it; slashes and dropped dust shares do. */
export function price(pool: { totalShares: bigint; totalStake: bigint }): Fx | null {
  const s = toFixed(pool.totalShares);
  return s === 0n ? null : div(toFixed(pool.totalStake), s);
}
