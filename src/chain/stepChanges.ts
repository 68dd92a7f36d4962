import { JCell, JList, JMap, type Change, type Container } from '../kernel/index.js';

/**
 * The journal records committed during one step, kept compact, and turned into the step's change
 * set at its end. A change set needs, per key of a map, cell or list position, only the value
 * before the step (the first record); so a long advance that writes one balance at every block
 * holds one record for it, not one per block. Sequence operations (the ranking) are kept in order,
 * and a list that moved positions is reported whole, so one such record per list suffices.
 */
export class StepChanges {
  private readonly first = new Map<Container, Map<unknown, unknown>>();
  private readonly ops = new Map<Container, Array<[unknown, unknown]>>();

  /** Adds an outermost unit's records (target, key, prev triples). */
  add(log: readonly unknown[]): void {
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
  }

  /**
   * The change set since the last take: containers by name, keys sorted within each (a
   * sequence's operations in the order they happened), so equal steps from equal states give
   * equal change sets whatever order the code happened to write in.
   */
  take(): Change[] {
    if (this.first.size === 0 && this.ops.size === 0) return [];
    const records = new Map<Container, Array<[unknown, unknown]>>(this.ops);
    for (const [c, m] of this.first) records.set(c, [...m].map(([k, prev]): [unknown, unknown] => (k === OP ? [prev, undefined] : [k, prev])));
    this.clear();
    const out: Change[] = [];
    const containers = [...records.keys()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const c of containers) for (const ch of c.changes(records.get(c)!)) out.push(ch);
    return out;
  }

  clear(): void {
    this.first.clear();
    this.ops.clear();
  }
}

const OP = Symbol('list operation');
