import type { Address, Hex } from '../../kernel/index.js';
import type { Fx } from './fixed.js';
import type { MinerRecord } from './state.js';

/**
 * One bound worker as the fast computation path (§9, `runComputation.ts`) sees it: what the
 * reference looks up by key every block (binding, assignment, confidence level, mining record),
 * resolved once. A cache, not state: it is rebuilt from state whenever it might be stale.
 */
export interface RosterSlot {
  readonly worker: Hex;
  readonly miner: Address;
  /** Index into `Roster.pools`, or -1 without an assignment. */
  readonly pool: number;
  /** §9 step 2: the gatekeeper's confidence factor of the worker's level. */
  readonly conf: Fx;
  /** The worker's mining record as the `miners` map holds it now (kept current, see StakePoolState). */
  record: MinerRecord;
  /** Terms that depend only on `pInit` (and constants), for the `pInit` they were computed for (-1: none yet). */
  pInit: number;
  /** mul(x, x) with x = mul(mul(int(2), int(P)), conf). */
  xx: Fx;
  /** mul(costK, int(P)) + costB. */
  cost: Fx;
  /** Per-block scratch: the share (0 when not idle) and the payout bits. */
  share: Fx;
  payout: Fx;
}

/** A pool the roster's workers are assigned to, in first-seen order of the slots. */
export interface RosterPool {
  readonly pid: number;
}

export interface Roster {
  /** Bound workers, ascending worker id (§9 step 1). */
  readonly slots: readonly RosterSlot[];
  readonly pools: readonly RosterPool[];
  /** Miner account → slot index, to refresh single records. */
  readonly index: ReadonlyMap<Address, number>;
}
