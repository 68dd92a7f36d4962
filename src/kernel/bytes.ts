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

/** keccak-256 of the UTF-8 bytes of `text`, as bytes (the WASM hasher encodes the string itself). */
export const keccakUtf8: (text: string) => Uint8Array = wasm
  ? (text) => {
      wasm.init();
      wasm.update(text);
      return wasm.digest('binary');
    }
  : (text) => keccak_256(utf8ToBytes(text));

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
  return keccak256Hex(utf8ToBytes(text));
}

export function utf8(text: string): Uint8Array {
  return utf8ToBytes(text);
}

export function toHex(bytes: Uint8Array): Hex {
  return `0x${nobleToHex(bytes)}`;
}

export function fromHex(hex: string): Uint8Array {
  const body = hex.startsWith('0x') || hex.startsWith('0X') ? hex.slice(2) : hex;
  if (body.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(body)) {
    throw new InvalidArgumentError(`not a hex string: ${hex}`, { value: hex });
  }
  return nobleFromHex(body);
}

/** `x` as a 32-byte big-endian word (Solidity's abi.encode of a uint256). */
export function u256be(x: bigint): Uint8Array {
  if (x < 0n || x >= 1n << 256n) throw new InvalidArgumentError(`not a uint256: ${x}`, { value: `${x}` });
  return nobleFromHex(x.toString(16).padStart(64, '0'));
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${nobleToHex(bytes)}`);
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
