import { keccak256Hex, toHex, type Address, type Hex } from '../../kernel/index.js';
import { bls, testSecretKey } from './bls.js';
import { hexBytes } from './keys.js';

/** Spec 8.7: the message a batch's signers sign, test signatures, and cached aggregate verification. */

/** m = keccak256(batchHash ‖ u16(n) ‖ a_1 ‖ … ‖ a_n) (spec 8.7). */
export function batchMessage(batchHash: Hex, change: readonly Address[]): Hex {
  const parts = [batchHash.slice(2), change.length.toString(16).padStart(4, '0'), ...change.map((a) => a.slice(2))];
  return keccak256Hex(hexBytes(`0x${parts.join('')}` as Hex));
}

/** Verdict cache by (keys, message, signature): verification is a pure function. */
const verdicts = new Map<string, boolean>();
export function fastAggregateVerifyCached(pks: readonly Hex[], msg: Hex, sig: Hex): boolean {
  const key = `${pks.join(',')}|${msg}|${sig}`;
  let v = verdicts.get(key);
  if (v === undefined) {
    v = bls().fastAggregateVerify(pks.map(hexBytes), hexBytes(msg), hexBytes(sig));
    if (verdicts.size > 10_000) verdicts.clear();
    verdicts.set(key, v);
  }
  return v;
}

/** `testsign:A,B,…`: the aggregate of those test keys' signatures over m (spec 3.3). */
export function resolveSignature(sig: string, msg: Hex): Hex {
  const m = /^testsign:(.+)$/.exec(sig);
  if (!m) return sig.toLowerCase() as Hex;
  const b = bls();
  const parts = m[1]!.split(',').map((n) => b.sign(testSecretKey(n.trim()), hexBytes(msg)));
  return toHex(b.aggregateSignatures(parts));
}
