import type { Address, Journal } from '../../kernel/index.js';

/**
 * The L2 ranking list (`stakerAddresses`) as an implicit treap: position lookup, rank of an
 * address, insertion and removal at a position, and "how many leading entries satisfy a monotone
 * predicate" all cost O(log n). Rankings are implicit (in-order position + 1), so moving a staker
 * never rewrites the rankings of the stakers it passes, which is what makes the release's O(n)
 * rank shuffles O(log n) here. Every mutation records its inverse in the journal, so a failed
 * action restores the exact list. The canonical `stakerAddresses` / `stakerRankings` are read out
 * of it by `toArray()` for the state root.
 */
interface Node {
  readonly addr: Address;
  readonly pri: number;
  size: number;
  left: Node | undefined;
  right: Node | undefined;
  parent: Node | undefined;
}

const sz = (n: Node | undefined): number => (n ? n.size : 0);

function pull(n: Node): void {
  n.size = 1 + sz(n.left) + sz(n.right);
  if (n.left) n.left.parent = n;
  if (n.right) n.right.parent = n;
}

function merge(a: Node | undefined, b: Node | undefined): Node | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.pri > b.pri) {
    a.right = merge(a.right, b);
    pull(a);
    return a;
  }
  b.left = merge(a, b.left);
  pull(b);
  return b;
}

/** First k entries to the left tree. */
function split(t: Node | undefined, k: number): [Node | undefined, Node | undefined] {
  if (!t) return [undefined, undefined];
  if (sz(t.left) >= k) {
    const [a, b] = split(t.left, k);
    t.left = b;
    pull(t);
    return [a, t];
  }
  const [a, b] = split(t.right, k - sz(t.left) - 1);
  t.right = a;
  pull(t);
  return [t, b];
}

export class RankIndex {
  private root: Node | undefined;
  private readonly byAddr = new Map<Address, Node>();
  // Deterministic priorities (xorshift32): the tree's shape never affects results, only speed.
  private seed = 0x2545f491;

  constructor(private readonly journal: Journal) {}

  get length(): number {
    return sz(this.root);
  }

  has(a: Address): boolean {
    return this.byAddr.has(a);
  }

  /** 1-based ranking, 0 when absent. */
  rankOf(a: Address): number {
    let n = this.byAddr.get(a);
    if (!n) return 0;
    let r = sz(n.left) + 1;
    while (n.parent) {
      if (n.parent.right === n) r += sz(n.parent.left) + 1;
      n = n.parent;
    }
    return r;
  }

  /** Entry at 0-based position i. */
  at(i: number): Address {
    let n = this.root;
    while (n) {
      const l = sz(n.left);
      if (i < l) n = n.left;
      else if (i === l) return n.addr;
      else {
        i -= l + 1;
        n = n.right;
      }
    }
    throw new RangeError(`ranking position ${i} out of range`);
  }

  /** Number of leading entries for which `pred` holds; `pred` must be true on a prefix and false after. */
  countWhile(pred: (a: Address) => boolean): number {
    let n = this.root;
    let count = 0;
    while (n) {
      if (pred(n.addr)) {
        count += sz(n.left) + 1;
        n = n.right;
      } else n = n.left;
    }
    return count;
  }

  insertAt(i: number, a: Address): void {
    this.rawInsert(i, a);
    this.journal.record(() => void this.rawRemove(i));
  }

  removeAt(i: number): Address {
    const a = this.rawRemove(i);
    this.journal.record(() => this.rawInsert(i, a));
    return a;
  }

  /** Replaces the whole list (the start-of-rewards sort). */
  replaceAll(list: readonly Address[]): void {
    const old = this.toArray();
    this.rawReplace(list);
    this.journal.record(() => this.rawReplace(old));
  }

  toArray(): Address[] {
    const out: Address[] = [];
    const walk = (n: Node | undefined): void => {
      // Iterative in spirit: depth is O(log n) for a treap.
      if (!n) return;
      walk(n.left);
      out.push(n.addr);
      walk(n.right);
    };
    walk(this.root);
    return out;
  }

  private nextPri(): number {
    let x = this.seed;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.seed = x >>> 0;
    return this.seed;
  }

  private rawInsert(i: number, a: Address): void {
    if (this.byAddr.has(a)) throw new Error(`ranking already holds ${a}`);
    if (i < 0 || i > this.length) throw new RangeError(`ranking insert at ${i} out of range`);
    const node: Node = { addr: a, pri: this.nextPri(), size: 1, left: undefined, right: undefined, parent: undefined };
    this.byAddr.set(a, node);
    const [l, r] = split(this.root, i);
    this.root = merge(merge(l, node), r);
    if (this.root) this.root.parent = undefined;
  }

  private rawRemove(i: number): Address {
    if (i < 0 || i >= this.length) throw new RangeError(`ranking remove at ${i} out of range`);
    const [l, rest] = split(this.root, i);
    const [mid, r] = split(rest, 1);
    const node = mid!;
    this.byAddr.delete(node.addr);
    this.root = merge(l, r);
    if (this.root) this.root.parent = undefined;
    return node.addr;
  }

  private rawReplace(list: readonly Address[]): void {
    this.root = undefined;
    this.byAddr.clear();
    for (let i = 0; i < list.length; i++) this.rawInsert(i, list[i]!);
  }
}
