import type { Address } from '../../kernel/index.js';
import { EXITED_SLOT, type Pool } from './state.js';

/**
 * §5.0: frees the member's slot; its stake joins the exit amount and the exit timer restarts for
 * the whole amount. The change lock is checked after the slot is written, as in the reference
 * (the write is undone with the failure).
 */
export function leavePool(pool: Pool, a: Address, checkLock: boolean): void {
  const { ctx, params, state } = pool;
  const s = state.staker(a);
  if (s.proverId === 0) return;
  const i = s.proverId;
  const x = state.slot(i).stakedAmount;
  state.writeSlot(i, EXITED_SLOT);
  if (checkLock && ctx.clock.time <= s.exitRequestedAt + params.minChangeDelay) {
    ctx.fail('CHANGE_TOO_FREQUENT', `${a} changed its stake less than ${params.minChangeDelay} s ago`, {
      addr: a,
      exitRequestedAt: s.exitRequestedAt,
      unlocksAfter: s.exitRequestedAt + params.minChangeDelay,
    });
  }
  const exitAmount = s.exitAmount + x;
  state.writeStaker(a, { ...s, exitAmount, exitRequestedAt: ctx.clock.time, proverId: 0 });
  ctx.emit('Exited', { addr: a, amount: exitAmount });
}
