/**
 * The keccak floor: one keccak-256 of a 64-byte preimage (a draw seed) with the engine's fast
 * path (hash-wasm) and with the reference (@noble/hashes).
 */
import { keccak256, keccak256Noble, keccakBackend } from '../kernel/index.js';
import { medianMicros, type BenchRow } from './row.js';

const preimage = Uint8Array.from({ length: 64 }, (_, i) => (i * 37) & 0xff);

/** µs per keccak-256 of 64 bytes, the engine's backend. */
export function keccakMicros(): number {
  return medianMicros(200_000, 5, (i) => {
    preimage[0] = i & 0xff;
    keccak256(preimage);
  });
}

export function benchKeccak(): BenchRow[] {
  const fast = keccakMicros();
  const noble = medianMicros(50_000, 5, (i) => {
    preimage[0] = i & 0xff;
    keccak256Noble(preimage);
  });
  return [
    { row: `keccak-256 of 64 bytes, ${keccakBackend} (the floor)`, value: fast, unit: 'µs' },
    { row: 'keccak-256 of 64 bytes, noble (reference)', value: noble, unit: 'µs', note: `${(noble / fast).toFixed(1)}× the ${keccakBackend} path` },
  ];
}
