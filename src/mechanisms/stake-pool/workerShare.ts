import { add, int, mul, sqrt, type Fx, ONE } from './fixed.js';
import { SCORE_L4, SCORE_L5 } from './economics.js';

/**
 * §9 step 2: the gatekeeper's confidence factor. It differs from the start-time score of §6.10
 * outside levels 1–5: only 1, 2, 3 and 128 count fully, and an unknown level earns no
 * computing-power share at all (its share is V alone).
 */
export function gatekeeperConfidence(level: number): Fx {
  if (level === 1 || level === 2 || level === 3 || level === 128) return ONE;
  if (level === 4) return SCORE_L4;
  if (level === 5) return SCORE_L5;
  return 0n;
}

/**
 * §9 step 2: `sqrt(V² + (2·P·conf)²)`, each product truncated, the root keeping 32 fractional
 * bits as the reference's fixed-point sqrt does.
 */
export function workerShare(v: Fx, p: number, conf: Fx): Fx {
  const x = mul(mul(int(2), int(p)), conf);
  return sqrt(add(mul(v, v), mul(x, x)));
}
