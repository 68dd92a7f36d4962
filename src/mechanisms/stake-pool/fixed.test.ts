import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isqrt } from '../../kernel/index.js';
import { add, bdiv, bmul, div, fromFixed, int, isqrtU, mul, parseFx, permillOf, sqrt, strip, sub, toFixed, isDust, wrapFx } from './fixed.js';

const PHA = 10n ** 12n;

describe('U64F64 (spec §3.2 worked examples)', () => {
  it('converts 1 PHA both ways', () => {
    assert.equal(toFixed(PHA), 18446744073709551616n);
    assert.equal(fromFixed(toFixed(PHA)), PHA);
  });
  it('truncates small balances', () => {
    assert.equal(toFixed(10n), 184467440n);
    assert.equal(fromFixed(184467440n), 9n);
    assert.equal(parseFx('fx:0.00000000001'), 184467440n);
  });
  it('bdiv(1500, 1) = 1499', () => {
    assert.equal(toFixed(1500n), 27670116110n);
    assert.equal(fromFixed(27670116110n), 1499n);
    assert.equal(bdiv(1500n, int(1)), 1499n);
  });
  it('4/7000 accumulator', () => {
    const acc = div(toFixed(4n * PHA), toFixed(7000n * PHA));
    assert.equal(acc, 10540996613548315n);
    assert.equal(bmul(1400n * PHA, acc), 799999999999n);
  });
  it('sqrt(int(1000)) and the minimum stake', () => {
    const s = sqrt(int(1000));
    assert.equal(s, 583337266867288932352n);
    assert.equal(fromFixed(mul(int(100), s)), 3162277660146355n);
  });
  it('fx literals', () => {
    assert.equal(parseFx('fx:10'), 184467440737095516160n);
    assert.equal(parseFx('123'), 123n);
    assert.equal(parseFx('fx:1.5'), 27670116110564327424n);
    assert.equal(parseFx('fx:-1'), undefined);
    assert.equal(parseFx('abc'), undefined);
  });
  it('wraps modulo 2^128 and converts b mod 2^64', () => {
    assert.equal(int(1n << 64n), 0n);
    assert.equal(toFixed(1n << 64n), 0n);
    assert.equal(fromFixed((1n << 128n) - 1n), ((1n << 128n) - 1n) >> 64n);
  });
});

describe('Permill (§3.3)', () => {
  it('rounds to nearest, ties down', () => {
    assert.equal(permillOf(600_000, 10n * PHA), 6n * PHA);
    assert.equal(permillOf(500_000, 7n), 3n);
    assert.equal(permillOf(500_000, 9n), 4n);
    assert.equal(permillOf(400_000, 8n), 3n);
    assert.equal(permillOf(750_000, 5n), 4n);
    assert.equal(permillOf(0, 5n), 0n);
    assert.equal(permillOf(1_000_000, 5n), 5n);
  });
});

describe('dust (§3.4)', () => {
  it('1000 is dust, 1001 is not', () => {
    assert.equal(isDust(1000n), true);
    assert.equal(strip(1000n), 0n);
    assert.equal(strip(1001n), 1001n);
  });
});

describe('fast forms of the primitives equal their literal definitions (§3.2)', () => {
  const M128 = (1n << 128n) - 1n;
  const M64 = (1n << 64n) - 1n;
  // Values in range, just outside it, far outside it and negative (a subtraction's raw result).
  const any = fc.oneof(fc.bigInt(0n, M128), fc.bigInt(M128 - 5n, M128 + 5n), fc.bigInt(-(1n << 130n), 1n << 200n), fc.constantFrom(0n, M128, M128 + 1n, -1n, 1n << 64n));
  it('property: the compare-first wrap is x & (2^128 − 1); add, sub, mul, div and toFixed follow', () => {
    fc.assert(
      fc.property(any, fc.bigInt(0n, M128), fc.bigInt(1n, M128), fc.bigInt(0n, 1n << 140n), (x, a, b, bal) => {
        assert.equal(wrapFx(x), x & M128);
        assert.equal(add(a, b), (a + b) & M128);
        assert.equal(sub(a, b), (a - b) & M128);
        assert.equal(mul(a, b), ((a * b) >> 64n) & M128);
        assert.equal(div(a, b), ((a << 64n) / b) & M128);
        assert.equal(toFixed(bal), ((bal & M64) << 64n) / PHA);
      }),
      { numRuns: 2000 },
    );
  });
  it('property: isqrtU (float candidate, exact certificate) = the kernel isqrt', () => {
    const near = (c: bigint) => fc.bigInt(-3n, 3n).map((d) => (c + d < 0n ? 0n : c + d));
    const squares = fc.bigInt(0n, 1n << 64n).chain((r) => near(r * r));
    // Near squares below 2^100, where the float root is closest to an integer (the shortcut's edge).
    const floatSquares = fc.bigInt(0n, (1n << 50n) - 1n).chain((r) => near(r * r));
    const n = fc.oneof(fc.bigInt(0n, 1n << 100n), fc.bigInt(0n, 1n << 128n), squares, floatSquares, floatSquares, near(1n << 100n), near(((1n << 50n) - 1n) ** 2n), fc.bigInt(0n, 1000n));
    fc.assert(
      fc.property(n, (x) => assert.equal(isqrtU(x), isqrt(x))),
      { numRuns: 20000 },
    );
    for (let x = 0n; x < 2000n; x++) assert.equal(isqrtU(x), isqrt(x));
  });
});
