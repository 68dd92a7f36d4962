import { concatBytes, fromHex, InvalidArgumentError, keccak256, utf8, type Hex } from '../kernel/index.js';

/**
 * Seeds of the simulator (simulator.md §2). Every run of every sweep point gets its own job seed
 * from the file's master seed, and every random stream of that run (an agent group's draws, a
 * process) its own stream seed from the job seed, so a run replays alone from what is recorded:
 *
 *   jobSeed    = keccak256(utf8("stakeworks/sim") ‖ masterSeed ‖ u32be(point) ‖ u32be(run))
 *   streamSeed = keccak256(jobSeed ‖ utf8(name) ‖ u32be(index))
 *
 * Master seed format (`monteCarlo.seed` in the file), mapped to bytes by `parseMasterSeed`:
 * - a hex string `0x…` (at least one digit): its bytes, big-endian, leading zero bytes kept
 *   (`0x005eed` is three bytes, `0x5eed` two). An odd number of digits is left-padded with one
 *   `0` nibble: `0xabc` is the bytes 0a bc, the same as `0x0abc`.
 * - a non-negative decimal integer (a JSON number that is a safe integer, a bigint, or a string
 *   of decimal digits): its minimal big-endian bytes, 0 being the single byte 00. So `24301`,
 *   `"24301"` and `"0x5eed"` are the same seed.
 * - bytes (Uint8Array), used as they are (at least one byte).
 * Anything else is refused with INVALID_ARGUMENT.
 */

const DOMAIN = utf8('stakeworks/sim');
const U32_MAX = 0xffffffff;

export type MasterSeedInput = Uint8Array | Hex | string | number | bigint;

/** `x` as 4 big-endian bytes; refuses anything that is not an integer in [0, 2^32 - 1]. */
export function u32be(x: number, what = 'value'): Uint8Array {
  if (!Number.isInteger(x) || x < 0 || x > U32_MAX) {
    throw new InvalidArgumentError(`${what} must be an integer from 0 to ${U32_MAX} (a uint32), got ${String(x)}`, { [what]: x }, 'sim');
  }
  return new Uint8Array([x >>> 24, (x >>> 16) & 0xff, (x >>> 8) & 0xff, x & 0xff]);
}

function bigintBytes(x: bigint): Uint8Array {
  let hex = x.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return fromHex(hex);
}

/** The master seed's bytes (format above). */
export function parseMasterSeed(seed: MasterSeedInput): Uint8Array {
  if (seed instanceof Uint8Array) {
    if (seed.length === 0) throw new InvalidArgumentError('the seed must have at least one byte', {}, 'sim');
    return seed;
  }
  if (typeof seed === 'bigint' || typeof seed === 'number') {
    if (typeof seed === 'number' && !Number.isSafeInteger(seed)) {
      throw new InvalidArgumentError(`the seed must be a hex string 0x… or a non-negative decimal integer (write large ones as strings), got ${String(seed)}`, { seed }, 'sim');
    }
    const n = BigInt(seed);
    if (n < 0n) throw new InvalidArgumentError(`the seed must not be negative, got ${String(seed)}`, { seed: String(seed) }, 'sim');
    return bigintBytes(n);
  }
  if (typeof seed === 'string') {
    if (/^0[xX][0-9a-fA-F]+$/.test(seed)) {
      const body = seed.slice(2);
      return fromHex(body.length % 2 ? `0${body}` : body);
    }
    if (/^[0-9]+$/.test(seed)) return bigintBytes(BigInt(seed));
  }
  throw new InvalidArgumentError(`the seed must be a hex string 0x… (at least one digit) or a non-negative decimal integer, got ${JSON.stringify(String(seed))}`, { seed: String(seed) }, 'sim');
}

/** The 32-byte seed of run `run` at sweep point `point`. */
export function jobSeed(masterSeed: Uint8Array | Hex | MasterSeedInput, point: number, run: number): Uint8Array {
  return keccak256(concatBytes(DOMAIN, parseMasterSeed(masterSeed), u32be(point, 'point'), u32be(run, 'run')));
}

/** The 32-byte seed of the `index`-th stream called `name` of a job. */
export function streamSeed(seed: Uint8Array, name: string, index: number): Uint8Array {
  if (!(seed instanceof Uint8Array) || seed.length !== 32) {
    throw new InvalidArgumentError(`a job seed is 32 bytes, got ${seed instanceof Uint8Array ? `${seed.length} bytes` : typeof seed}`, {}, 'sim');
  }
  return keccak256(concatBytes(seed, utf8(name), u32be(index, 'index')));
}
