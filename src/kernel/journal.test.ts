import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { EventLog } from './events.js';
import { JCell, JList, JMap, Journal } from './journal.js';

class Boom extends Error {}

function fails(j: Journal, fn: () => void): void {
  assert.throws(() =>
    j.atomic(() => {
      fn();
      throw new Boom('rollback');
    }),
  Boom);
}

describe('journal: atomic units', () => {
  it('a failed unit undoes JMap, JCell and JList writes', () => {
    const j = new Journal();
    const m = new JMap<string, number>(j);
    const c = new JCell(j, 1);
    const l = new JList<number>(j);
    m.set('a', 1);
    l.push(10);
    l.push(20);
    fails(j, () => {
      m.set('a', 2);
      m.set('b', 3);
      m.delete('a');
      c.set(5);
      c.set(6);
      l.push(30);
      l.set(0, 11);
      l.removeAt(1);
      l.insertAt(0, 9);
      l.shift();
      l.pop();
    });
    assert.deepEqual([...m.entries()], [['a', 1]]);
    assert.equal(m.has('b'), false);
    assert.equal(c.get(), 1);
    assert.deepEqual([...l.toArray()], [10, 20]);
  });

  it('a successful unit keeps its writes, and a later failure does not undo them', () => {
    const j = new Journal();
    const m = new JMap<string, number>(j);
    j.atomic(() => m.set('a', 1));
    assert.equal(j.inUnit, false);
    fails(j, () => m.set('a', 2));
    assert.equal(m.get('a'), 1);
  });

  it('nested: an inner failure caught by the outer unit undoes only the inner writes', () => {
    const j = new Journal();
    const c = new JCell(j, 0);
    const m = new JMap<number, string>(j);
    const out = j.atomic(() => {
      c.set(1);
      m.set(1, 'outer');
      assert.equal(j.inUnit, true);
      try {
        j.atomic(() => {
          c.set(2);
          m.set(2, 'inner');
          m.delete(1);
          throw new Boom();
        });
      } catch (e) {
        assert.ok(e instanceof Boom);
      }
      assert.equal(c.get(), 1);
      assert.deepEqual([...m.entries()], [[1, 'outer']]);
      c.set(3);
      return 'done';
    });
    assert.equal(out, 'done');
    assert.equal(c.get(), 3);
    assert.deepEqual([...m.entries()], [[1, 'outer']]);
  });

  it('nested: a successful inner unit is still undone when the outer fails', () => {
    const j = new Journal();
    const c = new JCell(j, 'a');
    fails(j, () => {
      j.atomic(() => c.set('b'));
      assert.equal(c.get(), 'b');
    });
    assert.equal(c.get(), 'a');
  });

  it('writes outside any unit are not journaled (genesis)', () => {
    const j = new Journal();
    const c = new JCell(j, 0);
    c.set(7);
    fails(j, () => c.set(8));
    assert.equal(c.get(), 7);
  });

  it('the error propagates unchanged and the return value passes through', () => {
    const j = new Journal();
    const err = new Boom('x');
    assert.throws(() => j.atomic(() => { throw err; }), (e) => e === err);
    assert.equal(j.atomic(() => 42), 42);
    assert.equal(j.inUnit, false);
  });

  it('setting the same value twice and deleting a missing key are no-ops that roll back cleanly', () => {
    const j = new Journal();
    const m = new JMap<string, number>(j);
    m.set('k', 1);
    fails(j, () => {
      m.set('k', 1);
      m.delete('zzz');
      m.set('k', 2);
      m.set('k', 2);
    });
    assert.equal(m.get('k'), 1);
    assert.equal(m.size, 1);
  });

  it('sortedEntries sorts numbers numerically and strings by code unit', () => {
    const j = new Journal();
    const n = new JMap<number, number>(j);
    for (const k of [10, 2, 33, 1]) n.set(k, k);
    assert.deepEqual(n.sortedEntries().map(([k]) => k), [1, 2, 10, 33]);
    const s = new JMap<string, number>(j);
    for (const k of ['b', 'B', 'a', '10', '9']) s.set(k, 0);
    assert.deepEqual(s.sortedEntries().map(([k]) => k), ['10', '9', 'B', 'a', 'b']);
  });

  it('JList bounds are RangeErrors and leave the list unchanged', () => {
    const j = new Journal();
    const l = new JList<number>(j);
    l.push(1);
    assert.throws(() => l.set(1, 5), RangeError);
    assert.throws(() => l.removeAt(-1), RangeError);
    assert.equal(l.pop(), 1);
    assert.equal(l.pop(), undefined);
    assert.equal(l.shift(), undefined);
    assert.equal(l.at(0), undefined);
    assert.equal(l.length, 0);
  });

  it('the event log is journaled: a failed unit leaves no event and restores the count', () => {
    const j = new Journal();
    const log = new EventLog(j);
    j.atomic(() => log.emit({ mechanism: 'm', name: 'A', args: {}, height: 1, time: 0 }));
    fails(j, () => {
      log.emit({ mechanism: 'm', name: 'B', args: {}, height: 1, time: 0 });
      log.emit({ mechanism: 'm', name: 'C', args: {}, height: 1, time: 0 });
      assert.equal(log.length, 3);
    });
    assert.equal(log.length, 1);
    assert.deepEqual(log.since(0).map((e) => e.name), ['A']);
    assert.deepEqual(log.since(1), []);
    const lean = new EventLog(j, false);
    fails(j, () => lean.emit({ mechanism: 'm', name: 'B', args: {}, height: 1, time: 0 }));
    j.atomic(() => lean.emit({ mechanism: 'm', name: 'B', args: {}, height: 1, time: 0 }));
    assert.equal(lean.length, 1);
    assert.deepEqual(lean.since(0), []);
  });
});

describe('journal: JMap undo marks across units', () => {
  it('a key written in unit after unit is recorded once per unit, and each unit rolls back alone', () => {
    const j = new Journal();
    const m = new JMap<string, number>(j, 'm');
    j.atomic(() => m.set('a', 0));
    for (let u = 1; u <= 50; u++) {
      j.atomic(() => {
        for (let w = 0; w < 3; w++) m.set('a', u * 10 + w);
        // The mark of the previous unit does not count: one record, made in this unit.
        assert.equal(j.recordCount, 1);
      });
      fails(j, () => {
        m.set('a', -1);
        m.set('b', -1);
        m.set('a', -2);
        assert.equal(j.recordCount, 2);
      });
      assert.equal(m.get('a'), u * 10 + 2);
      assert.equal(m.has('b'), false);
    }
    // Nested: the inner unit records again (its own serial), an inner failure restores the outer's value.
    j.atomic(() => {
      m.set('a', 1);
      fails(j, () => {
        m.set('a', 2);
        assert.equal(j.recordCount, 2);
      });
      assert.equal(m.get('a'), 1);
      assert.equal(j.recordCount, 1);
    });
  });

  it('marks of deleted keys are dropped once they outgrow the map', () => {
    const j = new Journal();
    const m = new JMap<number, number>(j, 'm');
    const marks = () => (m as unknown as { marks: Map<number, number> }).marks.size;
    for (let u = 0; u < 100; u++) {
      j.atomic(() => {
        for (let k = 0; k < 100; k++) m.set(u * 100 + k, k);
        for (let k = 0; k < 100; k++) m.delete(u * 100 + k);
      });
      // At most twice the map's size plus the slack, plus one unit's keys.
      assert.ok(marks() <= 2 * m.size + 1024 + 100, `${marks()} marks for ${m.size} keys`);
    }
    assert.equal(m.size, 0);
  });
});

type Op =
  | { t: 'mset'; k: number; v: number }
  | { t: 'mdel'; k: number }
  | { t: 'cset'; v: number }
  | { t: 'push'; v: number }
  | { t: 'pop' }
  | { t: 'lset'; i: number; v: number }
  | { t: 'ins'; i: number; v: number }
  | { t: 'rm'; i: number }
  | { t: 'shift' }
  | { t: 'inner'; ops: Op[]; fail: boolean };

const key = fc.integer({ min: 0, max: 7 });
const val = fc.integer({ min: 0, max: 5 }); // small: repeated values exercise the same-value shortcut
const leafOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant('mset' as const), k: key, v: val }),
  fc.record({ t: fc.constant('mdel' as const), k: key }),
  fc.record({ t: fc.constant('cset' as const), v: val }),
  fc.record({ t: fc.constant('push' as const), v: val }),
  fc.record({ t: fc.constant('pop' as const) }),
  fc.record({ t: fc.constant('lset' as const), i: fc.nat(10), v: val }),
  fc.record({ t: fc.constant('ins' as const), i: fc.nat(10), v: val }),
  fc.record({ t: fc.constant('rm' as const), i: fc.nat(10) }),
  fc.record({ t: fc.constant('shift' as const) }),
);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 9, arbitrary: leafOp },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('inner' as const), ops: fc.array(leafOp, { maxLength: 8 }), fail: fc.boolean() }) },
);

interface Model {
  m: Map<number, number>;
  c: number;
  l: number[];
}

function apply(j: Journal, s: { m: JMap<number, number>; c: JCell<number>; l: JList<number> }, model: Model, o: Op): void {
  switch (o.t) {
    case 'mset': s.m.set(o.k, o.v); model.m.set(o.k, o.v); return;
    case 'mdel': s.m.delete(o.k); model.m.delete(o.k); return;
    case 'cset': s.c.set(o.v); model.c = o.v; return;
    case 'push': s.l.push(o.v); model.l.push(o.v); return;
    case 'pop': assert.equal(s.l.pop(), model.l.pop()); return;
    case 'lset': if (o.i < model.l.length) { s.l.set(o.i, o.v); model.l[o.i] = o.v; } return;
    case 'ins': { const i = Math.min(o.i, model.l.length); s.l.insertAt(i, o.v); model.l.splice(i, 0, o.v); return; }
    case 'rm': if (o.i < model.l.length) assert.equal(s.l.removeAt(o.i), model.l.splice(o.i, 1)[0]); return;
    case 'shift': assert.equal(s.l.shift(), model.l.shift()); return;
    case 'inner': {
      const before = snapshotModel(model);
      try {
        j.atomic(() => {
          for (const x of o.ops) apply(j, s, model, x);
          if (o.fail) throw new Boom();
        });
      } catch (e) {
        assert.ok(e instanceof Boom);
        Object.assign(model, before);
      }
      return;
    }
  }
}

function snapshotModel(m: Model): Model {
  return { m: new Map(m.m), c: m.c, l: [...m.l] };
}

function snapshot(s: { m: JMap<number, number>; c: JCell<number>; l: JList<number> }): Model {
  return { m: new Map(s.m.sortedEntries()), c: s.c.get(), l: [...s.l.toArray()] };
}

function sorted(m: Model): Model {
  return { m: new Map([...m.m.entries()].sort(([a], [b]) => a - b)), c: m.c, l: m.l };
}

describe('journal: property', () => {
  it('a random op sequence inside a failing unit restores exactly the previous contents (and behaves like plain containers meanwhile)', () => {
    fc.assert(
      fc.property(fc.array(leafOp, { maxLength: 20 }), fc.array(op, { maxLength: 40 }), fc.array(op, { maxLength: 40 }), (genesis, committed, failing) => {
        const j = new Journal();
        const s = { m: new JMap<number, number>(j), c: new JCell(j, 0), l: new JList<number>(j) };
        const model: Model = { m: new Map(), c: 0, l: [] };
        for (const o of genesis) apply(j, s, model, o); // outside any unit
        j.atomic(() => {
          for (const o of committed) apply(j, s, model, o);
        });
        assert.deepEqual(snapshot(s), sorted(model));
        const before = snapshot(s);
        assert.throws(() =>
          j.atomic(() => {
            for (const o of failing) apply(j, s, model, o);
            assert.deepEqual(snapshot(s), sorted(model)); // containers track the plain model inside the unit
            throw new Boom();
          }),
        Boom);
        assert.deepEqual(snapshot(s), before);
        assert.equal(j.inUnit, false);
      }),
      { numRuns: 500 },
    );
  });
});
