import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { JCell, JList, JMap, Journal } from '../kernel/index.js';
import { StepChanges } from './stepChanges.js';

/**
 * The compact step log: folding records early (as a long advance does once it holds a million)
 * gives the same change set as folding them at the end.
 */
type Op = { kind: 'set'; k: number; v: number } | { kind: 'del'; k: number } | { kind: 'cell'; v: number } | { kind: 'push'; v: number } | { kind: 'lset'; v: number } | { kind: 'unit' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), k: fc.nat(6), v: fc.nat(3) }),
  fc.record({ kind: fc.constant('del' as const), k: fc.nat(6) }),
  fc.record({ kind: fc.constant('cell' as const), v: fc.nat(3) }),
  fc.record({ kind: fc.constant('push' as const), v: fc.nat(3) }),
  fc.record({ kind: fc.constant('lset' as const), v: fc.nat(3) }),
  fc.constant({ kind: 'unit' as const }),
);

function run(ops: Op[], foldAt: number) {
  const j = new Journal();
  const m = new JMap<number, number>(j, 'm');
  const c = new JCell(j, 0, 'c');
  const l = new JList<number>(j, 'l');
  m.set(1, 1);
  l.push(0);
  const step = new StepChanges(foldAt);
  j.onCommit = (log) => step.add(log);
  // Units split where the ops say so, as the blocks of one advance are.
  let unit: Op[] = [];
  const flush = () => {
    const todo = unit;
    unit = [];
    j.atomic(() => {
      for (const o of todo) {
        if (o.kind === 'set') m.set(o.k, o.v);
        else if (o.kind === 'del') m.delete(o.k);
        else if (o.kind === 'cell') c.set(o.v);
        else if (o.kind === 'push') l.push(o.v);
        else if (o.kind === 'lset') l.set(0, o.v);
      }
    });
  };
  for (const o of ops) {
    if (o.kind === 'unit') flush();
    else unit.push(o);
  }
  flush();
  return step.take()();
}

describe('StepChanges', () => {
  it('folding early gives the same change set as folding at the end', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        assert.deepEqual(run(ops, 3), run(ops, 3 * 1_000_000));
      }),
      { numRuns: 300 },
    );
  });

  it('a key written in several units reports its value before the first and after the last', () => {
    const ops: Op[] = [{ kind: 'set', k: 1, v: 5 }, { kind: 'unit' }, { kind: 'set', k: 1, v: 1 }, { kind: 'unit' }, { kind: 'set', k: 2, v: 7 }];
    for (const foldAt of [3, 3_000_000]) assert.deepEqual(run(ops, foldAt), [{ container: 'm', key: 2, value: 7 }]);
  });
});
