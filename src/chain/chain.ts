import {
  Clock,
  EventLog,
  InvalidArgumentError,
  Journal,
  Ledger,
  MechanismError,
  parseAddress,
  parseArgs,
  StakeworksError,
  Store,
  echo,
  internalError,
  nameEcho,
  IncrementalRoot,
  fullStateRoot,
  tiersUpTo,
  type Address,
  type Change,
  type ChainEvent,
  type EventArgs,
  type EventListener,
  type Hex,
  type InvariantTier,
  type ActionSpec,
  type Mechanism,
  type MechanismContext,
  type MechanismModule,
} from '../kernel/index.js';
import type { ActionArgs, ActionCall, ActionParsedArgs, ActionResult, QueryArgs, QueryCall, QueryResult } from './calls.js';
import { readSnapshot, writeSnapshot, type Snapshot } from './snapshot.js';
import { StepChanges } from './stepChanges.js';
import { deepMerge } from './deepMerge.js';
import { mechanismRegistry } from './registry.js';

/** `chain.mechanisms.<kind>`: a preset name plus parameter overrides (deep-merged over the preset). */
export type MechanismConfig = { preset?: string } & Record<string, unknown>;

export interface ChainConfig {
  mechanisms: Record<string, MechanismConfig>;
}

export interface GenesisConfig {
  time?: number;
  height?: number;
  /** account name or address → asset → amount */
  balances?: Record<string, Record<string, bigint | number | string>>;
  /** `genesis.<mechanism>`: mechanism-specific initial state */
  [mechanism: string]: unknown;
}

export interface ChainOptions {
  /** Keep every event in memory (default true). Long simulations turn it off. */
  retainEvents?: boolean;
  /** Module registry (default: every mechanism Stakeworks ships). */
  registry?: ReadonlyMap<string, MechanismModule>;
  /** Build each step's change set, `Outcome.changes` (default true). Long simulations turn it off. */
  recordChanges?: boolean;
}

/** What one step did: success or the error, the result, and every event it emitted (hooks included). */
export interface Outcome<R = unknown> {
  ok: boolean;
  error?: StakeworksError;
  result?: R;
  events: ChainEvent[];
  /**
   * What the step changed, by container name and key: for a keyed container the key and its new
   * value (or `deleted`), for a cell its new value, for a sequence its operations in order. Absent
   * when the chain was built with `recordChanges: false`. Time-driven work committed since the
   * previous step (a sync run by `stateRoot`, say) is reported with the next step, so a consumer
   * that applies every step's changes in order misses nothing; a failed action adds nothing.
   */
  changes?: Change[];
}

export interface AdvanceSpec {
  seconds?: number;
  blocks?: number;
  /** Hash of the last block passed (the parent of the next transactions). */
  blockHash?: Hex;
  to?: { time?: number; height?: number };
}

interface Entry {
  kind: string;
  module: MechanismModule;
  params: unknown;
  mechanism: Mechanism;
}

/**
 * A network: the kernel (journal, clock, ledger, event log) plus the mechanisms its config names,
 * in config order. Routes `mechanism.action` calls, answers queries, passes blocks (running block
 * hooks in mechanism order), computes the state root and checks invariants.
 *
 * Every transaction, hook and sync is one journaled unit: a failure leaves state, balances,
 * events and the state root exactly as before.
 */
export class Chain {
  readonly journal = new Journal();
  /** Every named container: what the root hashes, the snapshot writes and restore fills. */
  readonly store = new Store(this.journal);
  readonly clock: Clock;
  readonly events: EventLog;
  readonly ledger: Ledger;
  private readonly entries: Entry[] = [];
  private readonly byKind = new Map<string, Entry>();
  private readonly root = new IncrementalRoot(() => this.store.all());
  private readonly recordChanges: boolean;
  /** What the current step has committed so far. */
  private readonly stepChanges = new StepChanges();
  private readonly actionRoutes = new Map<string, { entry: Entry; action: ActionSpec }>();
  /** Each mechanism's `sync`, bound once (it runs before every step). */
  private syncs: Array<() => void> = [];
  /** Each mechanism's `onBlock`, bound once, in mechanism order. */
  private blockHooks: Array<() => void> = [];

  private constructor(time: number, height: number, options: ChainOptions) {
    this.clock = new Clock(this.store.scope('clock'), time, height);
    this.events = new EventLog(this.journal, options.retainEvents ?? true);
    this.ledger = new Ledger(this.store.scope('ledger'), (name, args) => this.emit('ledger', name, args));
    this.recordChanges = options.recordChanges ?? true;
    if (this.recordChanges) {
      this.journal.onCommit = (log) => this.stepChanges.add(log);
    }
  }

  static build(config: ChainConfig, genesis: GenesisConfig = {}, options: ChainOptions = {}): Chain {
    const registry = options.registry ?? mechanismRegistry;
    const time = genesis.time ?? 0;
    const height = genesis.height ?? 1;
    checkClockValue(time, 'genesis.time');
    checkClockValue(height, 'genesis.height');
    const chain = new Chain(time, height, options);

    const kinds = Object.keys(config.mechanisms ?? {});
    if (kinds.length === 0) throw new InvalidArgumentError(`chain.mechanisms is empty; available: ${[...registry.keys()].join(', ')}`);
    for (const kind of kinds) {
      const module = registry.get(kind);
      if (!module) throw new InvalidArgumentError(`unknown mechanism ${kind}; available: ${[...registry.keys()].join(', ')}`, { mechanism: kind });
      const { preset = module.defaultPreset, ...overrides } = config.mechanisms[kind] ?? {};
      const base = typeof preset === 'string' && Object.hasOwn(module.presets, preset) ? module.presets[preset] : undefined;
      if (!base) {
        throw new InvalidArgumentError(`unknown preset ${preset} for ${kind}; presets: ${Object.keys(module.presets).join(', ')}`, { mechanism: kind, preset });
      }
      const params = module.params(deepMerge(base, overrides));
      for (const asset of module.assets(params)) chain.ledger.declareAsset(asset);
      chain.entries.push({ kind, module, params, mechanism: undefined as unknown as Mechanism });
    }

    const written = new Map<string, string>();
    for (const [who, assets] of Object.entries(genesis.balances ?? {})) {
      const addr = parseAddress(who);
      const before = written.get(addr);
      if (before !== undefined) {
        throw new InvalidArgumentError(`genesis.balances: ${JSON.stringify(before)} and ${JSON.stringify(who)} are the same account ${addr}; write it once`, { account: addr });
      }
      written.set(addr, who);
      if (assets === null || typeof assets !== 'object' || Array.isArray(assets)) {
        throw new InvalidArgumentError(`genesis.balances.${who}: expected an object of asset → amount`, { account: who });
      }
      for (const [asset, amount] of Object.entries(assets)) {
        chain.ledger.asset(asset);
        chain.ledger.allocate(asset, addr, toAmount(amount, `genesis.balances.${who}.${asset}`));
      }
    }

    const known = new Set(['time', 'height', 'balances', ...kinds]);
    for (const key of Object.keys(genesis)) {
      if (!known.has(key)) throw new InvalidArgumentError(`unknown genesis key ${key}; allowed: ${[...known].join(', ')}`, { key });
    }

    for (const entry of chain.entries) {
      const raw = genesis[entry.kind];
      let g: unknown;
      if (raw !== undefined) {
        if (!entry.module.genesisSchema) throw new InvalidArgumentError(`${entry.kind} defines no genesis state`, { mechanism: entry.kind });
        g = parseArgs(entry.module.genesisSchema, raw, `genesis.${entry.kind}`, entry.kind);
      }
      entry.mechanism = entry.module.create(chain.contextFor(entry.kind, entry.module.errors), entry.params, g);
      chain.byKind.set(entry.kind, entry);
      const sync = entry.mechanism.sync;
      if (sync) chain.syncs.push(() => sync.call(entry.mechanism));
      const hook = entry.mechanism.onBlock;
      if (hook) chain.blockHooks.push(() => hook.call(entry.mechanism));
    }
    return chain;
  }

  /**
   * Rebuilds a chain from `snapshot()` output and the configuration it was taken under. Every
   * container is filled from the snapshot, each mechanism rebuilds its caches from state alone,
   * and the recomputed state root must equal the one the snapshot recorded.
   */
  static restore(config: ChainConfig, snapshot: Snapshot | unknown, options: ChainOptions = {}): Chain {
    const doc = readSnapshot(snapshot);
    const chain = Chain.build(config, { time: 0, height: 0 }, options);
    doc.load(chain, chain.store);
    chain.events.resetCount(doc.eventCount);
    chain.root.reset();
    for (const e of chain.entries) e.mechanism.restore?.();
    chain.stepChanges.clear();
    doc.verify(chain.root.root());
    return chain;
  }

  /** The whole state as a versioned, canonical document (see `snapshot.ts`). */
  snapshot(): Snapshot {
    this.syncAll();
    return writeSnapshot(this, this.store, this.events.length, this.root.root());
  }

  /** Listens to every event as it is emitted (also those of a unit that later fails); returns the remover. */
  on(listener: EventListener): () => void {
    return this.events.on(listener);
  }

  get time(): number {
    return this.clock.time;
  }
  get height(): number {
    return this.clock.height;
  }

  mechanismKinds(): string[] {
    return this.entries.map((e) => e.kind);
  }

  /** Effective parameters of a mechanism (as validated). */
  paramsOf(kind: string): unknown {
    return this.entry(kind).params;
  }

  /**
   * Applies one transaction atomically. For the calls Stakeworks ships, the arguments and the
   * result are typed (`calls.ts`); any other string is accepted and checked at run time.
   */
  tx<C extends ActionCall>(from: string, call: C, args?: ActionArgs<C>): Outcome<ActionResult<C>>;
  tx(from: string, call: string, args?: unknown): Outcome;
  tx(from: string, call: string, args: unknown = {}): Outcome {
    const mark = this.beginStep();
    try {
      const sender = parseAddress(from);
      const { entry, action } = this.routeAction(call);
      const parsed = parseArgs(action.args, args, call, entry.kind);
      this.syncAll();
      const result = this.journal.atomic(() => action.run(sender, parsed));
      return this.endStep(mark, true, result, undefined);
    } catch (err) {
      return this.endStep(mark, false, undefined, asStakeworksError(err));
    }
  }

  /**
   * A transaction from a trusted caller (the simulator's agents): the sender is an address and the
   * arguments are already of the action's parsed types, so neither is parsed again. Everything
   * else is as `tx`: one atomic unit, every protocol check of the mechanism.
   */
  trustedTx<C extends ActionCall>(sender: Address, call: C, args: ActionParsedArgs<C>): Outcome<ActionResult<C>>;
  trustedTx(sender: Address, call: string, args: unknown): Outcome;
  trustedTx(sender: Address, call: string, args: unknown): Outcome {
    const mark = this.beginStep();
    try {
      const { action } = this.routeAction(call);
      this.syncAll();
      const result = this.journal.atomic(() => action.run(sender, args));
      return this.endStep(mark, true, result, undefined);
    } catch (err) {
      return this.endStep(mark, false, undefined, asStakeworksError(err));
    }
  }

  /** Reads state without changing it (a query that throws is an error outcome). */
  query<C extends QueryCall>(call: C, args?: QueryArgs<C>): Outcome<QueryResult<C>>;
  query(call: string, args?: unknown): Outcome;
  query(call: string, args: unknown = {}): Outcome {
    const mark = this.beginStep();
    try {
      const { entry, name } = this.route(call, 'query');
      const query = entry.mechanism.queries[name]!;
      const parsed = parseArgs(query.args, args, call, entry.kind);
      this.syncAll();
      // Queries run inside a unit that is always rolled back: a query can never change state.
      let result: unknown;
      const probe = new Error('query rollback');
      try {
        this.journal.atomic(() => {
          result = query.run(parsed);
          throw probe;
        });
      } catch (e) {
        if (e !== probe) throw e;
      }
      return this.endStep(mark, true, result, undefined);
    } catch (err) {
      return this.endStep(mark, false, undefined, asStakeworksError(err));
    }
  }

  /**
   * Moves the clock. Time moves first; then each block passed runs the block hooks (mechanism
   * order) at the new time, and is closed. `blockHash` sets the hash of the last block passed.
   *
   * Atomic per block: the time move belongs to the first block's unit, so a hook failure in the
   * first block leaves nothing changed, and a failure in block k leaves exactly k − 1 complete
   * blocks passed. (One unit for the whole advance would hold every undo record of every block:
   * gigabytes for a simulated day of a large network.)
   */
  advance(spec: AdvanceSpec): Outcome {
    const mark = this.beginStep();
    try {
      let seconds = spec.seconds ?? 0;
      let blocks = spec.blocks ?? 0;
      if (spec.to) {
        if (spec.seconds !== undefined || spec.blocks !== undefined) throw new InvalidArgumentError('advance: use either seconds/blocks or to, not both');
        const t = spec.to.time ?? this.time;
        const h = spec.to.height ?? this.height;
        if (t < this.time) throw new InvalidArgumentError(`advance.to.time ${t} is before the current time ${this.time}`);
        if (h < this.height) throw new InvalidArgumentError(`advance.to.height ${h} is below the current height ${this.height}`);
        seconds = t - this.time;
        blocks = h - this.height;
      }
      if (!Number.isSafeInteger(seconds) || seconds < 0) throw new InvalidArgumentError(`advance.seconds must be a non-negative integer, got ${seconds}`);
      if (!Number.isSafeInteger(blocks) || blocks < 0) throw new InvalidArgumentError(`advance.blocks must be a non-negative integer, got ${blocks}`);
      if (blocks > MAX_BLOCKS_PER_ADVANCE) {
        throw new InvalidArgumentError(`advance.blocks is ${blocks}; one advance passes at most ${MAX_BLOCKS_PER_ADVANCE.toLocaleString('en')} blocks (split it into several steps)`);
      }
      checkClockValue(this.time + seconds, () => `advance: the time ${this.time} + ${seconds} seconds`);
      checkClockValue(this.height + blocks, () => `advance: the height ${this.height} + ${blocks} blocks`);
      if (spec.blockHash !== undefined && blocks === 0) throw new InvalidArgumentError('advance.blockHash needs at least one block passed');
      const hashOf = (b: number) => (b === blocks - 1 ? spec.blockHash : undefined);
      this.journal.atomic(() => {
        this.clock.setTime(this.time + seconds);
        // Time-driven work due at the new time belongs to this step, even when no block passes.
        this.syncAll();
        if (blocks > 0) this.passBlock(hashOf(0));
      });
      for (let b = 1; b < blocks; b++) this.journal.atomic(() => this.passBlock(hashOf(b)));
      return this.endStep(mark, true, undefined, undefined, false);
    } catch (err) {
      return this.endStep(mark, false, undefined, asStakeworksError(err));
    }
  }

  /**
   * The state root: a keccak-256 Merkle trie over every state container's leaves (`stateTree.ts`).
   * Built on first use, then updated from the leaves written since: O(k log n) for k changes.
   */
  stateRoot(): Hex {
    this.syncAll();
    return this.root.root();
  }

  /** The same root recomputed from every leaf, O(n log n): the reference `stateRoot` is tested against. */
  fullStateRoot(): Hex {
    this.syncAll();
    return fullStateRoot(this.store.all());
  }

  /**
   * Every named invariant of the chain, in check order: the ledger's conservation (`ledger`), then
   * per mechanism its own and the escrow books (the ledger's escrow = the mechanism's books).
   */
  invariantChecks(): Array<{ owner: string; name: string; tier: InvariantTier; check(): string[] }> {
    const out: Array<{ owner: string; name: string; tier: InvariantTier; check(): string[] }> = [
      { owner: 'ledger', name: 'conservation', tier: 'full', check: () => this.ledger.checkConservation() },
    ];
    for (const e of this.entries) {
      for (const inv of e.mechanism.invariants) out.push({ owner: e.kind, name: inv.name, tier: inv.tier, check: () => inv.check() });
      out.push({ owner: e.kind, name: 'escrow.books', tier: 'cheap', check: () => this.escrowBooks(e) });
    }
    return out;
  }

  /**
   * Every violated invariant of `tier` and the cheaper tiers (default `full`: all of them), as
   * `owner: invariantName: violation` lines (empty when sound).
   */
  invariants(tier: InvariantTier = 'full'): string[] {
    const tiers = tiersUpTo(tier);
    const out: string[] = [];
    for (const inv of this.invariantChecks()) {
      if (!tiers.includes(inv.tier)) continue;
      for (const v of inv.check()) out.push(`${inv.owner}: ${inv.name}: ${v}`);
    }
    return out;
  }

  /** The ledger's escrow of each asset for a mechanism equals what its books claim (O(assets)). */
  private escrowBooks(e: Entry): string[] {
    const out: string[] = [];
    const books = e.mechanism.escrow?.() ?? {};
    for (const asset of this.ledger.assetSymbols()) {
      const held = this.ledger.escrowOf(asset, e.kind);
      const claimed = books[asset] ?? 0n;
      if (held !== claimed) out.push(`escrow of ${asset} is ${held} in the ledger but ${claimed} in the mechanism's books`);
    }
    return out;
  }

  /** Describes what this chain offers (for error messages, the CLI and docs). */
  describe(): Record<string, { actions: string[]; queries: string[] }> {
    const out: Record<string, { actions: string[]; queries: string[] }> = {};
    for (const e of this.entries) out[e.kind] = { actions: Object.keys(e.mechanism.actions), queries: Object.keys(e.mechanism.queries) };
    return out;
  }

  /** Direct access for tests and benchmarks; surfaces use tx/query. */
  mechanism<M extends Mechanism = Mechanism>(kind: string): M {
    return this.entry(kind).mechanism as M;
  }

  private beginStep(): number {
    return this.events.length;
  }

  /** `withResult`: an advance has no `result` key (as before), an action or query always has one. */
  private endStep(eventMark: number, ok: boolean, result: unknown, error: StakeworksError | undefined, withResult = true): Outcome {
    const events = this.events.since(eventMark);
    const out: Outcome = ok ? (withResult ? { ok, result, events } : { ok, events }) : { ok, error, events };
    if (this.recordChanges) {
      // Built on first read (see StepChanges.take); an own, enumerable property like the others.
      const build = this.stepChanges.take();
      Object.defineProperty(out, 'changes', { get: build, enumerable: true, configurable: true });
    }
    return out;
  }

  private passBlock(hash: Hex | undefined): void {
    this.syncAll();
    const hooks = this.blockHooks;
    for (let i = 0; i < hooks.length; i++) this.journal.atomic(hooks[i]!);
    this.journal.atomic(() => this.clock.nextBlock(hash));
  }

  private syncAll(): void {
    const syncs = this.syncs;
    for (let i = 0; i < syncs.length; i++) this.journal.atomic(syncs[i]!);
  }

  /** Routes an action call; resolved calls are remembered (the tables are fixed once built). */
  private routeAction(call: string): { entry: Entry; action: ActionSpec } {
    let r = this.actionRoutes.get(call);
    if (r === undefined) {
      const { entry, name } = this.route(call, 'action');
      r = { entry, action: entry.mechanism.actions[name]! };
      this.actionRoutes.set(call, r);
    }
    return r;
  }

  private route(call: string, kind: 'action' | 'query'): { entry: Entry; name: string } {
    if (typeof call !== 'string' || !call.includes('.')) {
      throw new InvalidArgumentError(`call must be "mechanism.${kind}", got ${JSON.stringify(call)}`);
    }
    const dot = call.indexOf('.');
    const mech = call.slice(0, dot);
    const name = call.slice(dot + 1);
    const entry = this.byKind.get(mech);
    if (!entry) throw new InvalidArgumentError(`unknown mechanism ${nameEcho(mech)}; this chain has: ${this.mechanismKinds().join(', ')}`, { call });
    const table = kind === 'action' ? entry.mechanism.actions : entry.mechanism.queries;
    if (!Object.hasOwn(table, name)) {
      const other = kind === 'action' ? entry.mechanism.queries : entry.mechanism.actions;
      const hint = Object.hasOwn(other, name) ? ` (${call} is a${kind === 'action' ? ' query' : 'n action'}: use ${kind === 'action' ? 'query' : 'tx'})` : '';
      throw new InvalidArgumentError(`unknown ${kind} ${nameEcho(call)}${hint}; ${mech} ${kind === 'action' ? 'actions' : 'queries'}: ${Object.keys(table).join(', ')}`, { call });
    }
    return { entry, name };
  }

  private entry(kind: string): Entry {
    const e = this.byKind.get(kind);
    if (!e) throw new InvalidArgumentError(`unknown mechanism ${kind}; this chain has: ${this.mechanismKinds().join(', ')}`);
    return e;
  }

  private emit(mechanism: string, name: string, args: EventArgs): void {
    const log = this.events;
    if (!log.observed) return log.countUnobserved();
    log.emit({ mechanism, name, args: typeof args === 'function' ? args() : args, height: this.clock.height, time: this.clock.time });
  }

  private contextFor(name: string, errors: Readonly<Record<string, string>>): MechanismContext {
    const chain = this;
    return {
      name,
      journal: this.journal,
      store: this.store.scope(name),
      ledger: this.ledger,
      clock: this.clock,
      emit: (event, args) => chain.emit(name, event, args),
      atomic: (fn) => chain.journal.atomic(fn),
      fail: (code, message, details = {}) => {
        // An undeclared code is a programmer error: a plain Error, which the step reports as INTERNAL_ERROR.
        if (!Object.hasOwn(errors, code)) throw new Error(`${name} raised the error code ${code}, which its error catalogue does not declare (message: ${message})`);
        throw new MechanismError(code, name, message, details);
      },
    };
  }
}


/**
 * The clock's bound: time (seconds) and height stay at most 2^48 − 1 (≈ 8.9 million years of
 * seconds), so that a time plus any 32-bit period a mechanism adds stays an exact JS integer.
 */
export const MAX_CLOCK_VALUE = 2 ** 48 - 1;
/** Blocks one advance step may pass: every block runs every hook, so the work is per block. */
export const MAX_BLOCKS_PER_ADVANCE = 10_000_000;
const MAX_UINT256 = (1n << 256n) - 1n;

/** `what` names the field (and the sum when an advance moves the clock). */
function checkClockValue(v: number, what: string | (() => string)): void {
  if (Number.isSafeInteger(v) && v >= 0 && v <= MAX_CLOCK_VALUE) return;
  // The field's name is built only for the message (advance runs once per simulated block).
  const field = typeof what === 'string' ? what : what();
  if (!Number.isSafeInteger(v) || v < 0) throw new InvalidArgumentError(`${field} must be a non-negative integer, got ${v}`);
  throw new InvalidArgumentError(`${field} would be ${v}, above the clock's bound 2^48 − 1 = ${MAX_CLOCK_VALUE}`);
}

function toAmount(v: bigint | number | string, where: string): bigint {
  let x: bigint | undefined;
  if (typeof v === 'bigint') x = v;
  else if (typeof v === 'number' && Number.isSafeInteger(v)) x = BigInt(v);
  else if (typeof v === 'string' && /^(?:0|[1-9][0-9]*)$/.test(v)) x = BigInt(v);
  if (x === undefined || x < 0n) throw new InvalidArgumentError(`${where}: expected a non-negative integer amount in decimal form, got ${echo(v)}`);
  if (x > MAX_UINT256) throw new InvalidArgumentError(`${where}: ${x} is above 2^256 − 1, the largest amount`);
  return x;
}


/** Anything thrown inside the engine becomes a StakeworksError; anything else is a bug (INTERNAL_ERROR). */
export function asStakeworksError(err: unknown): StakeworksError {
  return err instanceof StakeworksError ? err : internalError(err);
}
