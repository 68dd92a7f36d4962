import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../testing/rng.js';
import { linearArgmin, MinTree } from './minTree.js';

describe('MinTree', () => {
  it('lowest position wins ties; initial values; sizes that are not powers of two', () => {
    const t = new MinTree(5);
    assert.equal(t.argmin(), 1);
    t.set(1, 3n);
    assert.equal(t.argmin(), 2);
    t.set(2, 3n);
    t.set(3, 3n);
    t.set(4, 3n);
    assert.equal(t.argmin(), 5);
    t.set(5, 3n);
    assert.equal(t.argmin(), 1);
    t.set(4, 2n);
    assert.equal(t.argmin(), 4);
    t.set(5, 2n);
    assert.equal(t.argmin(), 4);
    t.set(4, 9n);
    assert.equal(t.argmin(), 5);
    assert.equal(t.get(4), 9n);
    assert.equal(new MinTree(3, 7n).get(3), 7n);
    assert.equal(new MinTree(1).argmin(), 1);
    assert.equal(new MinTree(0).argmin(), 0);
    assert.equal(linearArgmin([]), 0);
    assert.equal(linearArgmin([2n, 1n, 1n]), 2);
  });

  it('property: argmin agrees with linearArgmin after random updates (arrays up to 10,000, small value ranges for ties)', () => {
    const update = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), value: fc.bigInt({ min: 0n, max: 3n }), big: fc.boolean() });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.constantFrom(0n, 1n, 2n, 5n, 1n << 64n), fc.integer(), fc.array(update, { minLength: 1, maxLength: 300 }), (n, max, seed, updates) => {
        const rng = new Rng(seed);
        const v = Array.from({ length: n }, () => rng.big(max));
        const t = new MinTree(n);
        v.forEach((x, i) => t.set(i + 1, x));
        assert.equal(t.argmin(), linearArgmin(v));
        updates.forEach((u, k) => {
          const pos = 1 + Math.floor(u.at * n);
          const next = u.big ? u.value * (1n << 60n) : u.value;
          t.set(pos, next);
          v[pos - 1] = next;
          if (k % 10 === 0 || k === updates.length - 1) {
            assert.equal(t.argmin(), linearArgmin(v), `after update ${k}`);
            assert.equal(t.get(pos), next);
          }
        });
      }),
      { numRuns: 80 },
    );
  });

  it('property: small arrays, every step', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.array(fc.tuple(fc.nat(39), fc.bigInt({ min: 0n, max: 2n })), { maxLength: 60 }), (n, updates) => {
        const v = new Array<bigint>(n).fill(0n);
        const t = new MinTree(n);
        for (const [p, x] of updates) {
          const pos = (p % n) + 1;
          t.set(pos, x);
          v[pos - 1] = x;
          assert.equal(t.argmin(), linearArgmin(v));
        }
      }),
      { numRuns: 300 },
    );
  });
});
