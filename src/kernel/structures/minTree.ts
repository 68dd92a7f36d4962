/**
 * Segment tree of minima over positions 1..n of bigint values; ties resolve to the lowest
 * position. `argmin()` is the "smallest stake, lowest index" slot of prover-pool §5.0 in O(1);
 * `set` is O(log n). Equivalent to `linearArgmin`.
 */
export class MinTree {
  private readonly leaves: number;
  /** Position (1-based) of the minimum of each node's range; 0 for an empty range. */
  private readonly best: Int32Array;
  private readonly values: bigint[];

  constructor(readonly size: number, initial: bigint = 0n) {
    let leaves = 1;
    while (leaves < size) leaves *= 2;
    this.leaves = leaves;
    this.values = new Array<bigint>(size + 1).fill(initial);
    this.best = new Int32Array(2 * leaves);
    for (let i = 0; i < leaves; i++) this.best[leaves + i] = i < size ? i + 1 : 0;
    for (let node = leaves - 1; node >= 1; node--) this.best[node] = this.pick(this.best[2 * node]!, this.best[2 * node + 1]!);
  }

  get(pos: number): bigint {
    return this.values[pos]!;
  }

  set(pos: number, value: bigint): void {
    this.values[pos] = value;
    for (let node = (this.leaves + pos - 1) >> 1; node >= 1; node >>= 1) {
      this.best[node] = this.pick(this.best[2 * node]!, this.best[2 * node + 1]!);
    }
  }

  /** Position of the smallest value, lowest position on ties (0 when size is 0). */
  argmin(): number {
    return this.best[1] ?? 0;
  }

  private pick(a: number, b: number): number {
    if (a === 0) return b;
    if (b === 0) return a;
    // a covers lower positions than b, so a wins ties.
    return this.values[b]! < this.values[a]! ? b : a;
  }
}

/** Reference: 1-based position of the smallest value, lowest position on ties; 0 when empty. */
export function linearArgmin(values: readonly bigint[]): number {
  let best = 0;
  for (let i = 0; i < values.length; i++) if (best === 0 || values[i]! < values[best - 1]!) best = i + 1;
  return best;
}
