import type { StakePoolErrorCode } from './errors.js';
import type { Address, Hex, JCell, JList, JMap, MechanismContext, Scope } from '../../kernel/index.js';
import type { Fx } from './fixed.js';
import type { StakePoolParams } from './params.js';
import { hasMinerKeyOrder, type Roster, type RosterPool, type RosterSlot } from './roster.js';
import { gatekeeperConfidence } from './workerShare.js';
import { ZERO_TOTALS, type AccountTotals } from '../../economy/account.js';

export const LOCK_ID = 'phala/sp';
export const PHA = 'PHA';

export type MinerState = 'Ready' | 'MiningIdle' | 'MiningUnresponsive' | 'MiningCoolingDown';

export function isMining(s: MinerState): boolean {
  return s === 'MiningIdle' || s === 'MiningUnresponsive';
}

/** §5.1. `initialScore` null: benchmark missing. */
export interface WorkerInfo {
  readonly operator: Address;
  readonly initialScore: number | null;
  readonly confidenceLevel: number;
}

/** §5.2: one per miner account (pool/worker pair); never deleted. */
export interface MinerRecord {
  readonly pid: number;
  readonly worker: Hex;
  readonly state: MinerState;
  readonly stake: bigint;
  readonly ve: Fx;
  readonly v: Fx;
  readonly vUpdatedAt: number;
  readonly coolDownStart: number;
  readonly pInit: number;
  readonly vDeductible: Fx;
}

export interface WithdrawRequest {
  readonly user: Address;
  readonly shares: bigint;
  readonly startTime: number;
}

/** §5.3. */
export interface PoolRecord {
  readonly pid: number;
  readonly owner: Address;
  readonly commission: number | null;
  readonly ownerReward: bigint;
  readonly cap: bigint | null;
  readonly rewardAcc: Fx;
  readonly totalShares: bigint;
  readonly totalStake: bigint;
  readonly freeStake: bigint;
  readonly releasingStake: bigint;
  readonly workers: readonly Hex[];
  readonly withdrawQueue: readonly WithdrawRequest[];
}

/** §5.4. */
export interface UserStake {
  readonly user: Address;
  readonly locked: bigint;
  readonly shares: bigint;
  readonly availableRewards: bigint;
  readonly rewardDebt: bigint;
}

/**
 * Books for invariant 7 (not in the reference): what a pool was credited, what claims paid, and
 * how many times a user's shares changed (each such debt reset can over-promise up to 1 pico,
 * because floor(s·a2) − floor(s·a1) may exceed s·(a2 − a1) by one).
 */
export interface RewardBook {
  readonly credited: bigint;
  readonly paid: bigint;
  readonly shareChanges: bigint;
}

function setSlotRecord(slot: RosterSlot, r: MinerRecord): void {
  slot.record = r;
  slot.ordered = hasMinerKeyOrder(r);
}

/** Records written between two blocks beyond which the roster re-reads them all. */
const MAX_DIRTY_MINERS = 4096;

/**
 * economy §2: the account's totals, plus bookkeeping that ties `issued` to the subsidy account's
 * balance: treasury parts (subsidy → treasury), dust removed, the subsidy account's genesis
 * balance, and the net PHA moved into it otherwise (it claims, it is the treasury, it is slashed).
 */
export interface PhaTotals extends AccountTotals {
  readonly toTreasury: bigint;
  readonly dust: bigint;
  readonly subsidyGenesis: bigint;
  readonly subsidyOther: bigint;
}

const stakerKey = (pid: number, user: Address): string => `${pid}/${user}`;

/**
 * Every field is a journaled container holding immutable records, so a failed action is undone
 * by the kernel. Pools are keyed by pid, user stakes by `pid/user`.
 */
export class StakePoolState {
  readonly workers: JMap<Hex, WorkerInfo>;
  /** worker → miner account and miner account → worker (the binding). */
  readonly workerBindings: JMap<Hex, Address>;
  readonly minerBindings: JMap<Address, Hex>;
  /** worker → pid, exactly while bound to that pool's miner. */
  readonly assignments: JMap<Hex, number>;
  readonly miners: JMap<Address, MinerRecord>;
  /** worker → pids whose miner record exists (D1 check without a scan). */
  readonly workerMiners: JMap<Hex, readonly number[]>;
  readonly onlineMiners: JCell<number>;
  readonly pools: JMap<number, PoolRecord>;
  readonly stakers: JMap<string, UserStake>;
  readonly stakeLedger: JMap<Address, bigint>;
  readonly whitelists: JMap<number, readonly Address[]>;
  readonly descriptions: JMap<number, string>;
  readonly poolCount: JCell<number>;
  readonly budgetPerBlock: JCell<Fx>;
  readonly withdrawalTimestamps: JList<number>;
  readonly withdrawalQueuedPools: JMap<number, readonly number[]>;
  readonly rewardBooks: JMap<number, RewardBook>;
  readonly economy: JCell<PhaTotals>;
  /**
   * A fresh token on every bind and unbind. The JCell restores the old token on rollback, so a
   * cache keyed by token identity can never outlive the bindings it was computed from.
   */
  private readonly bindingsVersion: JCell<object>;
  private boundCache: { token: object; sorted: ReadonlyArray<readonly [Hex, Address]> } | undefined;
  /** Set once at genesis: whether fixtures were loaded (§5.7) and the height the budget decay counts from. */
  readonly genesis: JCell<{ readonly fixtures: boolean; readonly halvingStartBlock: number }>;

  // The computation roster (roster.ts), a cache of the fast path. It is rebuilt when the bindings
  // token or `rosterEpoch` (any change of `assignments` or of a bound worker's registry entry,
  // forward or undone) moved; miner records written by anyone but the fast path itself are
  // re-read by key before a block. A rebuild at 40,000 workers costs about one block.
  private rosterCache: { token: object; epoch: number; roster: Roster } | undefined;
  private rosterEpoch = 0;
  private readonly minersDirty = new Set<Address>();
  private minersAllDirty = true;
  /** Set by the fast path while it writes records it also keeps in the roster. */
  rosterWriting = false;
  /** Runs the literal reference of the computation model instead of the fast path (tests). */
  referenceComputation = false;

  constructor(store: Scope, params: StakePoolParams) {
    const bump = () => void this.rosterEpoch++;
    // Only a bound worker's registry entry is in the roster (and §7.1 refuses to change those).
    this.workers = store.map('workers', { onChange: (w) => void (this.workerBindings.has(w) && this.rosterEpoch++) });
    this.workerBindings = store.map('workerBindings');
    this.minerBindings = store.map('minerBindings');
    this.assignments = store.map('assignments', { onChange: bump });
    this.miners = store.map('miners', { onChange: (miner) => this.minerChanged(miner) });
    this.workerMiners = store.map('workerMiners', { cache: true });
    this.onlineMiners = store.cell('onlineMiners', 0);
    this.pools = store.map('pools');
    this.stakers = store.map('stakers');
    this.stakeLedger = store.map('stakeLedger');
    this.whitelists = store.map('whitelists');
    this.descriptions = store.map('descriptions');
    this.poolCount = store.cell('poolCount', 0);
    this.budgetPerBlock = store.cell('budgetPerBlock', params.tokenomic.budgetPerBlock);
    this.withdrawalTimestamps = store.list('withdrawalTimestamps');
    this.withdrawalQueuedPools = store.map('withdrawalQueuedPools');
    this.rewardBooks = store.map('rewardBooks');
    this.economy = store.cell<PhaTotals>('economy', { ...ZERO_TOTALS, toTreasury: 0n, dust: 0n, subsidyGenesis: 0n, subsidyOther: 0n });
    this.bindingsVersion = store.cell<object>('bindingsVersion', {}, { cache: true });
    this.genesis = store.cell('genesis', { fixtures: false, halvingStartBlock: 0 });
  }

  /** Rebuilds the caches from state (after a restore): the worker → pids index. */
  rebuildCaches(): void {
    this.rosterCache = undefined;
    this.minersAllDirty = true;
    for (const w of [...this.workerMiners.keys()]) this.workerMiners.delete(w);
    for (const r of this.miners.values()) {
      const pids = this.workerMiners.get(r.worker) ?? [];
      if (!pids.includes(r.pid)) this.workerMiners.set(r.worker, [...pids, r.pid]);
    }
    this.bindingsVersion.set({});
  }

  bind(worker: Hex, miner: Address): void {
    this.workerBindings.set(worker, miner);
    this.minerBindings.set(miner, worker);
    this.bindingsVersion.set({});
  }

  unbind(worker: Hex, miner: Address): void {
    this.workerBindings.delete(worker);
    this.minerBindings.delete(miner);
    this.bindingsVersion.set({});
  }

  /**
   * Bound workers with their miner accounts, by ascending worker id (§9 step 1). Sorted once per
   * change of the bindings rather than once per block: binds are rare next to blocks.
   */
  boundWorkersSorted(): ReadonlyArray<readonly [Hex, Address]> {
    const token = this.bindingsVersion.get();
    if (this.boundCache?.token !== token) this.boundCache = { token, sorted: this.workerBindings.sortedEntries() };
    return this.boundCache.sorted;
  }

  private minerChanged(miner: Address): void {
    if (this.rosterWriting || this.minersAllDirty) return;
    this.minersDirty.add(miner);
    // Many writes between blocks (or no blocks at all): re-read every record instead.
    if (this.minersDirty.size > MAX_DIRTY_MINERS) {
      this.minersAllDirty = true;
      this.minersDirty.clear();
    }
  }

  /**
   * The bound workers with everything the fast computation path needs, current as of now:
   * rebuilt after a change of the bindings, assignments or worker registry; records re-read for
   * the miners written since the last call (by transactions, rollbacks, the reference path).
   */
  roster(): Roster {
    const token = this.bindingsVersion.get();
    let c = this.rosterCache;
    if (c === undefined || c.token !== token || c.epoch !== this.rosterEpoch) {
      c = { token, epoch: this.rosterEpoch, roster: this.buildRoster() };
      this.rosterCache = c;
    } else if (this.minersAllDirty) {
      for (const slot of c.roster.slots) setSlotRecord(slot, this.miners.get(slot.miner)!);
    } else {
      const { slots, index } = c.roster;
      for (const miner of this.minersDirty) {
        const i = index.get(miner);
        if (i !== undefined) setSlotRecord(slots[i]!, this.miners.get(miner)!);
      }
    }
    this.minersDirty.clear();
    this.minersAllDirty = false;
    return c.roster;
  }

  private buildRoster(): Roster {
    const slots: RosterSlot[] = [];
    const pools: RosterPool[] = [];
    const poolIndex = new Map<number, number>();
    const index = new Map<Address, number>();
    for (const [miner, record] of this.miners.entries()) {
      const worker = this.minerBindings.get(miner);
      if (worker === undefined) continue;
      const pid = this.assignments.get(worker);
      let pool = -1;
      if (pid !== undefined) {
        pool = poolIndex.get(pid) ?? -1;
        if (pool < 0) {
          pool = pools.length;
          poolIndex.set(pid, pool);
          pools.push({ pid });
        }
      }
      // The record's worker, as the reference reads it (the same id: a miner account is derived
      // from it); a bound worker is registered and cannot be re-registered (§7.1).
      const conf = gatekeeperConfidence(this.workers.get(record.worker)!.confidenceLevel);
      index.set(miner, slots.length);
      slots.push({ worker, miner, pool, conf, record, ordered: hasMinerKeyOrder(record), pInit: -1, xx: 0n, cost: 0n, share: 0n, payout: 0n });
    }
    // Every bound miner has a record (addWorker creates it with the binding).
    const byId = this.boundWorkersSorted().map(([, miner]) => slots[index.get(miner)!]!);
    return { slots, byId, pools, index };
  }

  staker(pid: number, user: Address): UserStake | undefined {
    return this.stakers.get(stakerKey(pid, user));
  }

  setStaker(pid: number, u: UserStake): void {
    this.stakers.set(stakerKey(pid, u.user), u);
  }

  setMiner(miner: Address, r: MinerRecord): void {
    if (!this.miners.has(miner)) {
      const pids = this.workerMiners.get(r.worker) ?? [];
      if (!pids.includes(r.pid)) this.workerMiners.set(r.worker, [...pids, r.pid]);
    }
    this.miners.set(miner, r);
  }

  countShareChange(pid: number): void {
    const b = this.book(pid);
    this.rewardBooks.set(pid, { ...b, shareChanges: b.shareChanges + 1n });
  }

  book(pid: number): RewardBook {
    return this.rewardBooks.get(pid) ?? { credited: 0n, paid: 0n, shareChanges: 0n };
  }
}

/** Everything a procedure or action of this mechanism works with. */
export interface Sp {
  readonly ctx: MechanismContext<StakePoolErrorCode>;
  readonly params: StakePoolParams;
  readonly state: StakePoolState;
  /** True when genesis loaded fixtures: invariants are not asserted (§5.7). */
  readonly fixtures: boolean;
  /** `computation.halvingStartBlock`, or the genesis height when the parameter is null. */
  readonly halvingStartBlock: number;
}

export function now(sp: Sp): number {
  return sp.ctx.clock.time;
}
