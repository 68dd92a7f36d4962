import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex as nobleToHex, hexToBytes as nobleFromHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { createKeccak, type IHasher } from 'hash-wasm';
import { InvalidArgumentError } from './errors.js';

/** A lower-case 0x-prefixed hex string. */
export type Hex = `0x${string}`;

export const ZERO_HASH: Hex = `0x${'0'.repeat(64)}`;

/**
 * keccak-256 has two implementations: hash-wasm's WebAssembly keccak (the fast path, ≈ 8× noble
 * on 64-byte inputs here) and @noble/hashes (the reference, and the fallback when WebAssembly
 * cannot load or `STAKEWORKS_KECCAK=noble` is set). A property test checks they agree on random
 * inputs of every length the engine hashes. The WASM hasher is one reusable instance: hashing is
 * synchronous, so its init/update/digest calls never interleave.
 */
const wasm: IHasher | undefined = process.env.STAKEWORKS_KECCAK === 'noble' ? undefined : await createKeccak(256).catch(() => undefined);

/** Which keccak implementation is in use. */
export const keccakBackend: 'wasm' | 'noble' = wasm ? 'wasm' : 'noble';

/** The reference keccak-256 (@noble/hashes). */
export function keccak256Noble(data: Uint8Array): Uint8Array {
  return keccak_256(data);
}

export const keccak256: (data: Uint8Array) => Uint8Array = wasm
  ? (data) => {
      wasm.init();
      wasm.update(data);
      return wasm.digest('binary');
    }
  : keccak_256;

/**
 * The UTF-8 bytes of `text`. Short ASCII text (block labels, keys, canonical JSON of small
 * records: most of what the engine hashes) is copied into one reused buffer, which is ≈ 0.6 µs
 * less than a TextEncoder call per hash; the view is valid until the next call, so it is only
 * ever handed straight to the hasher.
 */
const asciiScratch = new Uint8Array(1024);
/** One view per length, made once: a fresh `subarray` per hash was the hashing's main garbage. */
const asciiViews: Uint8Array[] = [];
function utf8Transient(text: string): Uint8Array {
  const n = text.length;
  if (n <= asciiScratch.length) {
    let k = 0;
    for (; k < n; k++) {
      const c = text.charCodeAt(k);
      if (c > 0x7f) break;
      asciiScratch[k] = c;
    }
    if (k === n) return (asciiViews[n] ??= asciiScratch.subarray(0, n));
  }
  return utf8ToBytes(text);
}

/** keccak-256 of the UTF-8 bytes of `text`, as bytes. */
export function keccakUtf8(text: string): Uint8Array {
  return keccak256(utf8Transient(text));
}

export function keccak256Hex(data: Uint8Array): Hex {
  if (wasm) {
    wasm.init();
    wasm.update(data);
    return `0x${wasm.digest('hex')}`;
  }
  return `0x${nobleToHex(keccak_256(data))}`;
}

/** keccak-256 of the UTF-8 bytes of `text`. */
export function keccakText(text: string): Hex {
  return keccak256Hex(utf8Transient(text));
}

export function utf8(text: string): Uint8Array {
  return utf8ToBytes(text);
}

/** Node's Buffer encodes hex natively (one string, no per-byte pieces); noble where there is no Buffer. */
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;

export function toHex(bytes: Uint8Array): Hex {
  if (NodeBuffer) return `0x${NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex')}`;
  return `0x${nobleToHex(bytes)}`;
}

export function fromHex(hex: string): Uint8Array {
  const body = hex.startsWith('0x') || hex.startsWith('0X') ? hex.slice(2) : hex;
  if (body.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(body)) {
    throw new InvalidArgumentError(`not a hex string: ${hex}`, { value: hex });
  }
  return nobleFromHex(body);
}

const MAX_U256 = (1n << 256n) - 1n;

/** `x` as a 32-byte big-endian word (Solidity's abi.encode of a uint256). */
export function u256be(x: bigint): Uint8Array {
  const out = new Uint8Array(32);
  u256beInto(out, 0, x);
  return out;
}

/** Writes `x` as a 32-byte big-endian word at `out[offset..offset+32)` (no hex string in between). */
export function u256beInto(out: Uint8Array, offset: number, x: bigint): void {
  if (x < 0n || x > MAX_U256) throw new InvalidArgumentError(`not a uint256: ${x}`, { value: `${x}` });
  const view = new DataView(out.buffer, out.byteOffset + offset, 32);
  if (x <= 0xffffffffffffffffn) {
    view.setBigUint64(0, 0n);
    view.setBigUint64(8, 0n);
    view.setBigUint64(16, 0n);
    view.setBigUint64(24, x);
    return;
  }
  view.setBigUint64(0, x >> 192n);
  view.setBigUint64(8, BigInt.asUintN(64, x >> 128n));
  view.setBigUint64(16, BigInt.asUintN(64, x >> 64n));
  view.setBigUint64(24, BigInt.asUintN(64, x));
}

const word = new Uint8Array(32);
const wordView = new DataView(word.buffer);

/**
 * Big-endian bytes as an unsigned integer, without a hex string in between. A 32-byte word (a
 * hash: the common case) is read as four 64-bit limbs through one reused view: ≈ 2× the hex
 * route and a third of its garbage; other lengths go by 32-bit words.
 */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  const n = bytes.length;
  if (n === 32) {
    word.set(bytes);
    const v = wordView;
    return (v.getBigUint64(0) << 192n) | (v.getBigUint64(8) << 128n) | (v.getBigUint64(16) << 64n) | v.getBigUint64(24);
  }
  let k = n % 4;
  let x = 0n;
  for (let i = 0; i < k; i++) x = (x << 8n) | BigInt(bytes[i]!);
  for (; k < n; k += 4) {
    x = (x << 32n) | BigInt(((bytes[k]! << 24) | (bytes[k + 1]! << 16) | (bytes[k + 2]! << 8) | bytes[k + 3]!) >>> 0);
  }
  return x;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
