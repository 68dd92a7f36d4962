/**
 * `toFloat(num, den)` exactly as economy.md §1 defines it: the ratio of two non-negative integers
 * computed in bigint with 64 significant bits and converted once (`Number` of a bigint rounds to
 * nearest, ties to even; the power of two is exact). Plain float division is not equivalent.
 *
 * This duplicates `toFloat` of src/economy/metrics.ts (written on another branch) until the
 * branches merge; then this copy should be replaced by an import of that one.
 */
export function toFloat(num: bigint, den: bigint): number {
  if (num < 0n || den <= 0n) throw new RangeError(`toFloat needs num ≥ 0 and den > 0, got ${num} / ${den}`);
  if (num === 0n) return 0;
  const s = Math.max(0, 64 + bitLength(den) - bitLength(num));
  const q = (num << BigInt(s)) / den;
  return Number(q) * 2 ** -s;
}

/** Number of bits of a non-negative bigint (0 for 0). */
export function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}
