import type { Address } from '../../kernel/index.js';
import type { Pool } from './state.js';

/** §5.0: gives one unit of capacity back to a member, capped at its maxCapacity; anyone else: nothing. */
export function release(pool: Pool, a: Address): void {
  const { state } = pool;
  const s = state.staker(a);
  if (s.proverId === 0) return;
  const slot = state.slot(s.proverId);
  if (slot.currentCapacity < s.maxCapacity) state.writeSlot(s.proverId, { ...slot, currentCapacity: slot.currentCapacity + 1 });
}
