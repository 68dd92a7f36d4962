/**
 * Plain reference forms of the metrics (economy spec §1), written from the definitions with no
 * shared code: each sorts for itself, sums top-k by slicing, multiplies (2i − n − 1) literally,
 * and converts to float by rounding the 64-bit quotient to 53 bits by hand rather than through
 * Number(bigint). Quadratic in places; for tests only.
 */

function bits(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** toFloat by hand: the same q, rounded to 53 significant bits ties-to-even with integer arithmetic. */
export function refToFloat(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const s = Math.max(0, 64 + bits(den) - bits(num));
  const q = (num << BigInt(s)) / den;
  const drop = Math.max(0, bits(q) - 53);
  let m = q >> BigInt(drop);
  if (drop > 0) {
    const rem = q - (m << BigInt(drop));
    const half = 1n << BigInt(drop - 1);
    if (rem > half || (rem === half && (m & 1n) === 1n)) m += 1n;
  }
  // m ≤ 2^53 is exact as a number; so is the power of two in the range the tests use.
  return Number(m) * 2 ** (drop - s);
}

const desc = (xs: readonly bigint[]) => [...xs].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
const asc = (xs: readonly bigint[]) => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const total = (xs: readonly bigint[]) => xs.reduce((a, b) => a + b, 0n);

export function refNakamoto(stakes: readonly bigint[], num: bigint, den: bigint): number {
  const S = total(stakes);
  if (S === 0n) return 0;
  const d = desc(stakes);
  for (let k = 1; k <= d.length; k++) if (den * total(d.slice(0, k)) > num * S) return k;
  throw new Error('unreachable');
}

export function refTopShare(stakes: readonly bigint[], k: number): number {
  const S = total(stakes);
  return S === 0n ? 0 : refToFloat(total(desc(stakes).slice(0, k)), S);
}

export function refGini(stakes: readonly bigint[]): number {
  const n = stakes.length;
  const S = total(stakes);
  if (n <= 1 || S === 0n) return 0;
  const x = asc(stakes);
  let num = 0n;
  for (let i = 1; i <= n; i++) num += BigInt(2 * i - n - 1) * x[i - 1]!;
  return refToFloat(num, BigInt(n) * S);
}

export function refHhi(stakes: readonly bigint[]): number {
  const S = total(stakes);
  return S === 0n ? 0 : refToFloat(total(stakes.map((s) => s * s)), S * S);
}

export function refHhiPoints(stakes: readonly bigint[]): number {
  const S = total(stakes);
  return S === 0n ? 0 : refToFloat(10_000n * total(stakes.map((s) => s * s)), S * S);
}

export function refEntropyBits(stakes: readonly bigint[]): number {
  const S = total(stakes);
  if (S === 0n) return 0;
  let sum = 0;
  for (const s of stakes) {
    if (s === 0n) continue;
    const p = refToFloat(s, S);
    sum += p * Math.log2(p);
  }
  return sum === 0 ? 0 : -sum;
}

export function refEffectiveEntities(stakes: readonly bigint[]): number {
  const S = total(stakes);
  return S === 0n ? 0 : refToFloat(S * S, total(stakes.map((s) => s * s)));
}

export function refLorenz(stakes: readonly bigint[]): Array<[number, number]> {
  const n = stakes.length;
  if (n === 0) return [];
  const S = total(stakes);
  const x = asc(stakes);
  const out: Array<[number, number]> = [];
  for (let i = 0; i <= n; i++) out.push([i === 0 ? 0 : refToFloat(BigInt(i), BigInt(n)), S === 0n ? 0 : refToFloat(total(x.slice(0, i)), S)]);
  return out;
}

export function refCostToAttack(stakes: readonly bigint[], num: bigint, den: bigint, price: string, decimals: number): number {
  const S = total(stakes);
  if (S === 0n) return 0;
  const [whole, frac = ''] = price.split('.');
  const priceNum = BigInt(whole! + frac);
  const top = total(desc(stakes).slice(0, refNakamoto(stakes, num, den)));
  return refToFloat(top * priceNum, 10n ** BigInt(decimals) * 10n ** BigInt(frac.length));
}

/** The least m ≥ 0 with den·m > num·(S + m), by search from below (small totals only). */
export function refMinStakeToAttack(S: bigint, num: bigint, den: bigint): bigint {
  // Exponential then binary search on the predicate, not the closed form.
  const attacks = (m: bigint) => den * m > num * (S + m);
  let hi = 1n;
  while (!attacks(hi)) hi *= 2n;
  let lo = 0n; // attacks(lo) is false for lo = 0 (0 > num·S fails)
  while (hi - lo > 1n) {
    const mid = (lo + hi) / 2n;
    if (attacks(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
