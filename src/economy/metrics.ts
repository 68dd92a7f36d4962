import { InvalidArgumentError } from '../kernel/errors.js';

/**
 * Stake-distribution metrics (economy spec §1): pure functions of a list of non-negative bigint
 * stakes. Every float is a ratio of exact integers converted once by `toFloat`, so results are
 * bit-for-bit reproducible (entropyBits also uses V8's Math.log2). With S = 0 or no entities
 * every metric is 0, except minStakeToAttack, which is 1.
 */

/** At most this many entities per distribution (a bound on time and memory, not a protocol rule). */
export const MAX_ENTITIES = 10_000_000;
/** Stakes are at most 256 bits (the widest integer of the references). */
export const MAX_STAKE_BITS = 256;
const MAX_STAKE = (1n << BigInt(MAX_STAKE_BITS)) - 1n;
/** A price string longer than this is refused (it only bounds the size of the integers). */
export const MAX_PRICE_LENGTH = 100;
const MAX_DECIMALS = 255;

/** One entity of a distribution (the `stakeDistribution` entries). */
export interface StakeEntry {
  readonly id: string;
  readonly stake: bigint;
}

/** A point of the Lorenz curve: [share of entities, share of stake]. */
export type LorenzPoint = [number, number];

/** The `metrics` query result (economy spec §1.2). Amounts are decimal strings. */
export interface DistributionMetrics {
  entities: number;
  total: string;
  nakamoto33: number;
  nakamoto50: number;
  nakamoto67: number;
  top1Share: number;
  top5Share: number;
  gini: number;
  hhi: number;
  hhiPoints: number;
  entropyBits: number;
  effectiveEntities: number;
  minStakeToAttack33: string;
  minStakeToAttack50: string;
  costToAttack33?: number;
  costToAttack50?: number;
  lorenz?: LorenzPoint[];
}

export interface DistributionMetricsOptions {
  /** Decimals of the asset (costToAttack counts whole tokens). */
  decimals: number;
  /** Currency per whole token, a non-negative decimal string; adds costToAttack33/50. */
  price?: string;
  /** Adds the Lorenz curve. */
  lorenz?: boolean;
}

function fail(message: string, details: Record<string, unknown> = {}): never {
  throw new InvalidArgumentError(message, details, 'economy');
}

const f64 = new DataView(new ArrayBuffer(8));

/** Number of bits of x ≥ 0 (0 for 0). */
export function bitLength(x: bigint): number {
  if (x === 0n) return 0;
  // Read off the binary exponent of Number(x); rounding can carry x up to the next power of two,
  // which the exact bigint–number comparison detects. Beyond 2^1023, through hex.
  const f = Number(x);
  if (f !== Infinity) {
    f64.setFloat64(0, f);
    const hi = f64.getUint32(0);
    const exp = (hi >>> 20) - 1023;
    return (hi & 0xfffff) === 0 && f64.getUint32(4) === 0 && x < f ? exp : exp + 1;
  }
  const h = x.toString(16);
  return (h.length - 1) * 4 + (32 - Math.clz32(parseInt(h[0]!, 16)));
}

/**
 * num / den as a float, deterministic (§1): s = max(0, 64 + bitLength(den) − bitLength(num)),
 * q = (num << s) div den, result Number(q) × 2^−s (Number rounds to nearest, ties to even; the
 * power of two is exact). Plain float division is not equivalent when num or den exceed 2^53.
 */
export function toFloat(num: bigint, den: bigint): number {
  if (typeof num !== 'bigint' || typeof den !== 'bigint') fail('toFloat takes two bigints');
  if (num < 0n) fail(`toFloat: the numerator must be ≥ 0, got ${num}`);
  if (den <= 0n) fail(`toFloat: the denominator must be > 0, got ${den}`);
  return ratio(num, den, bitLength(den));
}

/** toFloat without the checks, the denominator's bit length given (it is often shared). */
function ratio(num: bigint, den: bigint, denBits: number): number {
  if (num === 0n) return 0;
  const s = Math.max(0, 64 + denBits - bitLength(num));
  const q = Number((num << BigInt(s)) / den);
  if (q === Infinity) fail(`toFloat: ${num} / ${den} is too large for a float`);
  // 2^−s is exact down to 2^−1074; below it, two exact steps give the same single rounding.
  const r = s <= 1074 ? q * 2 ** -s : q * 2 ** -1074 * 2 ** (1074 - s);
  return r === 0 ? 0 : r;
}

function checkStakes(stakes: readonly bigint[]): void {
  if (!Array.isArray(stakes)) fail('stakes must be an array of bigints');
  if (stakes.length > MAX_ENTITIES) fail(`a distribution has at most ${MAX_ENTITIES.toLocaleString('en')} entities, got ${stakes.length.toLocaleString('en')}`, { entities: stakes.length });
  for (let i = 0; i < stakes.length; i++) {
    const x = stakes[i];
    if (typeof x !== 'bigint') fail(`stake ${i} must be a bigint, got ${typeof x}`, { index: i });
    if (x < 0n) fail(`stake ${i} is negative (${x}); stakes are non-negative`, { index: i });
    if (x > MAX_STAKE) fail(`stake ${i} exceeds ${MAX_STAKE_BITS} bits`, { index: i });
  }
}

function checkTheta(num: bigint, den: bigint): void {
  if (typeof num !== 'bigint' || typeof den !== 'bigint') fail('θ = num/den takes two bigints');
  if (den <= 0n || num < 0n || num >= den) fail(`θ = ${num}/${den} must satisfy 0 ≤ num < den`, { num, den });
}

function checkK(k: number): void {
  if (!Number.isSafeInteger(k) || k < 0) fail(`k must be a non-negative integer, got ${k}`);
}

const ascending = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

function sortedAsc(stakes: readonly bigint[]): bigint[] {
  return stakes.slice().sort(ascending);
}

function sum(xs: readonly bigint[]): bigint {
  let s = 0n;
  for (const x of xs) s += x;
  return s;
}

// ---- metrics over an ascending array (sorted once, shared by distributionMetrics) ----

function nakamotoAsc(asc: readonly bigint[], total: bigint, num: bigint, den: bigint): number {
  if (total === 0n) return 0;
  const bar = num * total;
  let acc = 0n;
  for (let i = asc.length - 1, k = 1; i >= 0; i--, k++) {
    acc += asc[i]!;
    if (den * acc > bar) return k;
  }
  return asc.length; // unreachable with num < den and total > 0
}

function topSumAsc(asc: readonly bigint[], k: number): bigint {
  let acc = 0n;
  for (let i = asc.length - 1; i >= 0 && i >= asc.length - k; i--) acc += asc[i]!;
  return acc;
}

function giniAsc(asc: readonly bigint[], total: bigint): number {
  const n = asc.length;
  if (n <= 1 || total === 0n) return 0;
  // Σ (2i − n − 1)·x₍ᵢ₎ = 2·Σ i·x₍ᵢ₎ − (n + 1)·S, and Σ i·x₍ᵢ₎ = Σ over k of the suffix sums
  // from k: additions only.
  let suffix = total;
  let weighted = 0n;
  for (let i = 0; i < n; i++) {
    weighted += suffix;
    suffix -= asc[i]!;
  }
  const bn = BigInt(n);
  return toFloat(2n * weighted - (bn + 1n) * total, bn * total);
}

function sumSquares(xs: readonly bigint[]): bigint {
  let s = 0n;
  for (const x of xs) s += x * x;
  return s;
}

function entropyOf(stakes: readonly bigint[], total: bigint): number {
  if (total === 0n) return 0;
  const bits = bitLength(total);
  let h = 0;
  for (const x of stakes) {
    if (x === 0n) continue;
    const p = ratio(x, total, bits);
    h -= p * Math.log2(p);
  }
  return h === 0 ? 0 : h;
}

function lorenzAsc(asc: readonly bigint[], total: bigint): LorenzPoint[] {
  const n = asc.length;
  if (n === 0) return [];
  const bn = BigInt(n);
  const nBits = bitLength(bn);
  const totalBits = bitLength(total);
  const out: LorenzPoint[] = new Array(n + 1);
  out[0] = [0, 0];
  let acc = 0n;
  for (let i = 1; i <= n; i++) {
    acc += asc[i - 1]!;
    out[i] = [ratio(BigInt(i), bn, nBits), total === 0n ? 0 : ratio(acc, total, totalBits)];
  }
  return out;
}

function costAsc(asc: readonly bigint[], total: bigint, num: bigint, den: bigint, price: Price, decimals: number): number {
  if (total === 0n) return 0;
  const top = topSumAsc(asc, nakamotoAsc(asc, total, num, den));
  return toFloat(top * price.num, 10n ** BigInt(decimals) * 10n ** BigInt(price.digits));
}

// ---- prices ----

/** A price read from its decimal string: the integer of its digits and how many follow the point (not reduced). */
export interface Price {
  readonly num: bigint;
  readonly digits: number;
}

const PRICE_RE = /^(?:0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

/** Why `price` is not a valid price string, or undefined when it is. */
export function priceProblem(price: unknown): string | undefined {
  if (typeof price !== 'string') return `price must be a decimal string such as "1" or "2.50", got ${typeof price}`;
  if (price.length > MAX_PRICE_LENGTH) return `price has ${price.length} characters; at most ${MAX_PRICE_LENGTH}`;
  if (!PRICE_RE.test(price)) return `price must be a non-negative decimal such as "1", "0.5" or "2.50" (digits, at most one point, no sign, exponent or leading zeros), got ${JSON.stringify(price)}`;
  return undefined;
}

/** Parses a price string ("2.50" → 250 with 2 digits); INVALID_ARGUMENT when malformed. */
export function parsePrice(price: string): Price {
  const problem = priceProblem(price);
  if (problem !== undefined) fail(problem, { price });
  const dot = price.indexOf('.');
  return dot < 0 ? { num: BigInt(price), digits: 0 } : { num: BigInt(price.slice(0, dot) + price.slice(dot + 1)), digits: price.length - dot - 1 };
}

function checkDecimals(decimals: number): void {
  if (!Number.isSafeInteger(decimals) || decimals < 0 || decimals > MAX_DECIMALS) fail(`decimals must be an integer in 0 … ${MAX_DECIMALS}, got ${decimals}`);
}

// ---- the public functions (each checks its input and sorts as it needs) ----

/** The least k such that the k largest stakes sum to strictly more than θ·S, θ = num/den (exact); 0 when S = 0. */
export function nakamoto(stakes: readonly bigint[], num: bigint, den: bigint): number {
  checkStakes(stakes);
  checkTheta(num, den);
  return nakamotoAsc(sortedAsc(stakes), sum(stakes), num, den);
}

/** Σ of the k largest stakes / S. */
export function topShare(stakes: readonly bigint[], k: number): number {
  checkStakes(stakes);
  checkK(k);
  const total = sum(stakes);
  return total === 0n ? 0 : toFloat(topSumAsc(sortedAsc(stakes), k), total);
}

/** Σᵢ (2i − n − 1)·x₍ᵢ₎ / (n·S), x ascending, over all n entities (zeros included); in [0, 1). */
export function gini(stakes: readonly bigint[]): number {
  checkStakes(stakes);
  return giniAsc(sortedAsc(stakes), sum(stakes));
}

/** Σ (sᵢ/S)², in [1/n, 1]. */
export function hhi(stakes: readonly bigint[]): number {
  checkStakes(stakes);
  const total = sum(stakes);
  return total === 0n ? 0 : toFloat(sumSquares(stakes), total * total);
}

/** 10,000 · hhi, converted from the exact ratio. */
export function hhiPoints(stakes: readonly bigint[]): number {
  checkStakes(stakes);
  const total = sum(stakes);
  return total === 0n ? 0 : toFloat(10_000n * sumSquares(stakes), total * total);
}

/** −Σ pᵢ·log₂ pᵢ over pᵢ = toFloat(sᵢ, S) > 0, summed in the order given. */
export function entropyBits(stakes: readonly bigint[]): number {
  checkStakes(stakes);
  return entropyOf(stakes, sum(stakes));
}

/** S² / Σ sᵢ² (= 1 / hhi, from the exact ratio). */
export function effectiveEntities(stakes: readonly bigint[]): number {
  checkStakes(stakes);
  const total = sum(stakes);
  return total === 0n ? 0 : toFloat(total * total, sumSquares(stakes));
}

/** The n + 1 points (i/n, Σ_{j≤i} x₍ⱼ₎ / S), x ascending; [] when there are no entities. */
export function lorenz(stakes: readonly bigint[]): LorenzPoint[] {
  checkStakes(stakes);
  return lorenzAsc(sortedAsc(stakes), sum(stakes));
}

/**
 * (Σ of the nakamoto(θ) largest stakes) / 10^decimals × price: toFloat(Σ × priceNum,
 * 10^decimals × 10^d), the price string's d digits after the point read as the integer priceNum.
 */
export function costToAttack(stakes: readonly bigint[], num: bigint, den: bigint, price: string, decimals: number): number {
  checkStakes(stakes);
  checkTheta(num, den);
  checkDecimals(decimals);
  const p = parsePrice(price);
  return costAsc(sortedAsc(stakes), sum(stakes), num, den, p, decimals);
}

/** The least stake an outsider must add to hold strictly more than θ of the new total: num·S div (den − num) + 1. */
export function minStakeToAttack(total: bigint, num: bigint, den: bigint): bigint {
  if (typeof total !== 'bigint' || total < 0n) fail(`total must be a non-negative bigint, got ${String(total)}`);
  checkTheta(num, den);
  return (num * total) / (den - num) + 1n;
}

/**
 * Every metric of §1.2 for a distribution, stakes sorted once. The entries are taken as given
 * (the `metrics` query passes only stakes > 0, in §1.1 order, which is the order entropyBits sums in).
 */
export function distributionMetrics(entries: readonly StakeEntry[], options: DistributionMetricsOptions): DistributionMetrics {
  if (!Array.isArray(entries)) fail('entries must be an array of { id, stake }');
  if (typeof options !== 'object' || options === null) fail('distributionMetrics takes options { decimals, price?, lorenz? }');
  const stakes = entries.map((e) => e?.stake);
  checkStakes(stakes as bigint[]);
  checkDecimals(options.decimals);
  const price = options.price === undefined ? undefined : parsePrice(options.price);
  const asc = sortedAsc(stakes as bigint[]);
  const total = sum(asc);
  const sq = sumSquares(asc);
  const ratio = (num: bigint, den: bigint) => (den === 0n ? 0 : toFloat(num, den));
  const out: DistributionMetrics = {
    entities: asc.length,
    total: total.toString(),
    nakamoto33: nakamotoAsc(asc, total, 1n, 3n),
    nakamoto50: nakamotoAsc(asc, total, 1n, 2n),
    nakamoto67: nakamotoAsc(asc, total, 2n, 3n),
    top1Share: ratio(topSumAsc(asc, 1), total),
    top5Share: ratio(topSumAsc(asc, 5), total),
    gini: giniAsc(asc, total),
    hhi: ratio(sq, total * total),
    hhiPoints: ratio(10_000n * sq, total * total),
    entropyBits: entropyOf(stakes as bigint[], total),
    effectiveEntities: total === 0n ? 0 : toFloat(total * total, sq),
    minStakeToAttack33: minStakeToAttack(total, 1n, 3n).toString(),
    minStakeToAttack50: minStakeToAttack(total, 1n, 2n).toString(),
  };
  if (price !== undefined) {
    out.costToAttack33 = costAsc(asc, total, 1n, 3n, price, options.decimals);
    out.costToAttack50 = costAsc(asc, total, 1n, 2n, price, options.decimals);
  }
  if (options.lorenz) out.lorenz = lorenzAsc(asc, total);
  return out;
}
