import { bls12_381 } from '@noble/curves/bls12-381.js';
import { toHex } from '../../kernel/index.js';

/**
 * BLS12-381, Ethereum's proof-of-possession ciphersuite (spec 8.1, 14): public keys in G1 (48
 * bytes compressed), signatures in G2 (96 bytes compressed). One small interface, two backends
 * (`@noble/curves` here, `@chainsafe/blst` in `blsBlst.ts`); `bls.ts` picks one at load time.
 * Both give identical verdicts: `bls.test.ts` checks them against each other.
 */
export interface BlsBackend {
  readonly name: string;
  /** KeyValidate: a 48-byte compressed G1 point in the prime-order subgroup, not the identity. */
  keyValidate(pk: Uint8Array): boolean;
  /** PopVerify(pk, pop); false (never a throw) for malformed inputs. */
  popVerify(pk: Uint8Array, pop: Uint8Array): boolean;
  /** FastAggregateVerify over one message; false for malformed inputs. */
  fastAggregateVerify(pks: readonly Uint8Array[], msg: Uint8Array, sig: Uint8Array): boolean;
  // Test-only helpers (the secrets of spec 3.3 are public); sk in [1, r). They throw on bad input.
  publicKey(sk: bigint): Uint8Array;
  popProve(sk: bigint): Uint8Array;
  sign(sk: bigint, msg: Uint8Array): Uint8Array;
  aggregateSignatures(sigs: readonly Uint8Array[]): Uint8Array;
}

export const POP_DST = 'BLS_POP_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_';
export const SIG_DST = 'BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_';
export const BLS_ORDER: bigint = bls12_381.fields.Fr.ORDER;
const FIELD_P: bigint = bls12_381.fields.Fp.ORDER;

const sigs = bls12_381.longSignatures;
const G1 = bls12_381.G1.Point;

/** The 32 big-endian bytes of a test secret; outside [1, r) is a caller error. */
export function skBytes(sk: bigint): Uint8Array {
  if (sk < 1n || sk >= BLS_ORDER) throw new RangeError(`BLS secret key out of range [1, r): ${sk}`);
  const hex = sk.toString(16).padStart(64, '0');
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function fieldElementBelowP(bytes: Uint8Array, from: number, clearFlags: boolean): boolean {
  let x = 0n;
  for (let i = from; i < from + 48; i++) x = (x << 8n) | BigInt(i === from && clearFlags ? bytes[i]! & 0x1f : bytes[i]!);
  return x < FIELD_P;
}

/**
 * Coordinates of a compressed encoding are < p. Noble reduces them modulo p, so x + p would decode
 * to the same point as x; blst and the ZCash encoding reject it (and two encodings of one key
 * could otherwise both register).
 */
export function canonicalG1(b: Uint8Array): boolean {
  return b.length === 48 && fieldElementBelowP(b, 0, true);
}
export function canonicalG2(b: Uint8Array): boolean {
  return b.length === 96 && fieldElementBelowP(b, 0, true) && fieldElementBelowP(b, 48, false);
}

type G2Point = ReturnType<typeof sigs.hash>;

/**
 * A pure function of a byte string, memoised by its hex text. Bounded: past `limit` entries the
 * table starts over (the inputs are keys and proofs of one network, a few thousand at most).
 */
export function memoByBytes<T>(fn: (b: Uint8Array) => T, limit = 10_000): (b: Uint8Array) => T {
  const table = new Map<string, T>();
  return (b) => {
    const key = toHex(b);
    if (table.has(key)) return table.get(key) as T;
    const v = fn(b);
    if (table.size >= limit) table.clear();
    table.set(key, v);
    return v;
  };
}

// hash-to-G2 of a public key under the PoP DST is a pure function and costs about as much as a
// signature; PopProve (test keys) and PopVerify of the same key share it.
const popHash: (pk: Uint8Array) => G2Point = memoByBytes((pk) => sigs.hash(pk, POP_DST));

function g1(pk: Uint8Array) {
  if (!canonicalG1(pk)) return undefined;
  try {
    const p = G1.fromBytes(pk);
    if (p.is0()) return undefined;
    p.assertValidity(); // on the curve and in the prime-order subgroup
    return p;
  } catch {
    return undefined;
  }
}

// Decoding a key and checking its subgroup costs ~2 ms in pure JS; it is a pure function of the
// 48 bytes, so committee keys are decoded once (an aggregate of 100 keys then costs additions only).
const g1Cached = memoByBytes(g1);

function g2(sig: Uint8Array) {
  if (!canonicalG2(sig)) return undefined;
  try {
    const p = sigs.Signature.fromBytes(sig);
    p.assertValidity();
    return p;
  } catch {
    return undefined;
  }
}

/** The portable backend: `@noble/curves` (pure JS). */
export const nobleBackend: BlsBackend = {
  name: 'noble',
  keyValidate: (pk) => g1(pk) !== undefined,
  popVerify(pk, pop) {
    const P = g1(pk);
    const S = g2(pop);
    if (!P || !S) return false;
    try {
      return sigs.verify(S, popHash(pk), P);
    } catch {
      return false;
    }
  },
  fastAggregateVerify(pks, msg, sig) {
    if (pks.length === 0) return false;
    const points = pks.map(g1Cached);
    const S = g2(sig);
    if (!S || points.some((p) => p === undefined)) return false;
    try {
      return sigs.verify(S, sigs.hash(msg, SIG_DST), sigs.aggregatePublicKeys(points as NonNullable<(typeof points)[number]>[]));
    } catch {
      return false;
    }
  },
  publicKey: (sk) => sigs.getPublicKey(skBytes(sk)).toBytes(true),
  popProve(sk) {
    // sk·H_pop(pk). The secrets are public test keys, so the variable-time multiplication is fine
    // (≈ 8 ms instead of ≈ 14 ms for sign's constant-time one plus its subgroup check of H, which
    // hash-to-curve output passes by construction).
    const pk = sigs.getPublicKey(skBytes(sk)).toBytes(true);
    return sigs.Signature.toBytes(popHash(pk).multiplyUnsafe(sk));
  },
  sign: (sk, msg) => sigs.Signature.toBytes(sigs.sign(sigs.hash(msg, SIG_DST), skBytes(sk))),
  aggregateSignatures(list) {
    const points = list.map((s) => {
      const p = g2(s);
      if (!p) throw new Error('aggregateSignatures: not a valid compressed G2 signature');
      return p;
    });
    return sigs.Signature.toBytes(sigs.aggregateSignatures(points));
  },
};
