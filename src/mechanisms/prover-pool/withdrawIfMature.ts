import type { Address } from '../../kernel/index.js';
import type { Pool } from './state.js';

/** §5.0: pays out a matured exit (strictly after exitRequestedAt + exitPeriod) by minting it back. */
export function withdrawIfMature(pool: Pool, a: Address): boolean {
  const { ctx, params, state } = pool;
  const s = state.staker(a);
  if (s.exitAmount === 0n || s.exitRequestedAt === 0 || ctx.clock.time <= s.exitRequestedAt + params.exitPeriod) return false;
  ctx.ledger.mint('TKO', a, s.exitAmount, ctx.name);
  state.addTotals({ minted: s.exitAmount });
  ctx.emit('Withdrawn', { addr: a, amount: s.exitAmount });
  state.writeStaker(a, { ...s, exitRequestedAt: 0, exitAmount: 0n });
  return true;
}
