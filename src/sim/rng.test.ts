import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { keccak256Noble, StakeworksError, utf8 } from '../kernel/index.js';
import { rngFromSeed, stream } from './rng.js';
import { jobSeed } from './seed.js';

const invalid = (e: unknown) => e instanceof StakeworksError && e.code === 'INVALID_ARGUMENT';
const seedA = keccak256Noble(utf8('rng test seed'));
const job = jobSeed('0x5eed', 0, 0);

/** xoroshiro128+ on 64-bit bigints, written from the paper (a=24, b=16, c=37), seeded as documented. */
function reference(seed: Uint8Array): () => number {
  const M = (1n << 64n) - 1n;
  const word = (o: number) => {
    let v = 0n;
    for (let i = 0; i < 8; i++) v = (v << 8n) | BigInt(seed[o + i] ^ seed[o + 16 + i]);
    return v;
  };
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (64n - k))) & M;
  let s0 = word(0);
  let s1 = word(8);
  return () => {
    const out = Number((s0 + s1) & 0xffffffffn);
    s1 ^= s0;
    s0 = rotl(s0, 24n) ^ s1 ^ ((s1 << 16n) & M);
    s1 = rotl(s1, 37n);
    return out;
  };
}

describe('sim rng (xoroshiro128+ from a 32-byte seed)', () => {
  it('matches a 64-bit reference xoroshiro128+ seeded by the documented fold', () => {
    for (const seed of [seedA, job, new Uint8Array(32).fill(0xff).map((_, i) => i * 37)]) {
      const r = rngFromSeed(seed);
      const ref = reference(seed);
      for (let i = 0; i < 1000; i++) assert.equal(r.nextUint32(), ref());
    }
  });
  it('exact first values for a fixed seed', () => {
    const r = rngFromSeed(seedA);
    assert.deepEqual([r.nextUint32(), r.nextUint32(), r.nextUint32()], FIRST_U32);
    assert.deepEqual([r.nextFloat(), r.nextFloat()], FIRST_FLOATS);
    assert.deepEqual([r.intBetween(1, 6), r.intBetween(-5, 5), r.intBetween(0, 2 ** 40)], FIRST_INTS);
    assert.deepEqual([r.bigintBetween(0n, 10n ** 30n), r.bigintBetween(-3n, 3n)], FIRST_BIGINTS);
  });
  it('same seed, same sequence; other names or indices, other sequences', () => {
    const draw = (name: string, index: number) => {
      const r = stream(job, name, index);
      return Array.from({ length: 8 }, () => r.nextUint32());
    };
    assert.deepEqual(draw('agents.prover', 0), draw('agents.prover', 0));
    assert.notDeepEqual(draw('agents.prover', 0), draw('agents.proposer', 0));
    assert.notDeepEqual(draw('agents.prover', 0), draw('agents.prover', 1));
  });
  it('floats in [0, 1), integers in [a, b]', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }).filter((s) => s.some((b) => b !== 0)), fc.integer(), fc.integer({ min: 0, max: 2 ** 40 }), (seed, a, span) => {
        const r = rngFromSeed(seed);
        const f = r.nextFloat();
        assert.ok(f >= 0 && f < 1);
        const v = r.intBetween(a, a + span);
        assert.ok(Number.isInteger(v) && v >= a && v <= a + span);
        const big = r.bigintBetween(BigInt(a) * 10n ** 20n, BigInt(a) * 10n ** 20n + BigInt(span));
        assert.ok(big >= BigInt(a) * 10n ** 20n && big <= BigInt(a) * 10n ** 20n + BigInt(span));
      }),
      { numRuns: 300 },
    );
  });
  it('intBetween draws what bigintBetween draws (one method, two speeds)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }).filter((s) => s.some((b) => b !== 0)), fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 0, max: 2 ** 34 }), (seed, a, span) => {
        const r1 = rngFromSeed(seed);
        const r2 = rngFromSeed(seed);
        for (let i = 0; i < 5; i++) assert.equal(BigInt(r1.intBetween(a, a + span)), r2.bigintBetween(BigInt(a), BigInt(a + span)));
      }),
      { numRuns: 200 },
    );
  });
  it('unbiased: counts of a fixed seed over a non-power-of-two range', () => {
    const r = rngFromSeed(seedA);
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60000; i++) counts[r.intBetween(0, 5)]++;
    assert.deepEqual(counts, DIE_COUNTS);
    for (const c of counts) assert.ok(Math.abs(c - 10000) < 400, String(counts));
    const b = rngFromSeed(job);
    const bc = [0n, 0n, 0n];
    for (let i = 0; i < 30000; i++) bc[Number(b.bigintBetween(10n ** 30n, 10n ** 30n + 2n) - 10n ** 30n)]++;
    for (const c of bc) assert.ok(c > 9600n && c < 10400n, String(bc));
    let sum = 0;
    for (let i = 0; i < 50000; i++) sum += r.nextFloat();
    assert.ok(Math.abs(sum / 50000 - 0.5) < 0.005);
  });
  it('refuses bad seeds and bounds', () => {
    assert.throws(() => rngFromSeed(new Uint8Array(31)), invalid);
    assert.throws(() => rngFromSeed(new Uint8Array(32)), invalid);
    const r = rngFromSeed(seedA);
    assert.throws(() => r.intBetween(2, 1), invalid);
    assert.throws(() => r.intBetween(0.5, 1), invalid);
    assert.throws(() => r.intBetween(0, 2 ** 53), invalid);
    assert.throws(() => r.bigintBetween(2n, 1n), invalid);
    assert.equal(r.intBetween(7, 7), 7);
    assert.equal(r.bigintBetween(-7n, -7n), -7n);
  });
});

const FIRST_U32 = [1736431056, 1215860072, 998256366];
const FIRST_FLOATS = [0.565464282267596, 0.80358584881899];
const FIRST_INTS = [2, -3, 906758371914];
const FIRST_BIGINTS = [998250807446686888957165432412n, 2n];
const DIE_COUNTS = [10160, 9987, 10109, 9877, 10037, 9830];
