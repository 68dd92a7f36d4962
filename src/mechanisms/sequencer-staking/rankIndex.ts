import { fromHex, keccak256, type Address, type Change, type Container, type Journal } from '../../kernel/index.js';

/**
 * The L2 ranking list (`stakerAddresses`) as an implicit treap: position lookup, rank of an
 * address, insertion and removal at a position, and "how many leading entries satisfy a monotone
 * predicate" all cost O(log n). Rankings are implicit (in-order position + 1), so moving a staker
 * never rewrites the rankings of the stakers it passes, which is what makes the release's O(n)
 * rank shuffles O(log n) here.
 *
 * It is a state container of its own: every mutation is journaled (a failed action restores the
 * exact list), and the list is one leaf of the state tree whose value hash is a Merkle hash of
 * the treap. A node's priority is derived from its address (keccak, ties broken by address), so
 * the treap's shape, and with it the hash, depends only on the list, never on the history that
 * built it; a change costs O(log n) hashes.
 */
interface Node {
  readonly addr: Address;
  readonly pri: number;
  readonly bytes: Uint8Array;
  size: number;
  left: Node | undefined;
  right: Node | undefined;
  parent: Node | undefined;
  hash: Uint8Array | undefined;
}

const sz = (n: Node | undefined): number => (n ? n.size : 0);

function pull(n: Node): void {
  n.size = 1 + sz(n.left) + sz(n.right);
  n.hash = undefined;
  if (n.left) n.left.parent = n;
  if (n.right) n.right.parent = n;
}

/** A total order on priorities: the max-heap root of any list is unique, hence so is the shape. */
const above = (a: Node, b: Node): boolean => a.pri > b.pri || (a.pri === b.pri && a.addr > b.addr);

const ZERO32 = new Uint8Array(32);
const nodeBuf = new Uint8Array(1 + 32 + 20 + 32);

/** keccak256(0x02 ‖ left ‖ address ‖ right), 32 zero bytes for an empty side. */
function hashOf(n: Node | undefined): Uint8Array {
  if (!n) return ZERO32;
  if (n.hash) return n.hash;
  const l = hashOf(n.left);
  const r = hashOf(n.right);
  nodeBuf[0] = 2;
  nodeBuf.set(l, 1);
  nodeBuf.set(n.bytes, 33);
  nodeBuf.set(r, 53);
  n.hash = keccak256(nodeBuf);
  return n.hash;
}

function merge(a: Node | undefined, b: Node | undefined): Node | undefined {
  if (!a) return b;
  if (!b) return a;
  if (above(a, b)) {
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

type Op = 'insert' | 'remove' | 'replace';

export class RankIndex implements Container {
  private root: Node | undefined;
  private readonly byAddr = new Map<Address, Node>();
  /** Priority and bytes of every address seen (pure functions of it): a move re-inserts without hashing. */
  private readonly keyOf = new Map<Address, { pri: number; bytes: Uint8Array }>();
  readonly cache = false;
  private tracking: ((c: Container) => void) | undefined;
  private dirty = false;

  constructor(
    private readonly journal: Journal,
    readonly name: string,
  ) {}

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
    this.written('insert', [i, a]);
  }

  removeAt(i: number): Address {
    const a = this.rawRemove(i);
    this.written('remove', [i, a]);
    return a;
  }

  /** Replaces the whole list (the start-of-rewards sort). */
  replaceAll(list: readonly Address[]): void {
    const old = this.toArray();
    this.rawReplace(list);
    this.written('replace', [old, [...list]]);
  }

  private written(op: Op, payload: unknown): void {
    if (this.journal.unit !== 0) this.journal.record(this, op, payload);
    this.touch();
  }

  undo(key: unknown, prev: unknown): void {
    const op = key as Op;
    if (op === 'insert') this.rawRemove((prev as [number, Address])[0]);
    else if (op === 'remove') this.rawInsert(...(prev as [number, Address]));
    else this.rawReplace((prev as [Address[], Address[]])[0]);
    this.touch();
  }

  private touch(): void {
    if (this.tracking && !this.dirty) {
      this.dirty = true;
      this.tracking(this);
    }
  }

  /** Merkle hash of the list (see the class comment). */
  listHash(): Uint8Array {
    return hashOf(this.root);
  }

  forEachLeaf(cb: (leafKey: string, valueHash: Uint8Array) => void): void {
    cb('', this.listHash());
  }

  trackDirty(onFirstDirty: (c: Container) => void): void {
    this.tracking = onFirstDirty;
    this.dirty = false;
  }

  drainDirty(cb: (leafKey: string, valueHash: Uint8Array | undefined) => void): void {
    cb('', this.listHash());
    this.dirty = false;
  }

  changes(records: ReadonlyArray<readonly [unknown, unknown]>): Change[] {
    // Positions move, so the operations are reported in order; a whole-list sort as the list it set.
    return records.map(([op, payload]): Change => {
      if (op === 'insert') return { container: this.name, insertAt: (payload as [number, Address])[0], value: (payload as [number, Address])[1] };
      if (op === 'remove') return { container: this.name, removeAt: (payload as [number, Address])[0] };
      return { container: this.name, value: (payload as [Address[], Address[]])[1] };
    });
  }

  dump(): unknown {
    return this.toArray();
  }

  load(doc: unknown): void {
    if (!Array.isArray(doc) || !doc.every((a) => typeof a === 'string' && /^0x[0-9a-f]{40}$/.test(a))) throw new TypeError(`${this.name}: expected a list of addresses`);
    this.rawReplace(doc as Address[]);
    this.dirty = false;
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

  private rawInsert(i: number, a: Address): void {
    if (this.byAddr.has(a)) throw new Error(`ranking already holds ${a}`);
    if (i < 0 || i > this.length) throw new RangeError(`ranking insert at ${i} out of range`);
    let key = this.keyOf.get(a);
    if (!key) {
      const bytes = fromHex(a);
      const h = keccak256(bytes);
      key = { pri: ((h[0]! << 24) | (h[1]! << 16) | (h[2]! << 8) | h[3]!) >>> 0, bytes };
      this.keyOf.set(a, key);
    }
    const node: Node = { addr: a, pri: key.pri, bytes: key.bytes, size: 1, left: undefined, right: undefined, parent: undefined, hash: undefined };
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
