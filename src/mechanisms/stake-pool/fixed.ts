import { isqrt } from '../../kernel/index.js';

/**
 * U64F64 fixed point emulated on bigint (§3.2), with the reference's truncating conversions.
 * A value is its `bits`; every result wraps modulo 2^128 like the reference's release build.
 * Also the Permill commission (§3.3) and the 1000-pico dust rules (§3.4).
 */
export type Fx = bigint;

const FRAC = 64n;
const MASK128 = (1n << 128n) - 1n;
const MASK64 = (1n << 64n) - 1n;
/** 1 PHA in pico. */
export const PICO_PER_PHA = 10n ** 12n;
export const ONE: Fx = 1n << FRAC;
export const PERMILL = 1_000_000n;
export const DUST = 1000n;

/** x mod 2^128. Comparing first: a bigint `&` allocates even when x is already in range. */
const wrap = (x: bigint): bigint => (x >= 0n && x <= MASK128 ? x : x & MASK128);
export const wrapFx = wrap;
/** Below this the float root, checked exactly, gives isqrt (see `sqrt`). */
const FLOAT_ROOT_BOUND = 1n << 100n;

export function int(n: bigint | number): Fx {
  return wrap(BigInt(n) << FRAC);
}
export function add(a: Fx, b: Fx): Fx {
  return wrap(a + b);
}
/** Only used where b ≤ a; wraps otherwise, as the reference would. */
export function sub(a: Fx, b: Fx): Fx {
  return wrap(a - b);
}
/** floor(a·b / 2^64): truncation favours the protocol (never over-credits). */
export function mul(a: Fx, b: Fx): Fx {
  return wrap((a * b) >> FRAC);
}
/** floor(a·2^64 / b). */
export function div(a: Fx, b: Fx): Fx {
  if (b === 0n) throw new RangeError('U64F64 division by zero');
  return wrap((a << FRAC) / b);
}
/** isqrt(a)·2^32: only 32 fractional bits are significant, as in the reference. */
export function sqrt(a: Fx): Fx {
  return isqrtU(a) << 32n;
}

/**
 * floor(√n) for n ≥ 0. Below 2^100 the float root s = √Number(n) is within s·2^-52 of √n (two
 * roundings to nearest of 2^-53 each, the first halved by the root): when s is farther than
 * e = s·2^-50 from every integer, floor(s) is the answer. Otherwise floor(s) is a candidate
 * r < 2^51 kept only with the exact certificate r² ≤ n ≤ r² + 2r, and failing that, the kernel's
 * Newton iteration.
 */
export function isqrtU(n: bigint): bigint {
  if (n >= 0n && n < FLOAT_ROOT_BOUND) {
    const s = Math.sqrt(Number(n));
    const f = Math.floor(s);
    // s − f and s·2^-50 are exact; 1 − 2e is off by at most 2^-54 < e (n ≥ 1), so frac < 1 − e.
    const frac = s - f;
    const e = s * 2 ** -50;
    if (frac > e && frac < 1 - 2 * e) return BigInt(f);
    const r = BigInt(f);
    const d = n - r * r;
    // Number(d) ≤ 2f ⇔ d ≤ 2f here: 2f + 1 < 2^53 is exact and rounding is monotone.
    if (d >= 0n && Number(d) <= 2 * f) return r;
  }
  return isqrt(n);
}
export function min(a: Fx, b: Fx): Fx {
  return a < b ? a : b;
}

/** Balance → fixed, truncating; the reference converts `b mod 2^64` (≈ 18.4 M PHA and up). */
export function toFixed(b: bigint): Fx {
  return ((b >= 0n && b <= MASK64 ? b : b & MASK64) << FRAC) / PICO_PER_PHA;
}
/** Whether `toFixed(b)` wraps: the reference's conversion takes `b mod 2^64` from 2^64 pico (≈ 18.4 M PHA) up. */
export function toFixedWraps(b: bigint): boolean {
  return b > MASK64;
}
/** Fixed → balance, truncating (the holder of the value loses the fraction of a pico). */
export function fromFixed(f: Fx): bigint {
  const p = f * PICO_PER_PHA;
  return (p > MASK128 ? MASK128 : p) >> FRAC;
}
export function bmul(b: bigint, f: Fx): bigint {
  return fromFixed(mul(toFixed(b), f));
}
export function bdiv(b: bigint, f: Fx): bigint {
  return fromFixed(div(toFixed(b), f));
}

/** Permill × n: nearest, ties down (§3.3); the owner's part. The delegators take the remainder. */
export function permillOf(parts: bigint | number, n: bigint): bigint {
  const prod = n * BigInt(parts);
  const q = prod / PERMILL;
  const r = prod % PERMILL;
  return 2n * r > PERMILL ? q + 1n : q;
}

export function isDust(n: bigint): boolean {
  return n <= DUST;
}
export function strip(n: bigint): bigint {
  return isDust(n) ? 0n : n;
}

/**
 * Parses the `"fx:<decimal>"` literal (floor(decimal × 2^64)) or plain bits. Returns undefined
 * when the text is neither; the caller reports the error.
 */
export function parseFx(v: string | number | bigint): Fx | undefined {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? BigInt(v) : undefined;
  // Strict forms only (no spaces, no leading zeros), like every integer the engine reads.
  const s = v;
  if (/^(?:0|[1-9][0-9]*)$/.test(s)) return BigInt(s);
  const m = /^fx:(0|[1-9][0-9]*)(?:\.([0-9]+))?$/.exec(s);
  if (!m) return undefined;
  const frac = m[2] ?? '';
  const scale = 10n ** BigInt(frac.length);
  return ((BigInt(m[1]!) * scale + BigInt(frac || '0')) << FRAC) / scale;
}

export const MAX_FX = MASK128;
