/**
 * Fenwick (binary indexed) tree over positions 1..n of non-negative bigint weights, with the
 * weighted-selection descent of prover-pool §3.1. `find(r)` returns the first position i with
 * r < w1 + … + wi, exactly what a linear scan returns (see `linearFind`).
 *
 * Performance: update, prefix and find are O(log n) bigint additions; building is O(n).
 */
export class FenwickTree {
  private readonly tree: bigint[];
  private readonly topStep: number;

  constructor(readonly size: number) {
    this.tree = new Array<bigint>(size + 1).fill(0n);
    let step = 1;
    while (step * 2 <= size) step *= 2;
    this.topStep = size === 0 ? 0 : step;
  }

  /** Builds in O(n) from weights w[0..n-1] (position i+1 holds w[i]). */
  static from(weights: readonly bigint[]): FenwickTree {
    const t = new FenwickTree(weights.length);
    const tree = t.tree;
    for (let i = 1; i <= weights.length; i++) {
      tree[i] = tree[i]! + weights[i - 1]!;
      const parent = i + (i & -i);
      if (parent <= weights.length) tree[parent] = tree[parent]! + tree[i]!;
    }
    return t;
  }

  /** Adds `delta` (may be negative) at position `pos` (1-based). */
  add(pos: number, delta: bigint): void {
    if (delta === 0n) return;
    const tree = this.tree;
    for (let i = pos; i <= this.size; i += i & -i) tree[i] = tree[i]! + delta;
  }

  /** w1 + … + w_pos (prefix(0) = 0). */
  prefix(pos: number): bigint {
    let s = 0n;
    const tree = this.tree;
    for (let i = pos; i > 0; i -= i & -i) s += tree[i]!;
    return s;
  }

  total(): bigint {
    return this.prefix(this.size);
  }

  /** The first position i with r < w1 + … + wi; requires 0 ≤ r < total(). */
  find(r: bigint): number {
    let pos = 0;
    const tree = this.tree;
    for (let step = this.topStep; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= this.size && tree[next]! <= r) {
        r -= tree[next]!;
        pos = next;
      }
    }
    return pos + 1;
  }
}

/** Reference: the first position i (1-based) with r < w1 + … + wi, by linear scan; 0 when none. */
export function linearFind(weights: readonly bigint[], r: bigint): number {
  let acc = 0n;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i]!;
    if (r < acc) return i + 1;
  }
  return 0;
}
