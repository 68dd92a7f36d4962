/**
 * Atomicity is a kernel guarantee. Every write to state goes through a journaled container that
 * records how to undo it; a failed unit of work rolls the journal back to its checkpoint. Nothing
 * is copied per transaction: the cost of a transaction is proportional to what it writes.
 *
 * Stored values are treated as immutable records: replace a record (`map.set(k, {...old, x})`),
 * never mutate it in place, or the journal cannot restore it.
 */
export class Journal {
  private undos: Array<() => void> = [];
  private depth = 0;

  /** Registers the inverse of a write just performed (also used by caches that must follow state). */
  record(undo: () => void): void {
    // Outside any unit of work nothing can be rolled back, so nothing is kept (genesis, fixtures).
    if (this.depth > 0) this.undos.push(undo);
  }

  get inUnit(): boolean {
    return this.depth > 0;
  }

  /**
   * Runs `fn` as one atomic unit: if it throws, every write it made is undone and the error
   * propagates. Units nest; an inner failure caught by the caller leaves the outer unit intact.
   */
  atomic<T>(fn: () => T): T {
    const mark = this.undos.length;
    this.depth++;
    try {
      const out = fn();
      this.depth--;
      if (this.depth === 0) this.undos.length = 0;
      return out;
    } catch (err) {
      const undos = this.undos;
      while (undos.length > mark) undos.pop()!();
      this.depth--;
      throw err;
    }
  }
}

/** A journaled map. Keys are primitives; iteration order is not part of the state (sort when it matters). */
export class JMap<K, V> {
  private readonly m = new Map<K, V>();
  constructor(private readonly journal: Journal) {}

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
    if (m.has(k)) {
      const old = m.get(k) as V;
      if (old === v) return;
      this.journal.record(() => m.set(k, old));
    } else {
      this.journal.record(() => m.delete(k));
    }
    m.set(k, v);
  }
  delete(k: K): void {
    const m = this.m;
    if (!m.has(k)) return;
    const old = m.get(k) as V;
    this.journal.record(() => m.set(k, old));
    m.delete(k);
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
}

/** A journaled single value. */
export class JCell<T> {
  constructor(private readonly journal: Journal, private v: T) {}
  get(): T {
    return this.v;
  }
  set(v: T): void {
    const old = this.v;
    if (old === v) return;
    this.journal.record(() => {
      this.v = old;
    });
    this.v = v;
  }
}

/** A journaled list (queues, ordered sets). Removal from the front is O(n); use for short lists. */
export class JList<T> {
  private readonly a: T[] = [];
  constructor(private readonly journal: Journal) {}

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
    this.journal.record(() => void this.a.pop());
  }
  pop(): T | undefined {
    if (this.a.length === 0) return undefined;
    const v = this.a.pop() as T;
    this.journal.record(() => void this.a.push(v));
    return v;
  }
  set(i: number, v: T): void {
    if (i < 0 || i >= this.a.length) throw new RangeError(`JList index ${i} out of range`);
    const old = this.a[i] as T;
    this.journal.record(() => {
      this.a[i] = old;
    });
    this.a[i] = v;
  }
  insertAt(i: number, v: T): void {
    this.a.splice(i, 0, v);
    this.journal.record(() => void this.a.splice(i, 1));
  }
  removeAt(i: number): T {
    if (i < 0 || i >= this.a.length) throw new RangeError(`JList index ${i} out of range`);
    const [v] = this.a.splice(i, 1) as [T];
    this.journal.record(() => void this.a.splice(i, 0, v));
    return v;
  }
  shift(): T | undefined {
    return this.a.length === 0 ? undefined : this.removeAt(0);
  }
}
