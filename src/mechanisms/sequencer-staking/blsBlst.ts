import * as blst from '@chainsafe/blst';
import { toHex } from '../../kernel/index.js';
import { memoByBytes, nobleBackend, skBytes, type BlsBackend } from './blsNoble.js';

/**
 * The native backend: `@chainsafe/blst` (supranational/blst; the prebuilt binary comes in the
 * optional dependency `@chainsafe/blst-<platform>`). Importing this module fails where that binary
 * is missing, and `bls.ts` then falls back to noble.
 *
 * The binding hard-codes the signature DST (`BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_`, the
 * one of `SIG_DST`) in `sign`, `verify` and `fastAggregateVerify`, and exposes neither another
 * DST nor hash-to-curve, scalar multiplication or pairings. PopProve and PopVerify hash under the
 * PoP DST, so they stay on noble (the same code as the noble backend, hence the same verdicts);
 * everything else runs natively.
 */

// Lengths first: blst also accepts the uncompressed encodings (96 / 192 bytes), which KeyValidate
// and the spec's 48 / 96-byte points exclude.
function decodeKey(pk: Uint8Array): blst.PublicKey | undefined {
  if (pk.length !== 48) return undefined;
  try {
    return blst.PublicKey.fromBytes(pk, true); // infinity and subgroup checked
  } catch {
    return undefined;
  }
}

// Decoding a key with its subgroup check costs ≈ 55 µs; committee keys repeat from batch to
// batch, so they are decoded once (100 keys: ≈ 6 ms decoded each time vs ≈ 0.9 ms cached).
const decodeKeyCached = memoByBytes(decodeKey);

/** A 96-byte compressed G2 point in the subgroup; `allowIdentity` for aggregation inputs only. */
function decodeSignature(sig: Uint8Array, allowIdentity = false): blst.Signature | undefined {
  if (sig.length !== 96) return undefined;
  try {
    return blst.Signature.fromBytes(sig, true, !allowIdentity);
  } catch {
    return undefined;
  }
}

const IDENTITY_G2 = toHex(Uint8Array.from({ length: 96 }, (_, i) => (i === 0 ? 0xc0 : 0)));

export const blstBackend: BlsBackend = {
  name: 'blst',
  keyValidate: (pk) => decodeKey(pk) !== undefined,
  popVerify: (pk, pop) => nobleBackend.popVerify(pk, pop),
  fastAggregateVerify(pks, msg, sig) {
    if (pks.length === 0) return false;
    const keys: blst.PublicKey[] = [];
    for (const pk of pks) {
      const p = decodeKeyCached(pk);
      if (!p) return false;
      keys.push(p);
    }
    // The identity signature is refused (as noble's pairing refuses it); so is an aggregate key
    // that is the identity, which can only pair to 1 ≠ e(G1, S).
    const S = decodeSignature(sig);
    if (!S) return false;
    try {
      return blst.fastAggregateVerify(msg, keys, S, false);
    } catch {
      return false;
    }
  },
  publicKey: (sk) => blst.SecretKey.fromBytes(skBytes(sk)).toPublicKey().toBytes(true),
  popProve: (sk) => nobleBackend.popProve(sk),
  sign: (sk, msg) => blst.SecretKey.fromBytes(skBytes(sk)).sign(msg).toBytes(true),
  aggregateSignatures(list) {
    const points = list.map((s) => {
      const p = decodeSignature(s, true);
      if (!p) throw new Error('aggregateSignatures: not a valid compressed G2 signature');
      return p;
    });
    if (points.length === 0) throw new Error('aggregateSignatures: expected a non-empty list');
    const out = blst.aggregateSignatures(points, false).toBytes(true);
    // noble refuses an aggregate that is the identity; so do we, for the same helper behaviour.
    if (toHex(out) === IDENTITY_G2) throw new Error('aggregateSignatures: the aggregate is the identity');
    return out;
  },
};
