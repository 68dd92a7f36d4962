import { JCell, JList, JMap, keyedChanges, type Change, type Container, type Key, type KeyedRow } from '../kernel/index.js';

/**
 * The journal records committed during one step, kept compact, and turned into the step's change
 * set at its end. A change set needs, per key of a map, cell or list position, only the value
 * before the step (the first record); so a long advance that writes one balance at every block
 * holds one record for it, not one per block. Sequence operations (the ranking) are kept in order,
 * and a list that moved positions is reported whole, so one such record per list suffices.
 */
export class StepChanges {
  /** `foldAt`: raw journal entries (3 per record) held before folding; small in tests. */
  constructor(private readonly foldAt = FOLD_AT) {}

  private first = new Map<Container, Map<unknown, unknown>>();
  private ops = new Map<Container, Array<[unknown, unknown]>>();

  /**
   * Records not yet folded into `first`/`ops`: appended as they come (a single-block step, the
   * common case, never pays for deduplication unless somebody reads its changes), folded when
   * they pass FOLD_AT so that a long advance holds at most one record per key.
   */
  private raw: unknown[] = [];

  /** Adds an outermost unit's records (target, key, prev triples). */
  add(log: readonly unknown[]): void {
    const raw = this.raw;
    for (let i = 0; i < log.length; i++) raw.push(log[i]);
    if (raw.length > this.foldAt) this.fold();
  }

  private fold(): void {
    const log = this.raw;
    for (let i = 0; i < log.length; i += 3) this.keep(log[i], log[i + 1], log[i + 2]);
    this.raw = [];
  }

  /** Keeps one record: the first per key of a map, cell or list position, every sequence operation. */
  private keep(target: unknown, key: unknown, prev: unknown): void {
    if (target instanceof JMap || target instanceof JCell || target instanceof JList) {
      if (target.cache) return;
      let m = this.first.get(target);
      if (!m) this.first.set(target, (m = new Map()));
      // A list operation's key is an object: one marker says "positions moved".
      const k = typeof key === 'object' && key !== null ? OP : key;
      if (!m.has(k)) m.set(k, k === OP ? key : prev);
    } else if (typeof (target as Partial<Container>).changes === 'function' && !(target as Container).cache) {
      const c = target as Container;
      let recs = this.ops.get(c);
      if (!recs) this.ops.set(c, (recs = []));
      recs.push([key, prev]);
    }
  }

  /**
   * The change set since the last take: containers by name, keys sorted within each (a
   * sequence's operations in the order they happened), so equal steps from equal states give
   * equal change sets whatever order the code happened to write in.
   *
   * Returns a function that builds it. A map's values at the end of the step are read now (one
   * lookup per record); deduplicating, sorting and building its entries wait until somebody asks,
   * so a simulation that never reads `Outcome.changes` pays only for the lookups (a block of
   * 40,000 workers writes about 120,000 keys). Cells, lists and sequences are few and small:
   * their entries are built now.
   */
  take(): () => Change[] {
    if (this.raw.length === 0 && this.first.size === 0 && this.ops.size === 0) return () => [];
    const raw = this.raw;
    this.raw = [];
    // Rows (key, value before, present now, value now) per map, in record order: folded ones first.
    const mapRows = new Map<JMap<Key, unknown>, KeyedRow[]>();
    const rowsOf = (c: JMap<Key, unknown>): KeyedRow[] => {
      let rows = mapRows.get(c);
      if (!rows) mapRows.set(c, (rows = []));
      return rows;
    };
    for (const [c, m] of this.first) {
      if (!(c instanceof JMap)) continue;
      const rows = rowsOf(c);
      for (const [k, prev] of m) rows.push([k as Key, prev, c.has(k as Key), c.get(k as Key)]);
      this.first.delete(c);
    }
    for (let i = 0; i < raw.length; i += 3) {
      const t = raw[i];
      if (t instanceof JMap) {
        if (!t.cache) rowsOf(t).push([raw[i + 1] as Key, raw[i + 2], t.has(raw[i + 1] as Key), t.get(raw[i + 1] as Key)]);
      } else this.keep(t, raw[i + 1], raw[i + 2]);
    }
    const all = new Map<Container, Change[]>();
    for (const [c, recs] of this.ops) all.set(c, c.changes(recs));
    for (const [c, m] of this.first) all.set(c, c.changes([...m].map(([k, prev]): [unknown, unknown] => (k === OP ? [prev, undefined] : [k, prev]))));
    this.clear();
    let built: Change[] | undefined;
    return () => {
      if (built) return built;
      for (const [c, rows] of mapRows) all.set(c, keyedChanges(c.name, rows));
      const containers = [...all.keys()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      built = containers.flatMap((c) => all.get(c)!);
      return built;
    };
  }

  clear(): void {
    this.first = new Map();
    this.ops = new Map();
    this.raw = [];
  }
}

const OP = Symbol('list operation');
/** Raw records (×3 entries) held before they are folded to one per key. */
const FOLD_AT = 3 * 1_000_000;
