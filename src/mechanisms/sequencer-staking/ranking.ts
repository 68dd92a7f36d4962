import type { Address } from '../../kernel/index.js';
import type { RankIndex } from './rankIndex.js';

/**
 * The release's ranking rules (spec 8.4), two ways: the engine path on the O(log n) index, and
 * the literal linear passes beside it (`Linear*`) as the reference. After `startReward` the list
 * is non-increasing by total (invariant 7), so the literal upward pass moves the delegatee up to
 * just below the last entry whose total is ≥ its new total and swaps nothing else; the downward
 * pass moves the undelegating staker below every candidate with a strictly larger total. Both are
 * "remove, count a monotone prefix, insert": O(log n).
 */
export type Totals = (a: Address) => bigint;

/** Upward pass for the delegatee at 1-based rank r > 1 (its total has just grown). */
export function upwardPass(index: RankIndex, total: Totals, r: number): void {
  const a = index.removeAt(r - 1);
  const t = total(a);
  const p = Math.min(r - 1, index.countWhile((x) => total(x) >= t));
  index.insertAt(p, a);
}

/** Downward pass for the staker at 1-based rank r < candidateNumber (its total has just shrunk). */
export function downwardPass(index: RankIndex, total: Totals, r: number, candidateNumber: number): void {
  const a = index.removeAt(r - 1);
  const t = total(a);
  const q = Math.max(r - 1, Math.min(candidateNumber - 1, index.countWhile((x) => total(x) > t)));
  index.insertAt(q, a);
}

/**
 * `startReward`'s sort (spec 8.4), in O(n log n), giving exactly the order of the release's
 * exchange sort (`startRewardOrderLiteral`). That sort is not stable and no comparator describes
 * it: step i carries element i down the sorted prefix, and every group of equal totals below it
 * passes its first element to the end of the group (totals (0,0,1) for A,B,C give C,B,A). So the
 * result is the totals in non-increasing order, and within a group of equal total v its elements
 * in input order, each appended at the tail, with the group rotated left once for every later
 * element with a total > v. Per group that is a queue with a moving head: rotations are counted
 * with a Fenwick tree over total ranks, taken modulo the group size, and the tail insertions are
 * placed offline by a second Fenwick tree. Checked against the literal sort with fast-check on
 * inputs with many ties (`ranking.test.ts`). 10,000 stakers: ≈ 200–230 ms literal, ≈ 8 ms here
 * (a plain sort of the totals: ≈ 3–4 ms).
 */
export function startRewardOrder(list: readonly Address[], total: Totals): Address[] {
  const t = list.map(total);
  const distinct = [...new Set(t)].sort((x, y) => (x > y ? -1 : x < y ? 1 : 0));
  const rankOf = new Map(distinct.map((v, r) => [v, r])); // 0 = the largest total
  const rank = t.map((v) => rankOf.get(v)!);
  // above[i] = #{q < i : t[q] > t[i]}; greater[r] = #{q : t[q] > distinct[r]}.
  const seen = new Fenwick(distinct.length);
  const above = rank.map((r) => {
    const c = seen.prefix(r);
    seen.add(r, 1);
    return c;
  });
  const greater = distinct.map((_, r) => seen.prefix(r));
  const groups: number[][] = distinct.map(() => []);
  rank.forEach((r, i) => groups[r]!.push(i));
  const out: Address[] = [];
  groups.forEach((g, r) => {
    // Queue of the group as a linear array with head h: a rotation moves h, a tail insertion
    // goes in just before the head (at index h), after which the head is at h + 1.
    const at: number[] = [0];
    let h = 0;
    for (let m = 1; m < g.length; m++) {
      h = (h + above[g[m]!]! - above[g[m - 1]!]!) % m;
      at.push(h);
      h += 1;
    }
    const k = g.length;
    h = (h + greater[r]! - above[g[k - 1]!]!) % k;
    // Insertion m went to index at[m] of m + 1 elements; its final slot is the (at[m] + 1)-th one
    // left free by the later insertions.
    const slots = new Array<number>(k);
    const free = new Fenwick(k);
    for (let j = 0; j < k; j++) free.add(j, 1);
    for (let m = k - 1; m >= 0; m--) {
      const s = free.findKth(at[m]! + 1);
      slots[s] = g[m]!;
      free.add(s, -1);
    }
    for (let j = 0; j < k; j++) out.push(list[slots[(h + j) % k]!]!);
  });
  return out;
}

/** The release's exchange sort, verbatim (O(n²) comparisons): the reference of `startRewardOrder`. */
export function startRewardOrderLiteral(list: readonly Address[], total: Totals): Address[] {
  const a = [...list];
  const t = a.map(total);
  for (let i = 1; i < a.length; i++) {
    for (let j = 0; j < i; j++) {
      if (t[i]! > t[j]!) {
        [a[i], a[j]] = [a[j]!, a[i]!];
        [t[i], t[j]] = [t[j]!, t[i]!];
      }
    }
  }
  return a;
}

/** Prefix counts over 0..n−1. */
class Fenwick {
  private readonly tree: Int32Array;
  private readonly top: number;
  constructor(private readonly n: number) {
    this.tree = new Int32Array(n + 1);
    let p = 1;
    while (p * 2 <= n) p *= 2;
    this.top = p;
  }
  add(i: number, d: number): void {
    for (let x = i + 1; x <= this.n; x += x & -x) this.tree[x]! += d;
  }
  /** Sum over 0..i−1. */
  prefix(i: number): number {
    let s = 0;
    for (let x = i; x > 0; x -= x & -x) s += this.tree[x]!;
    return s;
  }
  /** The smallest index whose prefix sum through it is k (k ≥ 1, counts ≥ 0). */
  findKth(k: number): number {
    let pos = 0;
    for (let step = this.top; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= this.n && this.tree[next]! < k) {
        pos = next;
        k -= this.tree[next]!;
      }
    }
    return pos;
  }
}

// ---- Linear reference (the release's loops, verbatim) -----------------------------------------

/** Upward pass over a plain array: for i = r−1 down to 1, swap on a strictly larger total. */
export function linearUpward(a: Address[], total: Totals, r: number): void {
  for (let i = r - 1; i >= 1; i--) {
    if (total(a[i]!) > total(a[i - 1]!)) [a[i], a[i - 1]] = [a[i - 1]!, a[i]!];
  }
}

/** Downward pass over a plain array: for i = r−1 up to candidateNumber − 2. */
export function linearDownward(a: Address[], total: Totals, r: number, candidateNumber: number): void {
  for (let i = r - 1; i <= candidateNumber - 2; i++) {
    if (total(a[i + 1]!) > total(a[i]!)) [a[i], a[i + 1]] = [a[i + 1]!, a[i]!];
  }
}
