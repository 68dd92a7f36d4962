import { xoroshiro128plus, type RandomGenerator } from 'pure-rand';
import { InvalidArgumentError } from '../kernel/index.js';
import { streamSeed } from './seed.js';

/**
 * A seeded random stream: pure-rand's xoroshiro128+ (pinned 7.0.1), advanced in place.
 *
 * Seed → state: the 32-byte stream seed is folded to 16 bytes x = seed[0..16) XOR seed[16..32);
 * the generator's two 64-bit words are s0 = x[0..8) and s1 = x[8..16), each big-endian, given
 * to `xoroshiro128plus.fromState([s0 high 32, s0 low 32, s1 high 32, s1 low 32])` (pure-rand's
 * state order). An all-zero state (xoroshiro's fixed point; chance 2^-128) is refused.
 *
 * xoroshiro128+'s lowest output bits are weak, so draws use the high bits of each 32-bit word:
 * floats take the top 27 and 26 bits of two words, bounded integers the top k bits.
 */
export interface Rng {
  /** A uniform integer in [0, 2^32). */
  nextUint32(): number;
  /** A uniform float in [0, 1) with 53 random bits. */
  nextFloat(): number;
  /** A uniform integer in [a, b] (inclusive, safe integers, unbiased). */
  intBetween(a: number, b: number): number;
  /** A uniform bigint in [a, b] (inclusive, unbiased). */
  bigintBetween(a: bigint, b: bigint): bigint;
}

class XoroshiroStream implements Rng {
  constructor(private readonly g: RandomGenerator) {}

  nextUint32(): number {
    return this.g.unsafeNext() >>> 0;
  }

  nextFloat(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  intBetween(a: number, b: number): number {
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || a > b) {
      throw new InvalidArgumentError(`intBetween needs safe integers a ≤ b, got ${a} and ${b}`, { a, b }, 'sim');
    }
    const range = b - a + 1;
    // Beyond 2^32 values the bigint path draws the same words (one result, two speeds).
    if (range > 0x100000000) return Number(this.bigintBetween(BigInt(a), BigInt(b)));
    if (range === 1) return a;
    const k = 32 - Math.clz32(range - 1);
    for (;;) {
      // Masked rejection: keep the top k bits, redraw if outside the range (at most ½ redrawn).
      const v = this.nextUint32() >>> (32 - k);
      if (v < range) return a + v;
    }
  }

  bigintBetween(a: bigint, b: bigint): bigint {
    if (typeof a !== 'bigint' || typeof b !== 'bigint' || a > b) {
      throw new InvalidArgumentError(`bigintBetween needs bigints a ≤ b, got ${String(a)} and ${String(b)}`, {}, 'sim');
    }
    const range = b - a + 1n;
    if (range === 1n) return a;
    const k = (range - 1n).toString(2).length;
    const words = Math.ceil(k / 32);
    const drop = BigInt(words * 32 - k);
    for (;;) {
      let v = 0n;
      for (let i = 0; i < words; i++) v = (v << 32n) | BigInt(this.nextUint32());
      v >>= drop;
      if (v < range) return a + v;
    }
  }
}

/** The stream seeded by a 32-byte seed (mapping above). */
export function rngFromSeed(seed: Uint8Array): Rng {
  if (!(seed instanceof Uint8Array) || seed.length !== 32) {
    throw new InvalidArgumentError(`a stream seed is 32 bytes, got ${seed instanceof Uint8Array ? `${seed.length} bytes` : typeof seed}`, {}, 'sim');
  }
  const dv = new DataView(seed.buffer, seed.byteOffset, 32);
  const state = [0, 4, 8, 12].map((o) => (dv.getUint32(o) ^ dv.getUint32(o + 16)) | 0);
  if (state.every((w) => w === 0)) throw new InvalidArgumentError('a stream seed folding to the all-zero state cannot seed xoroshiro128+', {}, 'sim');
  return new XoroshiroStream(xoroshiro128plus.fromState(state));
}

/** The stream `name`/`index` of a job: `rngFromSeed(streamSeed(jobSeed, name, index))`. */
export function stream(jobSeed: Uint8Array, name: string, index = 0): Rng {
  return rngFromSeed(streamSeed(jobSeed, name, index));
}
