import { keccak256, keccakUtf8, toHex, type Hex } from './bytes.js';
import type { Container } from './journal.js';

/**
 * The state root: a binary Merkle trie (crit-bit, path-compressed) over every leaf of every
 * registered state container.
 *
 * - A leaf's path is keccak256(utf8(`${container}\0${keyText}`)): 256 bits, so leaves spread evenly
 *   and the trie is about log2(n) deep. Its value hash is keccak256 of the value's canonical text.
 * - leaf hash   = keccak256(0x00 ‖ path ‖ valueHash)
 *   branch hash = keccak256(0x01 ‖ left hash ‖ right hash), left = the side whose next path bit is 0
 *   root        = the root node's hash, or 32 zero bytes for an empty state.
 * - The shape of a crit-bit trie depends only on its set of paths, so equal states give equal roots
 *   whatever history led to them. Leaf hashes commit to full paths and the two node kinds are
 *   domain-separated, so two different states with one root would be a keccak collision.
 *
 * Incremental: containers report the leaves written since the last root; each costs one walk from
 * the root (≈ log2 n steps) that clears the hashes it passes, and the root recomputes only cleared
 * hashes, so shared ancestors of several changed leaves are hashed once.
 */
interface Leaf {
  readonly path: Uint8Array;
  valueHash: Uint8Array;
  hash: Uint8Array | undefined;
}
interface Branch {
  readonly bit: number;
  left: Node;
  right: Node;
  hash: Uint8Array | undefined;
}
type Node = Leaf | Branch;

const isLeaf = (n: Node): n is Leaf => (n as Leaf).path !== undefined;
const bitAt = (path: Uint8Array, bit: number): number => (path[bit >> 3]! >> (7 - (bit & 7))) & 1;

/** First bit where two paths differ, or -1 when equal. */
function critBit(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 32; i++) {
    const x = a[i]! ^ b[i]!;
    if (x !== 0) return i * 8 + Math.clz32(x) - 24;
  }
  return -1;
}

export function leafPath(container: string, leafKey: string): Uint8Array {
  return keccakUtf8(`${container}\0${leafKey}`);
}

const buf65 = new Uint8Array(65);
const buf65b = new Uint8Array(65);

function hashOf(n: Node): Uint8Array {
  if (n.hash !== undefined) return n.hash;
  let h: Uint8Array;
  if (isLeaf(n)) {
    buf65[0] = 0;
    buf65.set(n.path, 1);
    buf65.set(n.valueHash, 33);
    h = keccak256(buf65);
  } else {
    const l = hashOf(n.left);
    const r = hashOf(n.right);
    buf65b[0] = 1;
    buf65b.set(l, 1);
    buf65b.set(r, 33);
    h = keccak256(buf65b);
  }
  n.hash = h;
  return h;
}

export class StateTree {
  private root: Node | undefined;
  private size_ = 0;

  get size(): number {
    return this.size_;
  }

  /** Sets (or replaces) the leaf at `path`. */
  put(path: Uint8Array, valueHash: Uint8Array): void {
    const root = this.root;
    if (root === undefined) {
      this.root = { path, valueHash, hash: undefined };
      this.size_ = 1;
      return;
    }
    // Find the leaf whose path shares the longest prefix with `path`.
    let n: Node = root;
    while (!isLeaf(n)) n = bitAt(path, n.bit) ? n.right : n.left;
    const crit = critBit(n.path, path);
    if (crit < 0) {
      // Same path: replace the value; clear the hashes from the root down to it.
      let m: Node = root;
      while (!isLeaf(m)) {
        m.hash = undefined;
        m = bitAt(path, m.bit) ? m.right : m.left;
      }
      m.valueHash = valueHash;
      m.hash = undefined;
      return;
    }
    const leaf: Leaf = { path, valueHash, hash: undefined };
    const side = bitAt(path, crit);
    // Walk down to the first node that branches below `crit`; the new branch goes above it.
    let parent: Branch | undefined;
    let m: Node = root;
    while (!isLeaf(m) && m.bit < crit) {
      m.hash = undefined;
      parent = m;
      m = bitAt(path, m.bit) ? m.right : m.left;
    }
    const branch: Branch = side ? { bit: crit, left: m, right: leaf, hash: undefined } : { bit: crit, left: leaf, right: m, hash: undefined };
    if (parent === undefined) this.root = branch;
    else if (bitAt(path, parent.bit)) parent.right = branch;
    else parent.left = branch;
    this.size_++;
  }

  /** Removes the leaf at `path` (nothing when absent). */
  remove(path: Uint8Array): void {
    const root = this.root;
    if (root === undefined) return;
    let grand: Branch | undefined;
    let parent: Branch | undefined;
    let n: Node = root;
    while (!isLeaf(n)) {
      grand = parent;
      parent = n;
      n = bitAt(path, n.bit) ? n.right : n.left;
    }
    if (critBit(n.path, path) >= 0) return;
    this.size_--;
    if (parent === undefined) {
      this.root = undefined;
      return;
    }
    const sibling = parent.left === n ? parent.right : parent.left;
    if (grand === undefined) this.root = sibling;
    else if (grand.left === parent) grand.left = sibling;
    else grand.right = sibling;
    // Clear the hashes of the remaining ancestors.
    let m: Node = this.root!;
    while (!isLeaf(m) && m !== sibling) {
      m.hash = undefined;
      m = bitAt(path, m.bit) ? m.right : m.left;
    }
  }

  rootHash(): Hex {
    return this.root === undefined ? `0x${'0'.repeat(64)}` : toHex(hashOf(this.root));
  }

  /** A tree of `leaves` built in one pass (sorted by path): the reference the incremental tree is tested against. */
  static fromLeaves(leaves: Array<{ path: Uint8Array; valueHash: Uint8Array }>): StateTree {
    const t = new StateTree();
    const sorted = [...leaves].sort((a, b) => compareBytes(a.path, b.path));
    for (let i = 1; i < sorted.length; i++) {
      if (compareBytes(sorted[i - 1]!.path, sorted[i]!.path) === 0) throw new Error('two leaves with one path');
    }
    const build = (lo: number, hi: number): Node => {
      if (hi - lo === 1) return { path: sorted[lo]!.path, valueHash: sorted[lo]!.valueHash, hash: undefined };
      const bit = critBit(sorted[lo]!.path, sorted[hi - 1]!.path);
      // The first index whose path has a 1 at `bit` (paths in [lo, hi) agree on every bit before it).
      let a = lo;
      let b = hi - 1;
      while (a < b) {
        const mid = (a + b) >> 1;
        if (bitAt(sorted[mid]!.path, bit)) b = mid;
        else a = mid + 1;
      }
      return { bit, left: build(lo, a), right: build(a, hi), hash: undefined };
    };
    if (sorted.length > 0) t.root = build(0, sorted.length);
    t.size_ = sorted.length;
    return t;
  }
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** Every leaf of the state containers (caches excluded). */
export function collectLeaves(containers: Iterable<Container>): Array<{ path: Uint8Array; valueHash: Uint8Array }> {
  const out: Array<{ path: Uint8Array; valueHash: Uint8Array }> = [];
  for (const c of containers) {
    if (c.cache) continue;
    c.forEachLeaf((k, h) => out.push({ path: leafPath(c.name, k), valueHash: h }));
  }
  return out;
}

/** keccak-256 state root recomputed from every leaf: the plain reference of `IncrementalRoot`. */
export function fullStateRoot(containers: Iterable<Container>): Hex {
  return StateTree.fromLeaves(collectLeaves(containers)).rootHash();
}

/**
 * The incremental root: built from every leaf on first use, then kept up to date from the leaves
 * containers report as written. Costs O(k log n) for k written leaves.
 */
export class IncrementalRoot {
  private tree: StateTree | undefined;
  private readonly dirty: Container[] = [];

  constructor(private readonly containers: () => Iterable<Container>) {}

  get built(): boolean {
    return this.tree !== undefined;
  }

  /** Drops the tree (the next root rebuilds it), e.g. after a restore replaced every container. */
  reset(): void {
    this.tree = undefined;
    this.dirty.length = 0;
  }

  root(): Hex {
    if (this.tree === undefined) {
      const cs = [...this.containers()].filter((c) => !c.cache);
      this.tree = StateTree.fromLeaves(collectLeaves(cs));
      const onFirstDirty = (c: Container) => this.dirty.push(c);
      for (const c of cs) c.trackDirty(onFirstDirty);
    } else {
      const t = this.tree;
      for (const c of this.dirty) {
        c.drainDirty((k, h) => {
          const path = leafPath(c.name, k);
          if (h === undefined) t.remove(path);
          else t.put(path, h);
        });
      }
      this.dirty.length = 0;
    }
    return this.tree.rootHash();
  }
}
