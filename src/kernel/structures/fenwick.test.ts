import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../testing/rng.js';
import { FenwickTree, linearFind } from './fenwick.js';

function prefixes(w: readonly bigint[]): bigint[] {
  const p = [0n];
  for (const x of w) p.push(p[p.length - 1]! + x);
  return p;
}

/** Checks every query of the tree against the linear reference (all positions for small n, samples otherwise). */
function agree(t: FenwickTree, w: readonly bigint[], rng: Rng): void {
  const p = prefixes(w);
  const n = w.length;
  assert.equal(t.size, n);
  assert.equal(t.total(), p[n]);
  const positions = n <= 64 ? [...Array(n + 1).keys()] : [0, 1, n - 1, n, ...Array.from({ length: 40 }, () => rng.int(n + 1))];
  for (const i of positions) assert.equal(t.prefix(i), p[i], `prefix(${i})`);
  const total = p[n]!;
  if (total === 0n) return;
  const rs = new Set<bigint>([0n, total - 1n, total / 2n]);
  for (let k = 0; k < 30; k++) rs.add(rng.big(total - 1n));
  for (let k = 0; k < 20; k++) {
    // the boundaries: r = prefix(i) − 1 and r = prefix(i) (strictness of r < w1 + … + wi)
    const i = 1 + rng.int(n);
    if (p[i]! > 0n && p[i]! <= total) rs.add(p[i]! - 1n);
    if (p[i]! < total) rs.add(p[i]!);
  }
  for (const r of rs) {
    const want = linearFind(w, r);
    assert.equal(t.find(r), want, `find(${r})`);
    assert.ok(w[want - 1]! > 0n, 'a zero-weight slot is never chosen');
  }
}

describe('FenwickTree', () => {
  it('the spec selection check: weights [1, 2, 3, 0, …]', () => {
    for (const n of [4, 5, 8, 32, 33, 10_000]) {
      const w = Array.from({ length: n }, (_, i) => (i < 3 ? BigInt(i + 1) : 0n));
      const t = FenwickTree.from(w);
      assert.equal(t.total(), 6n);
      const want: Array<[bigint, number]> = [[0n, 1], [1n, 2], [2n, 2], [3n, 3], [4n, 3], [5n, 3]];
      for (const [r, slot] of want) {
        assert.equal(t.find(r), slot, `n=${n} r=${r}`);
        assert.equal(linearFind(w, r), slot);
      }
    }
  });

  it('zeros before and between weights are skipped', () => {
    const w = [0n, 1n, 0n, 0n, 2n, 0n];
    const t = FenwickTree.from(w);
    assert.deepEqual([0n, 1n, 2n].map((r) => t.find(r)), [2, 5, 5]);
    assert.deepEqual([0n, 1n, 2n].map((r) => linearFind(w, r)), [2, 5, 5]);
    assert.equal(linearFind(w, 3n), 0); // r ≥ total: the reference finds nothing
  });

  it('single slot, add and negative deltas', () => {
    const t = new FenwickTree(1);
    assert.equal(t.total(), 0n);
    t.add(1, 5n);
    assert.equal(t.find(4n), 1);
    t.add(1, -5n);
    t.add(1, 0n);
    assert.equal(t.total(), 0n);
    const u = new FenwickTree(7);
    u.add(7, 3n);
    u.add(3, 2n);
    u.add(7, -1n);
    assert.deepEqual([0, 1, 2, 3, 6, 7].map((i) => u.prefix(i)), [0n, 0n, 0n, 2n, 2n, 4n]);
    assert.deepEqual([0n, 1n, 2n, 3n].map((r) => u.find(r)), [3, 3, 7, 7]);
  });

  it('property: from(w) equals the tree built by adds, and agrees with the linear reference (random arrays up to 10,000)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.constantFrom(1n, 3n, 1000n, (1n << 64n) - 1n), fc.integer(), fc.double({ min: 0, max: 1, noNaN: true }), (n, max, seed, zeroRate) => {
        const rng = new Rng(seed);
        const w = Array.from({ length: n }, () => (rng.u32() / 2 ** 32 < zeroRate ? 0n : rng.big(max)));
        const t = FenwickTree.from(w);
        const u = new FenwickTree(n);
        w.forEach((x, i) => u.add(i + 1, x));
        for (const i of [0, 1, n >> 1, n]) assert.equal(t.prefix(i), u.prefix(i));
        agree(t, w, rng);
        agree(u, w, rng);
      }),
      { numRuns: 60 },
    );
  });

  it('property: after random update sequences (ties and zeros included) find/prefix/total agree with the linear reference', () => {
    const update = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), value: fc.bigInt({ min: 0n, max: 4n }), big: fc.boolean() });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer(), fc.array(fc.array(update, { minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 8 }), (n, seed, batches) => {
        const rng = new Rng(seed);
        const w = Array.from({ length: n }, () => BigInt(rng.int(3)));
        const t = FenwickTree.from(w);
        for (const batch of batches) {
          for (const u of batch) {
            const pos = 1 + Math.floor(u.at * n);
            const next = u.big ? u.value * 1_000_000_007n : u.value;
            t.add(pos, next - w[pos - 1]!);
            w[pos - 1] = next;
          }
          agree(t, w, rng);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('property: small pools, every r', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 5n }), { minLength: 1, maxLength: 40 }), (w) => {
        const t = FenwickTree.from(w);
        const total = w.reduce((a, b) => a + b, 0n);
        for (let r = 0n; r < total; r++) assert.equal(t.find(r), linearFind(w, r));
      }),
      { numRuns: 300 },
    );
  });
});
