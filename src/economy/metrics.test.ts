import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  bitLength,
  costToAttack,
  distributionMetrics,
  effectiveEntities,
  entropyBits,
  gini,
  hhi,
  hhiPoints,
  lorenz,
  MAX_ENTITIES,
  minStakeToAttack,
  nakamoto,
  parsePrice,
  toFloat,
  topShare,
} from './metrics.js';
import {
  refCostToAttack,
  refEffectiveEntities,
  refEntropyBits,
  refGini,
  refHhi,
  refHhiPoints,
  refLorenz,
  refMinStakeToAttack,
  refNakamoto,
  refToFloat,
  refTopShare,
} from './metrics.reference.js';

const b = (xs: number[]) => xs.map(BigInt);
const invalid = (fn: () => unknown, re: RegExp) => assert.throws(fn, (e: any) => e.code === 'INVALID_ARGUMENT' && re.test(e.message));

/** The exact value of a finite double as m · 2^e (m a bigint). */
function exactOf(x: number): { m: bigint; e: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const exp = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  return exp === 0 ? { m: frac, e: -1074 } : { m: frac | (1n << 52n), e: exp - 1075 };
}

/** |x − num/den| ≤ 2^−52 · num/den, checked in exact integers. */
function withinOneUlp(x: number, num: bigint, den: bigint): boolean {
  const { m, e } = exactOf(x);
  // Scale by 2^k so that everything is an integer: x = m·2^e.
  const k = Math.max(0, -e);
  const xScaled = m * 2n ** BigInt(e + k); // x · 2^k
  const err = xScaled * den - num * 2n ** BigInt(k); // (x − num/den) · den · 2^k
  const abs = err < 0n ? -err : err;
  return abs * 2n ** 52n <= num * 2n ** BigInt(k);
}

describe('economy §3.5 published metric vectors (exact)', () => {
  it('minStakeToAttack(1/3) with S = 3,000 is 1,501', () => assert.equal(minStakeToAttack(3000n, 1n, 3n), 1501n));
  it('nakamoto50 of [50, 30, 20] is 2 (50 is not strictly more than half of 100)', () => assert.equal(nakamoto(b([50, 30, 20]), 1n, 2n), 2));
  it('gini of [0, 0, 0, 100] is 0.75', () => assert.equal(gini(b([0, 0, 0, 100])), 0.75));
  it('hhi of [25, 25, 25, 25] is 0.25', () => assert.equal(hhi(b([25, 25, 25, 25])), 0.25));
  it('nakamoto of [10, 10, 10]: 33 → 2, 50 → 2, 67 → 3 (20 is exactly two thirds)', () => {
    const s = b([10, 10, 10]);
    assert.equal(nakamoto(s, 1n, 3n), 2);
    assert.equal(nakamoto(s, 1n, 2n), 2);
    assert.equal(nakamoto(s, 2n, 3n), 3);
  });
  it('minStakeToAttack33 with S = 30 is 16, minStakeToAttack50 is 31, minStakeToAttack33 with S = 999 is 500', () => {
    assert.equal(minStakeToAttack(30n, 1n, 3n), 16n);
    assert.equal(minStakeToAttack(30n, 1n, 2n), 31n);
    assert.equal(minStakeToAttack(999n, 1n, 3n), 500n);
  });
  it('[0, 0, 0, 0, 1, 1, 1, 1]: gini 0.5, hhi 0.25, hhiPoints 2,500, entropyBits 2, effectiveEntities 4, top1Share 0.25', () => {
    const s = b([0, 0, 0, 0, 1, 1, 1, 1]);
    assert.equal(gini(s), 0.5);
    assert.equal(hhi(s), 0.25);
    assert.equal(hhiPoints(s), 2500);
    assert.equal(entropyBits(s), 2);
    assert.equal(effectiveEntities(s), 4);
    assert.equal(topShare(s, 1), 0.25);
  });
  it('the same numbers through distributionMetrics', () => {
    const m = distributionMetrics(
      b([1, 1, 1, 1, 0, 0, 0, 0]).map((stake, i) => ({ id: `${i}`, stake })),
      { decimals: 0 },
    );
    assert.deepEqual(m, {
      entities: 8,
      total: '4',
      nakamoto33: 2,
      nakamoto50: 3,
      nakamoto67: 3,
      top1Share: 0.25,
      top5Share: 1,
      gini: 0.5,
      hhi: 0.25,
      hhiPoints: 2500,
      entropyBits: 2,
      effectiveEntities: 4,
      minStakeToAttack33: '3',
      minStakeToAttack50: '5',
    });
    const t = distributionMetrics(b([10, 10, 10]).map((stake, i) => ({ id: `${i}`, stake })), { decimals: 0 });
    assert.equal(t.nakamoto33, 2);
    assert.equal(t.nakamoto50, 2);
    assert.equal(t.nakamoto67, 3);
    assert.equal(t.minStakeToAttack33, '16');
    assert.equal(t.minStakeToAttack50, '31');
  });
  it('the §3.5 sqrt yield ≈ 2.868 % through toFloat(perYear, stake)', () => {
    const D = 33_554_432n * 10n ** 9n;
    const perYear = (11_710_496_768n * 31_557_600n) / 384n;
    assert.equal(perYear, 962_383_262_515_200n); // ≈ 962,383 ETH
    const y = toFloat(perYear, D);
    assert.equal(y, 0.02868125625);
    assert.equal(y, refToFloat(perYear, D));
  });
});

describe('toFloat', () => {
  it('is exact on simple ratios and equals the correctly rounded 1/3', () => {
    assert.equal(toFloat(1n, 3n), 1 / 3);
    assert.equal(toFloat(2n, 3n), 2 / 3);
    assert.equal(toFloat(3n, 4n), 0.75);
    assert.equal(toFloat(0n, 7n), 0);
    assert.equal(toFloat(10n ** 30n, 1n), 1e30);
    assert.equal(toFloat(1n, 10n), 0.1);
  });
  it('differs from plain float division where the operands exceed 2^53', () => {
    const num = 2n ** 53n + 1n;
    const den = 2n ** 53n + 3n;
    const x = toFloat(num, den);
    assert.equal(x, refToFloat(num, den));
    assert.notEqual(x, Number(num) / Number(den));
    assert.ok(withinOneUlp(x, num, den));
  });
  it('takes s = max(0, 64 + bitLength(den) − bitLength(num)) and never returns −0', () => {
    assert.equal(bitLength(0n), 0);
    assert.equal(bitLength(1n), 1);
    assert.equal(bitLength(255n), 8);
    assert.equal(bitLength(256n), 9);
    assert.equal(bitLength(2n ** 200n - 1n), 200);
    assert.ok(Object.is(toFloat(0n, 5n), 0));
    // Tiny ratios below the normal range keep one rounding.
    assert.equal(toFloat(1n, 2n ** 1074n), 2 ** -1074);
    assert.equal(toFloat(1n, 2n ** 1100n), 0);
    assert.equal(toFloat(3n, 2n ** 1030n), 3 * 2 ** -1030);
  });
  it('bitLength is exact around powers of two and beyond the float range (fast-check)', () => {
    const near = fc.tuple(fc.integer({ min: 0, max: 1100 }), fc.integer({ min: -3, max: 3 })).map(([k, d]) => {
      const x = 2n ** BigInt(k) + BigInt(d);
      return x < 0n ? 0n : x;
    });
    fc.assert(
      fc.property(fc.oneof(near, fc.bigInt({ min: 0n, max: 2n ** 1100n })), (x) => assert.equal(bitLength(x), x === 0n ? 0 : x.toString(2).length)),
      { numRuns: 3000 },
    );
    // 2^53 + 1 rounds down to 2^53, 2^54 − 1 rounds up to 2^54, 2^1024 − 1 rounds to Infinity.
    assert.equal(bitLength(2n ** 53n + 1n), 54);
    assert.equal(bitLength(2n ** 54n - 1n), 54);
    assert.equal(bitLength(2n ** 1024n - 1n), 1024);
  });
  it('refuses a negative numerator, a zero denominator and non-bigints', () => {
    invalid(() => toFloat(-1n, 2n), /numerator/);
    invalid(() => toFloat(1n, 0n), /denominator/);
    invalid(() => toFloat(1 as any, 2n), /bigints/);
    invalid(() => toFloat(2n ** 1100n, 1n), /too large/);
  });
  it('agrees with the hand-rounded reference and is within one ulp of the exact ratio (fast-check)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 300n }), fc.bigInt({ min: 1n, max: 2n ** 300n }), (num, den) => {
        const x = toFloat(num, den);
        assert.equal(x, refToFloat(num, den));
        if (num > 0n) assert.ok(withinOneUlp(x, num, den), `${num}/${den} → ${x}`);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('metrics: edge cases and input checks', () => {
  it('S = 0 or no entities: every metric 0, minStakeToAttack 1, lorenz [] when empty', () => {
    for (const s of [[], [0n], [0n, 0n, 0n]]) {
      assert.equal(nakamoto(s, 1n, 3n), 0);
      assert.equal(topShare(s, 1), 0);
      assert.equal(gini(s), 0);
      assert.equal(hhi(s), 0);
      assert.equal(hhiPoints(s), 0);
      assert.equal(entropyBits(s), 0);
      assert.equal(effectiveEntities(s), 0);
      assert.equal(costToAttack(s, 1n, 2n, '3.5', 0), 0);
      assert.equal(minStakeToAttack(0n, 1n, 3n), 1n);
    }
    assert.deepEqual(lorenz([]), []);
    assert.deepEqual(lorenz([0n, 0n]), [[0, 0], [0.5, 0], [1, 0]]);
    const m = distributionMetrics([], { decimals: 18, price: '2', lorenz: true });
    assert.deepEqual(m, {
      entities: 0, total: '0', nakamoto33: 0, nakamoto50: 0, nakamoto67: 0, top1Share: 0, top5Share: 0, gini: 0, hhi: 0, hhiPoints: 0,
      entropyBits: 0, effectiveEntities: 0, minStakeToAttack33: '1', minStakeToAttack50: '1', costToAttack33: 0, costToAttack50: 0, lorenz: [],
    });
  });
  it('one entity: gini 0, hhi 1, entropy 0 (not −0), nakamoto 1', () => {
    assert.equal(gini([7n]), 0);
    assert.equal(hhi([7n]), 1);
    assert.ok(Object.is(entropyBits([7n]), 0));
    assert.equal(nakamoto([7n], 2n, 3n), 1);
    assert.equal(effectiveEntities([7n]), 1);
  });
  it('lorenz has n + 1 points from (0, 0) to (1, 1), ascending', () => {
    assert.deepEqual(lorenz(b([3, 1, 0, 4])), [[0, 0], [0.25, 0], [0.5, 0.125], [0.75, 0.5], [1, 1]]);
  });
  it('costToAttack: the nakamoto(θ) largest stakes in whole tokens times the price, digits not reduced', () => {
    // [50, 30, 20] TKO with 8 decimals: nakamoto33 = 1 (50 > 33.3), nakamoto50 = 2.
    const s = b([50, 30, 20]).map((x) => x * 10n ** 8n);
    assert.equal(costToAttack(s, 1n, 3n, '2', 8), 100);
    assert.equal(costToAttack(s, 1n, 2n, '2.50', 8), 200);
    assert.equal(costToAttack(s, 1n, 2n, '0.1', 8), toFloat(80n * 10n ** 8n * 1n, 10n ** 8n * 10n));
    assert.deepEqual(parsePrice('2.50'), { num: 250n, digits: 2 });
    assert.deepEqual(parsePrice('0'), { num: 0n, digits: 0 });
    assert.deepEqual(parsePrice('0.000'), { num: 0n, digits: 3 });
  });
  it('refuses malformed prices with a clear INVALID_ARGUMENT', () => {
    for (const p of ['', '-1', '+1', '1e3', '.5', '5.', '01', '1.2.3', ' 1', '1,5', 'abc', 'Infinity', 'NaN', '0x10']) {
      invalid(() => costToAttack([1n], 1n, 2n, p, 0), /price must be a non-negative decimal/);
      invalid(() => distributionMetrics([{ id: 'a', stake: 1n }], { decimals: 0, price: p }), /price/);
    }
    invalid(() => costToAttack([1n], 1n, 2n, 3 as any, 0), /price must be a decimal string/);
    invalid(() => parsePrice('1'.repeat(101)), /at most 100/);
  });
  it('refuses negative stakes, non-bigints, bad θ, bad k, bad decimals and more than 10 million entities', () => {
    invalid(() => gini([1n, -1n]), /stake 1 is negative/);
    invalid(() => hhi([1n, 2 as any]), /stake 1 must be a bigint/);
    invalid(() => hhi([2n ** 256n]), /exceeds 256 bits/);
    invalid(() => nakamoto([1n], 1n, 1n), /0 ≤ num < den/);
    invalid(() => nakamoto([1n], -1n, 2n), /0 ≤ num < den/);
    invalid(() => minStakeToAttack(10n, 3n, 2n), /0 ≤ num < den/);
    invalid(() => minStakeToAttack(-1n, 1n, 2n), /non-negative/);
    invalid(() => topShare([1n], -1), /k must be/);
    invalid(() => topShare([1n], 1.5), /k must be/);
    invalid(() => costToAttack([1n], 1n, 2n, '1', -1), /decimals/);
    invalid(() => distributionMetrics([{ id: 'a', stake: -5n }], { decimals: 0 }), /negative/);
    const many = new Array<bigint>(MAX_ENTITIES + 1).fill(1n);
    invalid(() => gini(many), /at most 10,000,000 entities/);
  });
});

// Stakes with many ties and zeros (small values) and wide ones.
const stakeArb = fc.oneof(fc.bigInt({ min: 0n, max: 5n }), fc.bigInt({ min: 0n, max: 2n ** 90n }));
const stakesArb = fc.array(stakeArb, { maxLength: 40 });
const thetaArb = fc.bigInt({ min: 1n, max: 1000n }).chain((den) => fc.tuple(fc.bigInt({ min: 0n, max: den - 1n }), fc.constant(den)));
const priceArb = fc.tuple(fc.nat(100_000), fc.nat(4)).map(([v, d]) => (d === 0 ? `${v}` : `${Math.floor(v / 10 ** d)}.${String(v % 10 ** d).padStart(d, '0')}`));

function allMetrics(s: bigint[]) {
  return {
    n33: nakamoto(s, 1n, 3n),
    n67: nakamoto(s, 2n, 3n),
    top1: topShare(s, 1),
    top3: topShare(s, 3),
    gini: gini(s),
    hhi: hhi(s),
    hhiPoints: hhiPoints(s),
    eff: effectiveEntities(s),
    lorenz: lorenz(s),
    cost: costToAttack(s, 1n, 2n, '1.25', 3),
  };
}

describe('metrics: properties (fast-check)', () => {
  it('agree exactly with the plain reference forms', () => {
    fc.assert(
      fc.property(stakesArb, thetaArb, fc.nat(45), priceArb, fc.nat(20), (s, [num, den], k, price, decimals) => {
        assert.equal(nakamoto(s, num, den), refNakamoto(s, num, den));
        assert.equal(topShare(s, k), refTopShare(s, k));
        assert.equal(gini(s), refGini(s));
        assert.equal(hhi(s), refHhi(s));
        assert.equal(hhiPoints(s), refHhiPoints(s));
        assert.equal(entropyBits(s), refEntropyBits(s));
        assert.equal(effectiveEntities(s), refEffectiveEntities(s));
        assert.deepEqual(lorenz(s), refLorenz(s));
        assert.equal(costToAttack(s, num, den, price, decimals), refCostToAttack(s, num, den, price, decimals));
        const S = s.reduce((a, x) => a + x, 0n);
        assert.equal(minStakeToAttack(S, num, den), refMinStakeToAttack(S, num, den));
      }),
      { numRuns: 500 },
    );
  });
  it('distributionMetrics equals the single functions', () => {
    fc.assert(
      fc.property(stakesArb, priceArb, (s, price) => {
        const entries = s.map((stake, i) => ({ id: `e${i}`, stake }));
        const m = distributionMetrics(entries, { decimals: 2, price, lorenz: true });
        const S = s.reduce((a, x) => a + x, 0n);
        assert.deepEqual(m, {
          entities: s.length,
          total: `${S}`,
          nakamoto33: refNakamoto(s, 1n, 3n),
          nakamoto50: refNakamoto(s, 1n, 2n),
          nakamoto67: refNakamoto(s, 2n, 3n),
          top1Share: refTopShare(s, 1),
          top5Share: refTopShare(s, 5),
          gini: refGini(s),
          hhi: refHhi(s),
          hhiPoints: refHhiPoints(s),
          entropyBits: refEntropyBits(s),
          effectiveEntities: refEffectiveEntities(s),
          minStakeToAttack33: `${refMinStakeToAttack(S, 1n, 3n)}`,
          minStakeToAttack50: `${refMinStakeToAttack(S, 1n, 2n)}`,
          costToAttack33: refCostToAttack(s, 1n, 3n, price, 2),
          costToAttack50: refCostToAttack(s, 1n, 2n, price, 2),
          lorenz: refLorenz(s),
        });
      }),
      { numRuns: 300 },
    );
  });
  it('are invariant under permutation (entropyBits, summed in the given order, up to rounding)', () => {
    fc.assert(
      fc.property(stakesArb.chain((s) => fc.tuple(fc.constant(s), fc.shuffledSubarray(s, { minLength: s.length, maxLength: s.length }))), ([s, p]) => {
        assert.deepEqual(allMetrics(p), allMetrics(s));
        assert.ok(Math.abs(entropyBits(p) - entropyBits(s)) <= 1e-12);
      }),
      { numRuns: 300 },
    );
  });
  it('bounds: gini in [0, 1), hhi in [1/n, 1], effectiveEntities in [1, n], entropy in [0, log2 n], shares in [0, 1]', () => {
    fc.assert(
      fc.property(stakesArb.filter((s) => s.some((x) => x > 0n)), (s) => {
        const n = s.length;
        const g = gini(s);
        assert.ok(g >= 0 && g < 1, `gini ${g}`);
        const h = hhi(s);
        assert.ok(h >= (1 / n) * (1 - 2 ** -50) && h <= 1, `hhi ${h}`);
        const e = effectiveEntities(s);
        assert.ok(e >= 1 && e <= n * (1 + 2 ** -50), `effectiveEntities ${e}`);
        const bitsH = entropyBits(s);
        assert.ok(bitsH >= 0 && bitsH <= Math.log2(n) + 1e-9, `entropy ${bitsH}`);
        for (let k = 0; k <= n; k++) assert.ok(topShare(s, k) >= 0 && topShare(s, k) <= 1);
        assert.equal(topShare(s, n), 1);
        assert.equal(topShare(s, 0), 0);
      }),
      { numRuns: 300 },
    );
  });
  it('top shares are monotone in k; nakamoto is monotone in θ and lies in 1 … n', () => {
    fc.assert(
      fc.property(stakesArb.filter((s) => s.some((x) => x > 0n)), thetaArb, thetaArb, (s, [a, b1], [c, d]) => {
        for (let k = 0; k < s.length; k++) assert.ok(topShare(s, k) <= topShare(s, k + 1));
        const [lo, hi] = a * d <= c * b1 ? [[a, b1], [c, d]] : [[c, d], [a, b1]];
        const kLo = nakamoto(s, lo![0]!, lo![1]!);
        const kHi = nakamoto(s, hi![0]!, hi![1]!);
        assert.ok(kLo <= kHi, `θ ${lo} → ${kLo}, θ ${hi} → ${kHi}`);
        assert.ok(kLo >= 1 && kHi <= s.length);
      }),
      { numRuns: 500 },
    );
  });
  it('gini is 0 for equal stakes; hhi is exactly 1/n and effectiveEntities n for equal non-zero stakes', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 100n }), fc.integer({ min: 1, max: 200 }), (x, n) => {
        const s = new Array<bigint>(n).fill(x);
        assert.equal(gini(s), 0);
        if (x > 0n) {
          assert.equal(hhi(s), toFloat(1n, BigInt(n)));
          assert.equal(effectiveEntities(s), n);
        }
      }),
    );
  });
  it('minStakeToAttack is the least: adding it passes θ strictly, one less does not', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 200n }), thetaArb, (S, [num, den]) => {
        const m = minStakeToAttack(S, num, den);
        assert.ok(den * m > num * (S + m), 'adding m passes');
        assert.ok(!(den * (m - 1n) > num * (S + m - 1n)), 'adding m − 1 does not');
      }),
      { numRuns: 1000 },
    );
  });
});
