import { canonicalText } from './json.js';
import { keccakUtf8 } from './bytes.js';

/**
 * Atomicity is a kernel guarantee. Every write to state goes through a journaled container that
 * records `(container, key, previous value)` the first time a key is written in a unit; a failed
 * unit puts the previous values back. Nothing is copied per transaction and nothing is recorded
 * twice: the cost of a unit is proportional to the keys it writes, not to how often it writes them.
 *
 * Stored values are treated as immutable records: replace a record (`map.set(k, {...old, x})`),
 * never mutate it in place, or neither the journal nor the state root can see the change.
 */

/** Keys of keyed containers: primitives only, so that equality and ordering are plain. */
export type Key = string | number | bigint;

/** Something whose writes the journal can put back. */
export interface Undoable {
  /** Restores what was recorded with `journal.record(this, key, prev)`. */
  undo(key: unknown, prev: unknown): void;
}

/** One entry of a step's change set: what a container holds now at a key (or that it was deleted). */
export type Change =
  | { readonly container: string; readonly key?: Key; readonly value: unknown }
  | { readonly container: string; readonly key?: Key; readonly deleted: true }
  | { readonly container: string; readonly insertAt: number; readonly value: unknown }
  | { readonly container: string; readonly removeAt: number };

/**
 * A named piece of state the chain can hash, snapshot and report changes of. Containers marked
 * `cache` are journaled (so they follow rollbacks) but are derived data: they are left out of the
 * root, the snapshot and change sets, and the mechanism rebuilds them on restore.
 */
export interface Container extends Undoable {
  readonly name: string;
  readonly cache: boolean;
  /** Every leaf of the state tree this container contributes: its key text and value hash. */
  forEachLeaf(cb: (leafKey: string, valueHash: Uint8Array) => void): void;
  /** Turns on dirty tracking (the state tree calls it once it has read every leaf). */
  trackDirty(onFirstDirty: (c: Container) => void): void;
  /** Leaves written since the last drain; `valueHash` undefined means the leaf is gone. */
  drainDirty(cb: (leafKey: string, valueHash: Uint8Array | undefined) => void): void;
  /** Change-set entries for the journal records `(key, prev)` of one step (in record order). */
  changes(records: ReadonlyArray<readonly [unknown, unknown]>): Change[];
  /** The container's whole content as JSON (tagged values, see snapshot.ts). */
  dump(encode: (v: unknown) => unknown): unknown;
  /** Replaces the whole content (restore); not journaled, observers not called. */
  load(doc: unknown, decode: (v: unknown) => unknown): void;
}

/** One record of a keyed container for its change set: key, value before, present now, value now. */
export type KeyedRow = [key: Key, prev: unknown, has: boolean, now: unknown];

/**
 * A keyed container's change-set entries from its rows in record order: the first row of a key
 * holds its value before the step; keys are reported sorted (the order writes happened in can
 * follow a map's insertion order, which is history, not state); unchanged keys are left out.
 */
export function keyedChanges(container: string, all: readonly KeyedRow[]): Change[] {
  const seen = new Set<Key>();
  const rows = all.filter((r) => !seen.has(r[0]) && (seen.add(r[0]), true));
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: Change[] = [];
  for (const [key, prev, has, now] of rows) {
    if (has ? now === prev : prev === ABSENT) continue;
    out.push(has ? { container, key, value: now } : { container, key, deleted: true });
  }
  return out;
}

/** The previous value of a key that did not exist. */
export const ABSENT: unique symbol = Symbol('absent');

export class Journal {
  /** Flat triples (target, key, prev) of the open units, oldest first. */
  private log: unknown[] = [];
  private depth_ = 0;
  private nextSerial = 1;
  /** Serial of the innermost open unit (0 outside any unit): containers compare it to skip repeat records. */
  unit = 0;
  /** Serial of the outermost open unit. */
  top = 0;
  /**
   * Called when an outermost unit commits, with its records (target, key, prev triples). The chain
   * uses it to build change sets; the array is reused afterwards, so copy what you keep.
   */
  onCommit: ((log: readonly unknown[]) => void) | undefined;
  /** Most records held at once since the last `resetPeak` (memory accounting for benchmarks). */
  peakRecords = 0;

  record(target: Undoable, key: unknown, prev: unknown): void {
    this.log.push(target, key, prev);
  }

  get inUnit(): boolean {
    return this.depth_ > 0;
  }

  /** Records held by the open units. */
  get recordCount(): number {
    return this.log.length / 3;
  }

  resetPeak(): void {
    this.peakRecords = 0;
  }

  /**
   * Runs `fn` as one atomic unit: if it throws, every write it made is undone and the error
   * propagates. Units nest; an inner failure caught by the caller leaves the outer unit intact.
   */
  atomic<T>(fn: () => T): T {
    const log = this.log;
    const mark = log.length;
    const parent = this.unit;
    const serial = this.nextSerial++;
    if (this.depth_ === 0) this.top = serial;
    this.unit = serial;
    this.depth_++;
    let out: T;
    try {
      out = fn();
    } catch (err) {
      for (let i = log.length - 3; i >= mark; i -= 3) (log[i] as Undoable).undo(log[i + 1], log[i + 2]);
      log.length = mark;
      this.depth_--;
      this.unit = parent;
      throw err;
    }
    this.depth_--;
    this.unit = parent;
    if (this.depth_ === 0) {
      const n = log.length / 3;
      if (n > this.peakRecords) this.peakRecords = n;
      this.onCommit?.(log);
      log.length = 0;
    }
    return out;
  }
}

/** Key text of a leaf: typed, so that the number 5, the bigint 5 and the string "5" never meet. */
export function keyText(k: Key): string {
  switch (typeof k) {
    case 'string':
      return `s${k}`;
    case 'number':
      return `n${k}`;
    default:
      return `b${k}`;
  }
}

export function parseKeyText(t: string): Key {
  const body = t.slice(1);
  switch (t[0]) {
    case 's':
      return body;
    case 'n':
      return Number(body);
    case 'b':
      return BigInt(body);
    default:
      throw new Error(`bad key text ${t}`);
  }
}

/** keccak-256 of the canonical text of a value: the leaf value hash of the state tree. */
export function valueHash(v: unknown): Uint8Array {
  return keccakUtf8(canonicalText(v));
}

export interface MapOptions<K, V> {
  cache?: boolean;
  /** Called after every change, forward and on undo (not on load): for caches that follow the map. */
  onChange?: (k: K, prev: V | undefined, next: V | undefined) => void;
}

/** Dirty-key tracking shared by the keyed containers. */
abstract class Tracked {
  protected dirty: Set<unknown> | undefined;
  private onFirstDirty: ((c: Container) => void) | undefined;
  protected abstract self(): Container;

  trackDirty(onFirstDirty: (c: Container) => void): void {
    this.dirty = new Set();
    this.onFirstDirty = onFirstDirty;
  }

  protected touch(k: unknown): void {
    const d = this.dirty;
    if (d === undefined) return;
    if (d.size === 0) this.onFirstDirty!(this.self());
    d.add(k);
  }
}

/** Marks a JMap may hold beyond twice its size before it drops them (keys deleted since they were written). */
const MARKS_SLACK = 1024;

/** A journaled map. Keys are primitives; iteration order is not part of the state (sort when it matters). */
export class JMap<K extends Key, V> extends Tracked implements Container {
  private readonly m = new Map<K, V>();
  /**
   * Unit serial of the last undo record per key. Serials never repeat, so a mark left by an
   * earlier unit can never match: marks are kept across units (clearing them at every outermost
   * unit made each unit rebuild a table of all its keys: ≈ 100 ns per write at 40,000 keys) and
   * dropped only when keys deleted since have made them outgrow the map (checked per outermost unit).
   */
  private readonly marks = new Map<K, number>();
  private marksTop = 0;
  readonly cache: boolean;
  private readonly onChange: MapOptions<K, V>['onChange'];

  constructor(
    private readonly journal: Journal,
    readonly name = '',
    options: MapOptions<K, V> = {},
  ) {
    super();
    this.cache = options.cache ?? false;
    this.onChange = options.onChange;
  }

  protected self(): Container {
    return this;
  }

  get size(): number {
    return this.m.size;
  }
  get(k: K): V | undefined {
    return this.m.get(k);
  }
  has(k: K): boolean {
    return this.m.has(k);
  }
  set(k: K, v: V): void {
    const m = this.m;
    const old = m.get(k);
    if (old === v && (old !== undefined || m.has(k))) return;
    this.written(k, old === undefined && !m.has(k) ? ABSENT : old);
    m.set(k, v);
    this.onChange?.(k, old, v);
  }
  delete(k: K): void {
    const m = this.m;
    if (!m.has(k)) return;
    const old = m.get(k) as V;
    this.written(k, old);
    m.delete(k);
    this.onChange?.(k, old, undefined);
  }
  keys(): IterableIterator<K> {
    return this.m.keys();
  }
  values(): IterableIterator<V> {
    return this.m.values();
  }
  entries(): IterableIterator<[K, V]> {
    return this.m.entries();
  }
  /** Entries sorted by key (numbers and bigints numerically, strings by code unit). */
  sortedEntries(): Array<[K, V]> {
    return [...this.m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  private written(k: K, prev: unknown): void {
    const j = this.journal;
    if (j.unit !== 0) {
      if (this.marksTop !== j.top) {
        this.marksTop = j.top;
        if (this.marks.size > 2 * this.m.size + MARKS_SLACK) this.marks.clear();
      }
      if (this.marks.get(k) !== j.unit) {
        this.marks.set(k, j.unit);
        j.record(this, k, prev);
      }
    }
    this.touch(k);
  }

  undo(k: unknown, prev: unknown): void {
    const key = k as K;
    const old = this.m.get(key);
    if (prev === ABSENT) this.m.delete(key);
    else this.m.set(key, prev as V);
    this.touch(key);
    this.onChange?.(key, old, prev === ABSENT ? undefined : (prev as V));
  }

  forEachLeaf(cb: (leafKey: string, valueHash: Uint8Array) => void): void {
    for (const [k, v] of this.m) cb(keyText(k), valueHash(v));
  }

  drainDirty(cb: (leafKey: string, valueHash: Uint8Array | undefined) => void): void {
    const d = this.dirty!;
    for (const k of d) {
      const key = k as K;
      cb(keyText(key), this.m.has(key) ? valueHash(this.m.get(key)) : undefined);
    }
    d.clear();
  }

  changes(records: ReadonlyArray<readonly [unknown, unknown]>): Change[] {
    return keyedChanges(
      this.name,
      records.map(([k, prev]): KeyedRow => [k as Key, prev, this.m.has(k as K), this.m.get(k as K)]),
    );
  }


  dump(encode: (v: unknown) => unknown): unknown {
    return this.sortedEntries().map(([k, v]) => [encode(k), encode(v)]);
  }

  load(doc: unknown, decode: (v: unknown) => unknown): void {
    if (!Array.isArray(doc)) throw new TypeError(`${this.name}: expected a list of entries`);
    this.m.clear();
    for (const e of doc) {
      if (!Array.isArray(e) || e.length !== 2) throw new TypeError(`${this.name}: expected [key, value] entries`);
      this.m.set(decode(e[0]) as K, decode(e[1]) as V);
    }
    this.dirty?.clear();
  }
}

/** A journaled single value. */
export class JCell<T> extends Tracked implements Container {
  private mark = 0;
  readonly cache: boolean;

  constructor(
    private readonly journal: Journal,
    private v: T,
    readonly name = '',
    options: { cache?: boolean } = {},
  ) {
    super();
    this.cache = options.cache ?? false;
  }

  protected self(): Container {
    return this;
  }

  get(): T {
    return this.v;
  }
  set(v: T): void {
    const old = this.v;
    if (old === v) return;
    const j = this.journal;
    if (j.unit !== 0 && this.mark !== j.unit) {
      this.mark = j.unit;
      j.record(this, undefined, old);
    }
    this.touch(undefined);
    this.v = v;
  }

  undo(_k: unknown, prev: unknown): void {
    this.v = prev as T;
    this.touch(undefined);
  }

  forEachLeaf(cb: (leafKey: string, valueHash: Uint8Array) => void): void {
    cb('', valueHash(this.v));
  }

  drainDirty(cb: (leafKey: string, valueHash: Uint8Array | undefined) => void): void {
    cb('', valueHash(this.v));
    this.dirty!.clear();
  }

  changes(records: ReadonlyArray<readonly [unknown, unknown]>): Change[] {
    return records[0]![1] === this.v ? [] : [{ container: this.name, value: this.v }];
  }

  dump(encode: (v: unknown) => unknown): unknown {
    return encode(this.v);
  }

  load(doc: unknown, decode: (v: unknown) => unknown): void {
    this.v = decode(doc) as T;
    this.dirty?.clear();
  }
}

/** Undo keys of the list operations that shift positions (set records use the index itself). */
type ListOp = { readonly op: 'push' | 'pop' | 'insert' | 'remove'; readonly i: number };

/**
 * A journaled list (queues, ordered sets, fixed slot arrays). Its leaves are its positions, so
 * `set` costs one leaf; operations that shift positions (insert, remove, shift) touch every later
 * position: use it for short lists, or for lists changed by `set`, `push` and `pop` only.
 */
export class JList<T> implements Container {
  private readonly a: T[] = [];
  private readonly marks = new Map<number, number>();
  private marksTop = 0;
  readonly cache: boolean;
  private readonly onChange: ((i: number, prev: T, next: T) => void) | undefined;
  // Dirty tracking: single positions, plus "every position from `dirtyFrom` on".
  private tracking = false;
  private onFirstDirty: ((c: Container) => void) | undefined;
  private readonly dirtyAt = new Set<number>();
  private dirtyFrom = Infinity;
  /** Length when the state tree last read this list (positions beyond the current length are gone). */
  private syncedLength = 0;

  constructor(
    private readonly journal: Journal,
    readonly name = '',
    options: { cache?: boolean; onChange?: (i: number, prev: T, next: T) => void } = {},
  ) {
    this.cache = options.cache ?? false;
    this.onChange = options.onChange;
  }

  get length(): number {
    return this.a.length;
  }
  at(i: number): T | undefined {
    return this.a[i];
  }
  toArray(): readonly T[] {
    return this.a;
  }
  push(v: T): void {
    this.a.push(v);
    this.op('push', this.a.length - 1);
  }
  pop(): T | undefined {
    if (this.a.length === 0) return undefined;
    const v = this.a.pop() as T;
    this.op('pop', this.a.length, v);
    return v;
  }
  set(i: number, v: T): void {
    if (!Number.isInteger(i) || i < 0 || i >= this.a.length) throw new RangeError(`JList index ${i} out of range`);
    const old = this.a[i] as T;
    if (old === v) return;
    const j = this.journal;
    if (j.unit !== 0) {
      if (this.marksTop !== j.top) {
        this.marks.clear();
        this.marksTop = j.top;
      }
      if (this.marks.get(i) !== j.unit) {
        this.marks.set(i, j.unit);
        j.record(this, i, old);
      }
    }
    this.touchAt(i);
    this.a[i] = v;
    this.onChange?.(i, old, v);
  }
  insertAt(i: number, v: T): void {
    if (!Number.isInteger(i) || i < 0 || i > this.a.length) throw new RangeError(`JList index ${i} out of range`);
    this.a.splice(i, 0, v);
    this.op('insert', i);
  }
  removeAt(i: number): T {
    if (!Number.isInteger(i) || i < 0 || i >= this.a.length) throw new RangeError(`JList index ${i} out of range`);
    const [v] = this.a.splice(i, 1) as [T];
    this.op('remove', i, v);
    return v;
  }
  shift(): T | undefined {
    return this.a.length === 0 ? undefined : this.removeAt(0);
  }

  private op(op: ListOp['op'], i: number, removed?: T): void {
    // Positions move: a per-position mark would now name another element.
    this.marks.clear();
    if (this.journal.unit !== 0) this.journal.record(this, { op, i } satisfies ListOp, removed);
    this.touchFrom(i);
  }

  undo(k: unknown, prev: unknown): void {
    if (typeof k === 'number') {
      const old = this.a[k] as T;
      this.a[k] = prev as T;
      this.touchAt(k);
      this.onChange?.(k, old, prev as T);
      return;
    }
    const { op, i } = k as ListOp;
    if (op === 'push' || op === 'insert') this.a.splice(i, 1);
    else this.a.splice(i, 0, prev as T);
    this.marks.clear();
    this.touchFrom(i);
  }

  private touchAt(i: number): void {
    if (!this.tracking) return;
    if (this.dirtyAt.size === 0 && this.dirtyFrom === Infinity) this.onFirstDirty!(this);
    this.dirtyAt.add(i);
  }

  private touchFrom(i: number): void {
    if (!this.tracking) return;
    if (this.dirtyAt.size === 0 && this.dirtyFrom === Infinity) this.onFirstDirty!(this);
    if (i < this.dirtyFrom) this.dirtyFrom = i;
  }

  trackDirty(onFirstDirty: (c: Container) => void): void {
    this.tracking = true;
    this.onFirstDirty = onFirstDirty;
    this.dirtyAt.clear();
    this.dirtyFrom = Infinity;
    this.syncedLength = this.a.length;
  }

  forEachLeaf(cb: (leafKey: string, valueHash: Uint8Array) => void): void {
    this.a.forEach((v, i) => cb(keyText(i), valueHash(v)));
  }

  drainDirty(cb: (leafKey: string, valueHash: Uint8Array | undefined) => void): void {
    const len = this.a.length;
    const leaf = (i: number) => cb(keyText(i), i < len ? valueHash(this.a[i]) : undefined);
    for (const i of this.dirtyAt) if (i < this.dirtyFrom && i < Math.max(len, this.syncedLength)) leaf(i);
    for (let i = this.dirtyFrom; i < Math.max(len, this.syncedLength); i++) leaf(i);
    this.dirtyAt.clear();
    this.dirtyFrom = Infinity;
    this.syncedLength = len;
  }

  changes(records: ReadonlyArray<readonly [unknown, unknown]>): Change[] {
    // A step that moved positions reports the whole list; one that only set positions, each of them.
    if (records.some(([k]) => typeof k !== 'number')) return [{ container: this.name, value: [...this.a] }];
    const first = new Map<number, unknown>();
    for (const [k, prev] of records) if (!first.has(k as number)) first.set(k as number, prev);
    const out: Change[] = [];
    for (const [i, prev] of [...first].sort(([a], [b]) => a - b)) if (this.a[i] !== prev) out.push({ container: this.name, key: i, value: this.a[i] });
    return out;
  }

  dump(encode: (v: unknown) => unknown): unknown {
    return this.a.map(encode);
  }

  load(doc: unknown, decode: (v: unknown) => unknown): void {
    if (!Array.isArray(doc)) throw new TypeError(`${this.name}: expected a list`);
    this.a.length = 0;
    for (const v of doc) this.a.push(decode(v) as T);
    this.marks.clear();
    this.dirtyAt.clear();
    this.dirtyFrom = Infinity;
    this.syncedLength = this.a.length;
  }
}
