import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { fullStateRoot, IncrementalRoot, leafPath, StateTree } from './stateTree.js';
import { JCell, JList, JMap, Journal, type Container } from './journal.js';

/**
 * The crit-bit Merkle trie of the state root (stateTree.ts), against hashes computed here from
 * the definitions (leaf = keccak(0x00 ‖ path ‖ valueHash), branch = keccak(0x01 ‖ left ‖ right),
 * empty = 32 zero bytes), against its one-pass build `fromLeaves`, and, with journaled
 * containers, the incremental root against the recomputation from every leaf.
 */

const ZERO_ROOT = `0x${'0'.repeat(64)}`;
const hex = (b: Uint8Array) => `0x${bytesToHex(b)}`;
const cat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};
const leafHash = (path: Uint8Array, vh: Uint8Array) => keccak_256(cat(Uint8Array.of(0), path, vh));
const branchHash = (l: Uint8Array, r: Uint8Array) => keccak_256(cat(Uint8Array.of(1), l, r));
/** A 32-byte path with the given leading bytes, zero after them. */
const pathOf = (...lead: number[]) => {
  const p = new Uint8Array(32);
  p.set(lead);
  return p;
};
const vhOf = (s: string) => keccak_256(utf8ToBytes(s));

describe('StateTree: known values', () => {
  it('an empty tree has the zero root and size 0', () => {
    const t = new StateTree();
    assert.equal(t.rootHash(), ZERO_ROOT);
    assert.equal(t.size, 0);
    assert.equal(StateTree.fromLeaves([]).rootHash(), ZERO_ROOT);
  });

  it('one leaf: keccak256(0x00 ‖ path ‖ valueHash)', () => {
    const path = leafPath('proverPool/balances', 'sabc');
    assert.equal(hex(path), hex(keccak_256(utf8ToBytes('proverPool/balances\0sabc'))), 'leafPath = keccak(container ‖ 0x00 ‖ key text)');
    const vh = vhOf('5n');
    const t = new StateTree();
    t.put(path, vh);
    assert.equal(t.rootHash(), hex(leafHash(path, vh)));
    assert.equal(t.size, 1);
  });

  it('two leaves: one branch, the 0-side left, however deep their first differing bit', () => {
    for (const [a, b] of [
      [pathOf(0x00), pathOf(0x80)], // differ at bit 0
      [pathOf(0x12, 0x34), pathOf(0x12, 0x35)], // bit 15
      [pathOf(), (() => { const p = pathOf(); p[31] = 1; return p; })()], // bit 255: no nodes for the shared prefix
    ] as const) {
      const va = vhOf('a');
      const vb = vhOf('b');
      const want = hex(branchHash(leafHash(a, va), leafHash(b, vb)));
      for (const order of [[0, 1], [1, 0]]) {
        const t = new StateTree();
        for (const i of order) t.put(i === 0 ? a : b, i === 0 ? va : vb);
        assert.equal(t.rootHash(), want);
        assert.equal(t.size, 2);
      }
      assert.equal(StateTree.fromLeaves([{ path: b, valueHash: vb }, { path: a, valueHash: va }]).rootHash(), want);
    }
  });

  it('three leaves: the branch at the first bit holds the two that share it', () => {
    const [a, b, c] = [pathOf(0x00), pathOf(0x40), pathOf(0x80)]; // a, b share bit 0 = 0 and differ at bit 1
    const [va, vb, vc] = [vhOf('1'), vhOf('2'), vhOf('3')];
    const want = hex(branchHash(branchHash(leafHash(a, va), leafHash(b, vb)), leafHash(c, vc)));
    const t = new StateTree();
    t.put(c, vc);
    t.put(a, va);
    assert.equal(t.rootHash(), hex(branchHash(leafHash(a, va), leafHash(c, vc))));
    t.put(b, vb);
    assert.equal(t.rootHash(), want);
    // Removing the middle leaf collapses its branch: the two-leaf root again.
    t.remove(b);
    assert.equal(t.rootHash(), hex(branchHash(leafHash(a, va), leafHash(c, vc))));
    assert.equal(t.size, 2);
  });

  it('a changed value hash changes the root; changing it back restores it', () => {
    const t = new StateTree();
    const paths = [pathOf(1), pathOf(2), pathOf(3), pathOf(200)];
    paths.forEach((p, i) => t.put(p, vhOf(`v${i}`)));
    const r0 = t.rootHash();
    t.put(paths[2]!, vhOf('other'));
    const r1 = t.rootHash();
    assert.notEqual(r1, r0);
    assert.equal(t.size, 4, 'a replaced value is not a new leaf');
    t.put(paths[2]!, vhOf('v2'));
    assert.equal(t.rootHash(), r0);
  });

  it('the size counts distinct paths: a repeated put and the removal of an absent path change nothing', () => {
    const t = new StateTree();
    t.put(pathOf(9), vhOf('x'));
    t.put(pathOf(9), vhOf('x'));
    t.put(pathOf(10), vhOf('y'));
    assert.equal(t.size, 2);
    const r = t.rootHash();
    t.remove(pathOf(11));
    t.remove(pathOf(9, 1));
    assert.equal(t.size, 2);
    assert.equal(t.rootHash(), r);
    new StateTree().remove(pathOf(1)); // on an empty tree: nothing
  });

  it('fromLeaves refuses two leaves with one path', () => {
    assert.throws(() => StateTree.fromLeaves([{ path: pathOf(1), valueHash: vhOf('a') }, { path: pathOf(1), valueHash: vhOf('b') }]), /two leaves with one path/);
  });
});

/** Paths from a small key space (many collisions, so puts replace and removes hit) plus a few near neighbours. */
const keyArb = fc.nat(39);
const pathForKey = (k: number): Uint8Array => (k < 32 ? leafPath('c', `n${k}`) : pathOf(0x55, k - 32)); // the last 8 share 15 bits
type Op = { op: 'put'; k: number; v: number } | { op: 'remove'; k: number } | { op: 'root' };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('put' as const), k: keyArb, v: fc.nat(3) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('remove' as const), k: keyArb }) },
  { weight: 2, arbitrary: fc.constant({ op: 'root' as const }) },
);

describe('StateTree: random puts and removes = the one-pass build of the final leaves', () => {
  it('roots read after every operation, or at random points (so that stale hashes would show)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 120 }), fc.boolean(), (ops, everyOp) => {
        const t = new StateTree();
        const model = new Map<number, Uint8Array>();
        for (const o of ops) {
          if (everyOp && o.op !== 'root') {
            assert.equal(t.rootHash(), StateTree.fromLeaves([...model].map(([k, vh]) => ({ path: pathForKey(k), valueHash: vh }))).rootHash());
          }
          if (o.op === 'put') {
            const vh = vhOf(`value ${o.v}`);
            t.put(pathForKey(o.k), vh);
            model.set(o.k, vh);
          } else if (o.op === 'remove') {
            t.remove(pathForKey(o.k));
            model.delete(o.k);
          } else {
            const ref = StateTree.fromLeaves([...model].map(([k, vh]) => ({ path: pathForKey(k), valueHash: vh })));
            assert.equal(t.rootHash(), ref.rootHash());
          }
          assert.equal(t.size, model.size);
        }
        const ref = StateTree.fromLeaves([...model].map(([k, vh]) => ({ path: pathForKey(k), valueHash: vh })));
        assert.equal(t.rootHash(), ref.rootHash());
        assert.equal(ref.size, model.size);
      }),
      { numRuns: 300 },
    );
  });

  it('insertion order does not matter', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ k: fc.nat(5000), v: fc.nat(9) }), { minLength: 1, maxLength: 60, selector: (x) => x.k }).chain((leaves) =>
          fc.tuple(fc.constant(leaves), fc.shuffledSubarray(leaves, { minLength: leaves.length }), fc.shuffledSubarray(leaves, { minLength: leaves.length })),
        ),
        ([leaves, p1, p2]) => {
          const roots = [leaves, p1, p2].map((order) => {
            const t = new StateTree();
            for (const { k, v } of order) t.put(leafPath('m', `n${k}`), vhOf(`${v}`));
            return t.rootHash();
          });
          assert.equal(roots[1], roots[0]);
          assert.equal(roots[2], roots[0]);
          assert.equal(StateTree.fromLeaves(leaves.map(({ k, v }) => ({ path: leafPath('m', `n${k}`), valueHash: vhOf(`${v}`) }))).rootHash(), roots[0]);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('removing every leaf, in any order, gives the zero root and size 0', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(5000), { minLength: 1, maxLength: 60 }).chain((ks) => fc.tuple(fc.constant(ks), fc.shuffledSubarray(ks, { minLength: ks.length }))),
        ([ks, removal]) => {
          const t = new StateTree();
          for (const k of ks) t.put(leafPath('m', `n${k}`), vhOf('x'));
          assert.equal(t.size, ks.length);
          assert.notEqual(t.rootHash(), ZERO_ROOT);
          removal.forEach((k, i) => {
            t.remove(leafPath('m', `n${k}`));
            if (i % 7 === 0) t.rootHash();
          });
          assert.equal(t.size, 0);
          assert.equal(t.rootHash(), ZERO_ROOT);
        },
      ),
      { numRuns: 100 },
    );
  });
});

/**
 * The incremental root over journaled containers (the chain's machinery without a chain): random
 * writes in units that commit or fail, roots read at random points, against `fullStateRoot`.
 * JList shifting operations (insert, remove, shift) and shrinking (pop) exercise its
 * "every position from here on" dirty tracking.
 */
type COp =
  | { c: 'mset'; k: number; v: number }
  | { c: 'mdel'; k: number }
  | { c: 'cell'; v: number }
  | { c: 'push'; v: number }
  | { c: 'pop' }
  | { c: 'lset'; i: number; v: number }
  | { c: 'insert'; i: number; v: number }
  | { c: 'remove'; i: number };
const cOpArb: fc.Arbitrary<COp> = fc.oneof(
  fc.record({ c: fc.constant('mset' as const), k: fc.nat(15), v: fc.nat(5) }),
  fc.record({ c: fc.constant('mdel' as const), k: fc.nat(15) }),
  fc.record({ c: fc.constant('cell' as const), v: fc.nat(5) }),
  fc.record({ c: fc.constant('push' as const), v: fc.nat(5) }),
  fc.constant({ c: 'pop' as const }),
  fc.record({ c: fc.constant('lset' as const), i: fc.nat(12), v: fc.nat(5) }),
  fc.record({ c: fc.constant('insert' as const), i: fc.nat(12), v: fc.nat(5) }),
  fc.record({ c: fc.constant('remove' as const), i: fc.nat(12) }),
);
const unitArb = fc.record({ ops: fc.array(cOpArb, { maxLength: 8 }), fail: fc.boolean(), root: fc.boolean() });

describe('IncrementalRoot over journaled containers = fullStateRoot', () => {
  it('after random committed and failed units (JMap, JCell, JList)', () => {
    fc.assert(
      fc.property(fc.array(unitArb, { maxLength: 40 }), (units) => {
        const j = new Journal();
        const m = new JMap<number, { v: number }>(j, 't/map');
        const c = new JCell<number>(j, 0, 't/cell');
        const l = new JList<number>(j, 't/list');
        const cache = new JMap<number, number>(j, 't/cache', { cache: true });
        const containers: Container[] = [c, l, m, cache];
        const inc = new IncrementalRoot(() => containers);
        for (const u of units) {
          try {
            j.atomic(() => {
              for (const o of u.ops) {
                switch (o.c) {
                  case 'mset':
                    m.set(o.k, { v: o.v });
                    cache.set(o.k, o.v);
                    break;
                  case 'mdel':
                    m.delete(o.k);
                    break;
                  case 'cell':
                    c.set(o.v);
                    break;
                  case 'push':
                    l.push(o.v);
                    break;
                  case 'pop':
                    l.pop();
                    break;
                  case 'lset':
                    if (o.i < l.length) l.set(o.i, o.v);
                    break;
                  case 'insert':
                    if (o.i <= l.length) l.insertAt(o.i, o.v);
                    break;
                  case 'remove':
                    if (o.i < l.length) l.removeAt(o.i);
                    break;
                }
              }
              if (u.fail) throw new Error('rollback');
            });
          } catch {
            // a failed unit: its writes are undone
          }
          if (u.root) assert.equal(inc.root(), fullStateRoot(containers));
        }
        assert.equal(inc.root(), fullStateRoot(containers));
        // Caches are not part of the root.
        assert.equal(fullStateRoot(containers), fullStateRoot([c, l, m]));
      }),
      { numRuns: 300 },
    );
  });
});
