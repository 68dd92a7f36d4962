import { add, fromFixed, int, mul, sqrt, sub, toFixed, ONE, type Fx } from './fixed.js';
import type { Tokenomic } from './params.js';

/** 0.8 and 0.7 as U64F64 bits: the reference's confidence-level score table. */
export const SCORE_L4: Fx = 14757395258967641293n;
export const SCORE_L5: Fx = 12912720851596686131n;

/** §6.10: confidence score at start; levels 1–3 and anything outside 1–5 count as 1. */
export function confidenceScore(level: number): Fx {
  if (level === 4) return SCORE_L4;
  if (level === 5) return SCORE_L5;
  return ONE;
}

/** §6.10: k·√P, truncated (the reference's sqrt keeps 32 fractional bits). */
export function minimumStake(t: Tokenomic, p: number): bigint {
  return fromFixed(mul(t.k, sqrt(int(p))));
}

/** §6.10: Ve = f · (S + rigK·P + rigB), f = (re − 1)·score + 1. */
export function initialV(t: Tokenomic, stake: bigint, p: number, level: number): Fx {
  const f = add(mul(sub(t.re, ONE), confidenceScore(level)), ONE);
  return mul(f, add(toFixed(stake), add(mul(t.rigK, int(p)), t.rigB)));
}
