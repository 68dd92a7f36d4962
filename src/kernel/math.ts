import { ArithmeticOverflowError, InvalidArgumentError } from './errors.js';

/**
 * Integer math on bigint. Every rounding is explicit: the caller names who the rounding favours.
 * Only non-negative operands are supported by the rounding helpers, as in the reference contracts.
 */
export type Rounding = 'floor' | 'ceil' | 'halfUp' | 'halfDown' | 'halfEven';

export const BPS = 10_000n;
export const PPM = 1_000_000n;

const maxCache = new Map<number, bigint>();
/** 2^bits − 1. */
export function maxUint(bits: number): bigint {
  let m = maxCache.get(bits);
  if (m === undefined) {
    m = (1n << BigInt(bits)) - 1n;
    maxCache.set(bits, m);
  }
  return m;
}

export const MAX_UINT16 = maxUint(16);
export const MAX_UINT32 = maxUint(32);
export const MAX_UINT64 = maxUint(64);
export const MAX_UINT256 = maxUint(256);

/** True when 0 ≤ x < 2^bits. */
export function isUint(x: bigint, bits: number): boolean {
  return x >= 0n && x <= maxUint(bits);
}

/** x mod 2^bits, non-negative: what an unchecked Solidity operation at that width produces. */
export function wrapUint(x: bigint, bits: number): bigint {
  return BigInt.asUintN(bits, x);
}

/** Returns x if it fits in `bits`, else fails like a checked Solidity operation (panic 0x11). */
export function checkedUint(x: bigint, bits: number, what = 'value'): bigint {
  if (x < 0n || x > maxUint(bits)) {
    throw new ArithmeticOverflowError(`${what} ${x} does not fit in uint${bits}`, { value: x.toString(), bits });
  }
  return x;
}

/** a × b checked at `bits` (both the product and the operands). */
export function checkedMul(a: bigint, b: bigint, bits: number, what = 'product'): bigint {
  return checkedUint(a * b, bits, what);
}

export function checkedAdd(a: bigint, b: bigint, bits: number, what = 'sum'): bigint {
  return checkedUint(a + b, bits, what);
}

export function checkedSub(a: bigint, b: bigint, bits: number, what = 'difference'): bigint {
  return checkedUint(a - b, bits, what);
}

/** Integer division of non-negative operands with an explicit rounding mode. */
export function divRound(n: bigint, d: bigint, rounding: Rounding): bigint {
  if (d === 0n) throw new ArithmeticOverflowError('division by zero', {});
  if (n < 0n || d < 0n) throw new InvalidArgumentError('divRound expects non-negative operands', { n: `${n}`, d: `${d}` });
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  switch (rounding) {
    case 'floor':
      return q;
    case 'ceil':
      return q + 1n;
    case 'halfUp':
      return 2n * r >= d ? q + 1n : q;
    case 'halfDown':
      return 2n * r > d ? q + 1n : q;
    case 'halfEven':
      return 2n * r > d || (2n * r === d && (q & 1n) === 1n) ? q + 1n : q;
  }
}

/** a × b / d in full precision, rounded as asked (no intermediate overflow, like OpenZeppelin's mulDiv). */
export function mulDiv(a: bigint, b: bigint, d: bigint, rounding: Rounding = 'floor'): bigint {
  return divRound(a * b, d, rounding);
}

/** amount × points / 10,000. */
export function applyBps(amount: bigint, points: bigint, rounding: Rounding = 'floor'): bigint {
  return mulDiv(amount, points, BPS, rounding);
}

/** amount × parts / 1,000,000 (Substrate's Permill, Phala commission). */
export function applyPpm(amount: bigint, parts: bigint, rounding: Rounding = 'floor'): bigint {
  return mulDiv(amount, parts, PPM, rounding);
}

export function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

export function maxBig(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

/** floor(√n) for n ≥ 0 (Newton's method on bigint). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new InvalidArgumentError('isqrt of a negative number', { n: `${n}` });
  if (n < 2n) return n;
  // Newton's steps from any start at or above floor(√n) decrease monotonically to it. Below 2^1000
  // the float root, raised by 2^-40 relative (far above its ~2^-52 error) and by 1, is such a start
  // and a few steps from the answer. Beyond the float range start at 2^ceil(bits/2) > √n. (A bare
  // float estimate can land below the root, and walking up from there does not terminate.)
  const f = Number(n);
  let x = f < 2 ** 1000 ? BigInt(Math.ceil(Math.sqrt(f) * (1 + 2 ** -40))) + 1n : 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}
