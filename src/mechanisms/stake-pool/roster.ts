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
  /** Whether `record` has its fields in the order records are created in (see `hasMinerKeyOrder`). */
  ordered: boolean;
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
  /**
   * Bound workers in the order the `miners` map stores their records: walking them in that order
   * touches memory in sequence (≈ 20% faster per block at 40,000 workers than id order), for the
   * work whose order nobody can see.
   */
  readonly slots: readonly RosterSlot[];
  /** The same slots by ascending worker id (§9 step 1): the order of events and of the subsidy checks. */
  readonly byId: readonly RosterSlot[];
  readonly pools: readonly RosterPool[];
  /** Miner account → slot index, to refresh single records. */
  readonly index: ReadonlyMap<Address, number>;
}

/** Field order of a mining record as `addWorker` creates it (and every spread of it keeps). */
const MINER_KEYS = ['pid', 'worker', 'state', 'stake', 've', 'v', 'vUpdatedAt', 'coolDownStart', 'pInit', 'vDeductible'];

/**
 * Whether `r`'s fields come in creation order. The fast path then writes its new record as a
 * literal in that order (a spread of records of mixed shapes was 40% of its time); records
 * restored from a snapshot have their keys sorted and are copied by spread, as the reference does,
 * so both paths always give records of the same key order.
 */
export function hasMinerKeyOrder(r: MinerRecord): boolean {
  let i = 0;
  for (const k in r) if (k !== MINER_KEYS[i++]) return false;
  return i === MINER_KEYS.length;
}
