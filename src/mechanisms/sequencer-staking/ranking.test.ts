import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addressOf, Journal, type Address } from '../../kernel/index.js';
import { RankIndex } from './rankIndex.js';
import { downwardPass, linearDownward, linearUpward, startRewardOrder, startRewardOrderLiteral, upwardPass } from './ranking.js';

const names = Array.from({ length: 40 }, (_, i) => addressOf(`r${i}`));

type Op =
  | { kind: 'add'; who: number }
  | { kind: 'remove'; who: number }
  | { kind: 'delegate'; who: number; amount: number }
  | { kind: 'undelegate'; who: number; amount: number }
  | { kind: 'start' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), who: fc.nat(39) }),
  fc.record({ kind: fc.constant('remove' as const), who: fc.nat(39) }),
  fc.record({ kind: fc.constant('delegate' as const), who: fc.nat(39), amount: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('undelegate' as const), who: fc.nat(39), amount: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('start' as const) }),
);

/** Applies the spec 8.4/8.5 ranking steps to the O(log n) index and to the literal passes on an array. */
function run(ops: Op[]): void {
  const journal = new Journal();
  const index = new RankIndex(journal, 'ranking');
  let linear: Address[] = [];
  const totals = new Map<Address, bigint>();
  const total = (a: Address) => totals.get(a) ?? 0n;
  let started = false;
  const candidates = () => linear.filter((a) => total(a) > 0n).length;
  for (const o of ops) {
    if (o.kind === 'start') {
      if (candidates() === 0) continue;
      started = true;
      index.replaceAll(startRewardOrder(index.toArray(), total));
      linear = startRewardOrderLiteral(linear, total);
    } else if (o.kind === 'add') {
      const a = names[o.who]!;
      if (index.has(a) || total(a) > 0n) continue; // a staker never returns with delegations
      index.insertAt(index.length, a);
      linear.push(a);
    } else if (o.kind === 'remove') {
      const a = names[o.who]!;
      const r = index.rankOf(a);
      if (r === 0) continue;
      index.removeAt(r - 1);
      linear.splice(linear.indexOf(a), 1);
      totals.delete(a); // its delegations stay in the protocol, but it is no longer ranked
    } else if (o.kind === 'delegate') {
      const a = names[o.who]!;
      const r = index.rankOf(a);
      if (r === 0) continue;
      totals.set(a, total(a) + BigInt(o.amount));
      if (started && r > 1) {
        upwardPass(index, total, r);
        linearUpward(linear, total, r);
      }
    } else {
      const a = names[o.who]!;
      const r = index.rankOf(a);
      if (r === 0 || total(a) === 0n) continue;
      const cn = candidates();
      const amount = BigInt(Math.min(o.amount, Number(total(a))));
      totals.set(a, total(a) - amount);
      if (started && r < cn) {
        downwardPass(index, total, r, cn);
        linearDownward(linear, total, r, cn);
      }
    }
    assert.deepEqual(index.toArray(), linear);
    linear.forEach((a, i) => assert.equal(index.rankOf(a), i + 1));
  }
}

describe('ranking: O(log n) index against the literal passes', () => {
  it('tie rules of spec 8.4 at startReward', () => {
    const [A, B, C, D, E] = ['A', 'B', 'C', 'D', 'E'].map(addressOf) as [Address, Address, Address, Address, Address];
    const t = (m: Record<string, number>) => (a: Address) => BigInt(m[a] ?? 0);
    for (const sort of [startRewardOrder, startRewardOrderLiteral]) {
      assert.deepEqual(sort([A, B, C], t({ [A]: 0, [B]: 0, [C]: 1 })), [C, B, A]);
      assert.deepEqual(sort([A, B, C, D], t({ [A]: 1, [B]: 1, [C]: 2, [D]: 2 })), [C, D, A, B]);
      assert.deepEqual(sort([A, B, C], t({ [A]: 5, [B]: 5, [C]: 5 })), [A, B, C]);
      // Each later, larger total rotates the group of two once: twice is the identity, three times is not.
      assert.deepEqual(sort([A, B, C, D], t({ [A]: 0, [B]: 0, [C]: 1, [D]: 2 })), [D, C, A, B]);
      assert.deepEqual(sort([A, B, C, D, E], t({ [A]: 0, [B]: 0, [C]: 1, [D]: 2, [E]: 3 })), [E, D, C, B, A]);
      assert.deepEqual(sort([], t({})), []);
    }
  });

  it('startReward: the O(n log n) order is the literal exchange sort\'s, ties included (fast-check)', () => {
    const many = Array.from({ length: 400 }, (_, i) => addressOf(`s${i}`));
    // Totals from a few values (heavy ties), sometimes with one large spread value among them.
    const totals = (maxLength: number, values: number) => fc.array(fc.oneof({ weight: 9, arbitrary: fc.nat(values - 1) }, { weight: 1, arbitrary: fc.nat(1_000_000) }), { maxLength });
    const same = (ts: number[]) => {
      const list = many.slice(0, ts.length);
      const m = new Map(list.map((a, i) => [a, BigInt(ts[i]!)]));
      const total = (a: Address) => m.get(a)!;
      assert.deepEqual(startRewardOrder(list, total), startRewardOrderLiteral(list, total));
    };
    fc.assert(fc.property(totals(40, 3), same), { numRuns: 1500 });
    fc.assert(fc.property(totals(400, 6), same), { numRuns: 60 });
    fc.assert(fc.property(fc.array(fc.constantFrom(0, 1, 1, 2, 2, 2, 7), { minLength: 300, maxLength: 400 }), same), { numRuns: 20 });
  });

  it('agree on random histories (fast-check)', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 120 }), (ops) => run(ops)), { numRuns: 300 });
  });

  it('rolls back exactly with the journal', () => {
    const journal = new Journal();
    const index = new RankIndex(journal, 'ranking');
    for (const a of names.slice(0, 10)) index.insertAt(index.length, a);
    const before = index.toArray();
    assert.throws(() =>
      journal.atomic(() => {
        index.removeAt(3);
        index.insertAt(0, names[3]!);
        index.replaceAll([...before].reverse());
        index.removeAt(9);
        throw new Error('revert');
      }),
    );
    assert.deepEqual(index.toArray(), before);
  });
});
