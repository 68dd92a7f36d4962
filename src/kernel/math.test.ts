import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  applyBps,
  applyPpm,
  checkedAdd,
  checkedMul,
  checkedSub,
  checkedUint,
  divRound,
  isqrt,
  isUint,
  MAX_UINT16,
  MAX_UINT256,
  MAX_UINT32,
  MAX_UINT64,
  maxBig,
  maxUint,
  minBig,
  mulDiv,
  wrapUint,
  type Rounding,
} from './math.js';
import { StakeworksError } from './errors.js';

const code = (c: string) => (e: unknown) => e instanceof StakeworksError && e.code === c;
const MODES: Rounding[] = ['floor', 'ceil', 'halfUp', 'halfDown', 'halfEven'];

describe('mulDiv', () => {
  // [a, b, d, floor, ceil, halfUp, halfDown, halfEven]
  const table: Array<[bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint]> = [
    [6n, 2n, 3n, 4n, 4n, 4n, 4n, 4n], // exact
    [0n, 5n, 7n, 0n, 0n, 0n, 0n, 0n],
    [7n, 1n, 2n, 3n, 4n, 4n, 3n, 4n], // 3.5: tie, odd quotient → even is 4
    [5n, 1n, 2n, 2n, 3n, 3n, 2n, 2n], // 2.5: tie, even quotient stays
    [1n, 1n, 2n, 0n, 1n, 1n, 0n, 0n], // 0.5
    [3n, 1n, 2n, 1n, 2n, 2n, 1n, 2n], // 1.5
    [10n, 1n, 4n, 2n, 3n, 3n, 2n, 2n], // 2.5
    [9n, 1n, 4n, 2n, 3n, 2n, 2n, 2n], // 2.25
    [11n, 1n, 4n, 2n, 3n, 3n, 3n, 3n], // 2.75
    [2n, 1n, 3n, 0n, 1n, 1n, 1n, 1n], // 0.666…
    [1n, 1n, 3n, 0n, 1n, 0n, 0n, 0n], // 0.333…
    [13n, 3n, 6n, 6n, 7n, 7n, 6n, 6n], // 6.5
    [15n, 3n, 6n, 7n, 8n, 8n, 7n, 8n], // 7.5
  ];
  for (const [a, b, d, ...want] of table) {
    it(`${a} × ${b} / ${d} in every mode`, () => {
      MODES.forEach((m, k) => assert.equal(mulDiv(a, b, d, m), want[k], `${m}`));
    });
  }

  it('defaults to floor', () => {
    assert.equal(mulDiv(7n, 1n, 2n), 3n);
    assert.equal(divRound(7n, 2n, 'floor'), 3n);
  });

  it('keeps full precision (no intermediate overflow)', () => {
    assert.equal(mulDiv(MAX_UINT256, MAX_UINT256, MAX_UINT256), MAX_UINT256);
    assert.equal(mulDiv(1n << 255n, 4n, 8n), 1n << 254n);
    assert.equal(mulDiv(MAX_UINT256, 3n, 2n, 'floor'), (MAX_UINT256 * 3n) / 2n);
    assert.equal(mulDiv(MAX_UINT256, 3n, 2n, 'ceil'), (MAX_UINT256 * 3n) / 2n + 1n);
  });

  it('division by zero is ARITHMETIC_OVERFLOW; negative operands are INVALID_ARGUMENT', () => {
    assert.throws(() => mulDiv(1n, 1n, 0n), code('ARITHMETIC_OVERFLOW'));
    assert.throws(() => mulDiv(-1n, 1n, 2n), code('INVALID_ARGUMENT'));
    assert.throws(() => divRound(1n, -2n, 'ceil'), code('INVALID_ARGUMENT'));
  });

  it('property: every mode is within its bound of the exact quotient', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_UINT256 }), fc.bigInt({ min: 0n, max: MAX_UINT256 }), fc.bigInt({ min: 1n, max: MAX_UINT256 }), (a, b, d) => {
        const n = a * b;
        const f = mulDiv(a, b, d, 'floor');
        assert.ok(f * d <= n && n < (f + 1n) * d);
        const c = mulDiv(a, b, d, 'ceil');
        assert.ok(c * d >= n && n > (c - 1n) * d);
        assert.equal(c - f, n % d === 0n ? 0n : 1n);
        for (const m of ['halfUp', 'halfDown', 'halfEven'] as const) {
          const q = mulDiv(a, b, d, m);
          const twiceErr = 2n * q * d - 2n * n; // 2·d·(q − n/d)
          assert.ok(twiceErr <= d && twiceErr >= -d, `${m} off by more than a half`);
          assert.ok(q === f || q === c);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: ties go up, down and to even as named', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1n << 200n }), fc.bigInt({ min: 1n, max: 1n << 60n }), (q, half) => {
        const d = 2n * half;
        const n = q * d + half; // exactly q + 1/2
        assert.equal(divRound(n, d, 'halfUp'), q + 1n);
        assert.equal(divRound(n, d, 'halfDown'), q);
        assert.equal(divRound(n, d, 'halfEven'), q % 2n === 0n ? q : q + 1n);
      }),
      { numRuns: 300 },
    );
  });
});

describe('applyBps / applyPpm', () => {
  it('basis points', () => {
    assert.equal(applyBps(10_001n, 25n), 25n); // 25.0025
    assert.equal(applyBps(10_001n, 25n, 'ceil'), 26n);
    assert.equal(applyBps(1n, 5_000n, 'halfUp'), 1n);
    assert.equal(applyBps(1n, 5_000n, 'halfDown'), 0n);
    assert.equal(applyBps(1n, 5_000n, 'halfEven'), 0n);
    assert.equal(applyBps(3n, 5_000n, 'halfEven'), 2n);
    assert.equal(applyBps(320_000n, 25n), 800n);
    assert.equal(applyBps(123n, 10_000n), 123n);
    assert.equal(applyBps(123n, 0n, 'ceil'), 0n);
  });
  it('parts per million', () => {
    assert.equal(applyPpm(1_000_000n, 123_456n), 123_456n);
    assert.equal(applyPpm(1n, 333_333n), 0n);
    assert.equal(applyPpm(1n, 333_333n, 'ceil'), 1n);
    assert.equal(applyPpm(3n, 500_000n, 'halfEven'), 2n); // 1.5
    assert.equal(applyPpm(5n, 500_000n, 'halfEven'), 2n); // 2.5
    assert.equal(applyPpm(5n, 500_000n, 'halfUp'), 3n);
    assert.equal(applyPpm(10n ** 30n, 1n), 10n ** 24n);
  });
});

describe('fixed widths', () => {
  it('maxUint and constants', () => {
    assert.equal(MAX_UINT16, 65_535n);
    assert.equal(MAX_UINT32, 4_294_967_295n);
    assert.equal(MAX_UINT64, 18_446_744_073_709_551_615n);
    assert.equal(MAX_UINT256, 2n ** 256n - 1n);
    assert.equal(maxUint(8), 255n);
    assert.equal(isUint(255n, 8), true);
    assert.equal(isUint(256n, 8), false);
    assert.equal(isUint(-1n, 8), false);
  });
  it('wrapUint wraps mod 2^bits like unchecked Solidity', () => {
    assert.equal(wrapUint(2n ** 32n, 32), 0n);
    assert.equal(wrapUint(2n ** 32n + 5n, 32), 5n);
    assert.equal(wrapUint(MAX_UINT32, 32), MAX_UINT32);
    assert.equal(wrapUint(-1n, 8), 255n);
    assert.equal(wrapUint(34_359_739n * 125n, 32), 34_359_739n * 125n - 2n ** 32n); // the taiko-a4 upper bound wrap
    assert.equal(wrapUint(34_359_739n * 125n, 32), 79n);
    assert.equal(wrapUint(34_359_738n * 125n, 32), 4_294_967_250n);
    assert.equal(wrapUint(4n * (2n ** 62n), 64), 0n);
  });
  it('checkedUint passes the boundary value and fails one above with ARITHMETIC_OVERFLOW', () => {
    for (const bits of [8, 16, 32, 64, 256]) {
      const max = maxUint(bits);
      assert.equal(checkedUint(max, bits), max);
      assert.equal(checkedUint(0n, bits), 0n);
      assert.throws(() => checkedUint(max + 1n, bits), code('ARITHMETIC_OVERFLOW'));
      assert.throws(() => checkedUint(-1n, bits), code('ARITHMETIC_OVERFLOW'));
    }
    assert.throws(() => checkedUint(2n ** 32n, 32, 'block fee'), /block fee 4294967296 does not fit in uint32/);
  });
  it('checkedMul at the taiko-a4 block-fee boundary (F = 692 ok, 693 fails)', () => {
    assert.equal(checkedMul(692n, 6_200_000n, 32), 4_290_400_000n);
    assert.throws(() => checkedMul(693n, 6_200_000n, 32), code('ARITHMETIC_OVERFLOW'));
    assert.equal(checkedMul(65_536n, 65_535n, 32), 4_294_901_760n);
    assert.throws(() => checkedMul(65_536n, 65_536n, 32), code('ARITHMETIC_OVERFLOW'));
    assert.equal(checkedMul(2n ** 32n, 2n ** 32n - 1n, 64), MAX_UINT64 - MAX_UINT32);
    assert.throws(() => checkedMul(2n ** 32n, 2n ** 32n, 64), code('ARITHMETIC_OVERFLOW'));
  });
  it('checkedAdd / checkedSub', () => {
    assert.equal(checkedAdd(MAX_UINT64 - 1n, 1n, 64), MAX_UINT64);
    assert.throws(() => checkedAdd(MAX_UINT64, 1n, 64), code('ARITHMETIC_OVERFLOW'));
    assert.equal(checkedSub(1n, 1n, 64), 0n);
    assert.throws(() => checkedSub(0n, 1n, 64), code('ARITHMETIC_OVERFLOW'));
  });
  it('minBig / maxBig', () => {
    assert.equal(minBig(3n, -2n), -2n);
    assert.equal(maxBig(3n, -2n), 3n);
    assert.equal(maxBig(5n, 5n), 5n);
  });
});

describe('isqrt', () => {
  it('known values', () => {
    const table: Array<[bigint, bigint]> = [
      [0n, 0n], [1n, 1n], [2n, 1n], [3n, 1n], [4n, 2n], [8n, 2n], [9n, 3n], [15n, 3n], [16n, 4n],
      [10n ** 30n, 10n ** 15n], [MAX_UINT256, 2n ** 128n - 1n], [(2n ** 128n - 1n) ** 2n, 2n ** 128n - 1n],
      [2n ** 254n, 2n ** 127n], [2n ** 254n - 1n, 2n ** 127n - 1n],
    ];
    for (const [n, r] of table) assert.equal(isqrt(n), r, `isqrt(${n})`);
  });
  it('terminates and is exact where the float estimate lands below the root (regression)', () => {
    // Math.sqrt(Number(10^70 + 7)) is 3.1e18 below 10^35: the old code walked up by ones.
    assert.equal(isqrt(10n ** 70n + 7n), 10n ** 35n);
    assert.equal(isqrt(10n ** 70n - 1n), 10n ** 35n - 1n);
    assert.equal(isqrt(2n ** 2000n), 2n ** 1000n); // beyond the float range
    const big = 2n ** 2001n + 12_345n;
    const r = isqrtRef(big);
    assert.ok(r * r <= big && big < (r + 1n) * (r + 1n));
    assert.equal(isqrt(big), r);
  });
  it('negative input is INVALID_ARGUMENT', () => {
    assert.throws(() => isqrt(-1n), code('INVALID_ARGUMENT'));
  });
  it('property: r² ≤ n < (r+1)² for random n up to 2^256', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 256n }), (n) => {
        const r = isqrt(n);
        assert.ok(r * r <= n && n < (r + 1n) * (r + 1n), `isqrt(${n}) = ${r}`);
      }),
      { numRuns: 2000 },
    );
  });
  it('property: exact on both sides of the float range (starts from the float root below 2^1000, from a power of two above)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1100 }), fc.bigInt({ min: 0n, max: 2n ** 1100n }), (bits, raw) => {
        const n = raw % (1n << BigInt(bits));
        const r = isqrt(n);
        assert.ok(r * r <= n && n < (r + 1n) * (r + 1n), `isqrt(${n}) = ${r}`);
      }),
      { numRuns: 2000 },
    );
  });
  it('property: perfect squares and their neighbours', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 2n ** 128n }), (k) => {
        assert.equal(isqrt(k * k), k);
        assert.equal(isqrt(k * k - 1n), k - 1n);
        assert.equal(isqrt(k * k + 2n * k), k); // (k+1)² − 1
      }),
      { numRuns: 1000 },
    );
  });
});

/** Bisection reference for huge values. */
function isqrtRef(n: bigint): bigint {
  let lo = 0n;
  let hi = 1n << BigInt(Math.ceil(n.toString(2).length / 2) + 1);
  while (lo < hi) {
    const mid = (lo + hi + 1n) >> 1n;
    if (mid * mid <= n) lo = mid;
    else hi = mid - 1n;
  }
  return lo;
}
