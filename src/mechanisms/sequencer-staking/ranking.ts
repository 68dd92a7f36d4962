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
 * `startReward`'s sort, exactly as the release writes it (an exchange sort that is not stable:
 * totals (0,0,1) for A,B,C give C,B,A). O(n²) comparisons, once per call of `startReward`.
 */
export function startSort(list: readonly Address[], total: Totals): Address[] {
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
