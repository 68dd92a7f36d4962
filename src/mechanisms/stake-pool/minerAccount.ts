import { concatBytes, fromHex, keccak256, toHex, utf8, type Address, type Hex } from '../../kernel/index.js';

const PREFIX = utf8('spm/');
const cache = new Map<string, Address>();

/** §2: last 20 bytes of keccak-256("spm/" ‖ pid as u64 LE ‖ worker). Memoised: pure. */
export function minerAccount(pid: number, worker: Hex): Address {
  const key = `${pid}/${worker}`;
  let a = cache.get(key);
  if (a === undefined) {
    const le = new Uint8Array(8);
    new DataView(le.buffer).setBigUint64(0, BigInt(pid), true);
    a = toHex(keccak256(concatBytes(PREFIX, le, fromHex(worker))).slice(12));
    cache.set(key, a);
  }
  return a;
}
