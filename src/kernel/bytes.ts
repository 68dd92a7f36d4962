import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex as nobleToHex, hexToBytes as nobleFromHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { InvalidArgumentError } from './errors.js';

/** A lower-case 0x-prefixed hex string. */
export type Hex = `0x${string}`;

export const ZERO_HASH: Hex = `0x${'0'.repeat(64)}`;

export function keccak256(data: Uint8Array): Uint8Array {
  return keccak_256(data);
}

export function keccak256Hex(data: Uint8Array): Hex {
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
