import { ABSENT, JCell, JList, JMap, type Change, type Container, type Key } from '../kernel/index.js';

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
    for (let i = 0; i < log.length; i += 3) {
      const target = log[i];
      if (target instanceof JMap || target instanceof JCell || target instanceof JList) {
        if (target.cache) continue;
        let m = this.first.get(target);
        if (!m) this.first.set(target, (m = new Map()));
        // A list operation's key is an object: one marker says "positions moved".
        const key = typeof log[i + 1] === 'object' && log[i + 1] !== null ? OP : log[i + 1];
        if (!m.has(key)) m.set(key, key === OP ? log[i + 1] : log[i + 2]);
      } else if (typeof (target as Partial<Container>).changes === 'function' && !(target as Container).cache) {
        const c = target as Container;
        let recs = this.ops.get(c);
        if (!recs) this.ops.set(c, (recs = []));
        recs.push([log[i + 1], log[i + 2]]);
      }
    }
    this.raw = [];
  }

  /**
   * The change set since the last take: containers by name, keys sorted within each (a
   * sequence's operations in the order they happened), so equal steps from equal states give
   * equal change sets whatever order the code happened to write in.
   *
   * Returns a function that builds it. The values at the end of the step are read now (one map
   * lookup per key); sorting and building the entries waits until somebody asks, so a simulation
   * that never reads `Outcome.changes` pays only for the lookups (a block of 40,000 workers
   * writes about 120,000 keys).
   */
  take(): () => Change[] {
    if (this.raw.length === 0 && this.first.size === 0 && this.ops.size === 0) return () => [];
    // Maps: read the values at the end of the step now, one lookup per record; everything else
    // (deduplication, sorting, building entries) waits until the change set is read.
    const folded = this.first;
    const ops = this.ops;
    const raw = this.raw;
    const now: unknown[] = new Array(raw.length / 3);
    const has: boolean[] = new Array(raw.length / 3);
    for (let i = 0, r = 0; i < raw.length; i += 3, r++) {
      const t = raw[i];
      if (t instanceof JMap) {
        has[r] = t.has(raw[i + 1] as Key);
        now[r] = t.get(raw[i + 1] as Key);
      }
    }
    const foldedNow = new Map<JMap<Key, unknown>, Array<[Key, unknown, boolean, unknown]>>();
    for (const [c, m] of folded) {
      if (!(c instanceof JMap)) continue;
      const rows: Array<[Key, unknown, boolean, unknown]> = [];
      for (const [k, prev] of m) rows.push([k as Key, prev, c.has(k as Key), c.get(k as Key)]);
      foldedNow.set(c, rows);
    }
    // Cells, lists and sequences are few and small: their entries are built now.
    const eager = new Map<Container, Change[]>();
    const others = new StepChanges();
    for (const [c, recs] of ops) others.ops.set(c, [...recs]);
    for (const [c, m] of folded) if (!(c instanceof JMap)) others.first.set(c, m);
    const mapRows = new Map<JMap<Key, unknown>, Array<[Key, unknown, boolean, unknown]>>(foldedNow);
    const rawOthers: unknown[] = [];
    for (let i = 0, r = 0; i < raw.length; i += 3, r++) {
      const t = raw[i];
      if (t instanceof JMap) {
        if (t.cache) continue;
        let rows = mapRows.get(t);
        if (!rows) mapRows.set(t, (rows = []));
        rows.push([raw[i + 1] as Key, raw[i + 2], has[r]!, now[r]]);
      } else rawOthers.push(t, raw[i + 1], raw[i + 2]);
    }
    others.raw = rawOthers;
    others.fold();
    for (const [c, recs] of others.ops) eager.set(c, c.changes(recs));
    for (const [c, m] of others.first) eager.set(c, c.changes([...m].map(([k, prev]): [unknown, unknown] => (k === OP ? [prev, undefined] : [k, prev]))));
    this.clear();
    let built: Change[] | undefined;
    return () => {
      if (built) return built;
      const all = new Map<Container, Change[]>(eager);
      for (const [c, rows] of mapRows) all.set(c, mapChanges(c.name, rows));
      const out: Change[] = [];
      const containers = [...all.keys()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const c of containers) for (const ch of all.get(c)!) out.push(ch);
      built = out;
      return out;
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

/** A map's entries from (key, value before, present now, value now) rows: keys sorted, unchanged ones left out. */
function mapChanges(container: string, all: Array<[Key, unknown, boolean, unknown]>): Change[] {
  // Several records of one key: the first holds the value before the step (rows are in record order).
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
