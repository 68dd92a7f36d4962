import { bls12_381 } from '@noble/curves/bls12-381.js';
import { bytesToBigInt, keccak256, toHex, utf8, type Hex } from '../../kernel/index.js';

/**
 * BLS12-381, Ethereum's proof-of-possession ciphersuite (spec 8.1, 14): public keys in G1 (48
 * bytes compressed), signatures in G2 (96 bytes compressed). One small interface so that a native
 * backend (`@chainsafe/blst`, not installed here) can replace the pure-JS default without touching
 * protocol code; both must give identical verdicts on the vectors of spec 15.10.
 */
export interface BlsBackend {
  readonly name: string;
  /** KeyValidate: a 48-byte compressed G1 point in the prime-order subgroup, not the identity. */
  keyValidate(pk: Uint8Array): boolean;
  /** PopVerify(pk, pop); false (never a throw) for malformed inputs. */
  popVerify(pk: Uint8Array, pop: Uint8Array): boolean;
  /** FastAggregateVerify over one message; false for malformed inputs. */
  fastAggregateVerify(pks: readonly Uint8Array[], msg: Uint8Array, sig: Uint8Array): boolean;
  // Test-only helpers (the secrets of spec 3.3 are public).
  publicKey(sk: bigint): Uint8Array;
  popProve(sk: bigint): Uint8Array;
  sign(sk: bigint, msg: Uint8Array): Uint8Array;
  aggregateSignatures(sigs: readonly Uint8Array[]): Uint8Array;
}

export const POP_DST = 'BLS_POP_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_';
export const SIG_DST = 'BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_';
export const BLS_ORDER: bigint = bls12_381.fields.Fr.ORDER;

const sigs = bls12_381.longSignatures;
const G1 = bls12_381.G1.Point;

function skBytes(sk: bigint): Uint8Array {
  const hex = sk.toString(16).padStart(64, '0');
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

// hash-to-G2 of a public key under the PoP DST is a pure function and costs about as much as a
// signature; PopProve (test keys) and PopVerify of the same key share it.
const popHashCache = new Map<string, ReturnType<typeof sigs.hash>>();
function popHash(pk: Uint8Array) {
  const key = toHex(pk);
  let h = popHashCache.get(key);
  if (!h) {
    h = sigs.hash(pk, POP_DST);
    if (popHashCache.size > 10_000) popHashCache.clear();
    popHashCache.set(key, h);
  }
  return h;
}

function g1(pk: Uint8Array) {
  if (pk.length !== 48) return undefined;
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
const g1Cache = new Map<string, ReturnType<typeof g1>>();
function g1Cached(pk: Uint8Array) {
  const key = toHex(pk);
  if (g1Cache.has(key)) return g1Cache.get(key);
  const p = g1(pk);
  if (g1Cache.size > 10_000) g1Cache.clear();
  g1Cache.set(key, p);
  return p;
}

function g2(sig: Uint8Array) {
  if (sig.length !== 96) return undefined;
  try {
    const p = sigs.Signature.fromBytes(sig);
    p.assertValidity();
    return p;
  } catch {
    return undefined;
  }
}

/** Default backend: `@noble/curves` (pure JS). */
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
    const pk = sigs.getPublicKey(skBytes(sk)).toBytes(true);
    return sigs.Signature.toBytes(sigs.sign(popHash(pk), skBytes(sk)));
  },
  sign: (sk, msg) => sigs.Signature.toBytes(sigs.sign(sigs.hash(msg, SIG_DST), skBytes(sk))),
  aggregateSignatures: (list) => sigs.Signature.toBytes(sigs.aggregateSignatures(list.map((s) => sigs.Signature.fromBytes(s)))),
};

let backend: BlsBackend = nobleBackend;

/** The backend in use (a run-time choice, not a protocol parameter). */
export function bls(): BlsBackend {
  return backend;
}

/** Installs another backend (e.g. a `@chainsafe/blst` adapter); returns the previous one. */
export function setBlsBackend(next: BlsBackend): BlsBackend {
  const prev = backend;
  backend = next;
  popCache.clear();
  return prev;
}

// Verdicts are pure functions of their inputs, so caching them is safe (spec 14).
const popCache = new Map<string, boolean>();

/** PopVerify with a verdict cache keyed by (pk, pop). */
export function popVerifyCached(pk: Uint8Array, pop: Uint8Array): boolean {
  const key = `${toHex(pk)}:${toHex(pop)}`;
  let v = popCache.get(key);
  if (v === undefined) {
    v = backend.popVerify(pk, pop);
    if (popCache.size > 100_000) popCache.clear();
    popCache.set(key, v);
  }
  return v;
}

// ---- Test keys (spec 3.3) -------------------------------------------------------------------

/** sk(NAME) = keccak256("bls:" ‖ NAME) mod r, 1 if that is 0. */
export function testSecretKey(name: string): bigint {
  const x = bytesToBigInt(keccak256(utf8(`bls:${name}`))) % BLS_ORDER;
  return x === 0n ? 1n : x;
}

/** tmKey(NAME) = keccak256("tm:" ‖ NAME). */
export function testTmKey(name: string): Hex {
  return toHex(keccak256(utf8(`tm:${name}`)));
}

const testKeyCache = new Map<string, { pk: Uint8Array; pop?: Uint8Array }>();

export function testBlsKey(name: string): Uint8Array {
  let e = testKeyCache.get(name);
  if (!e) {
    e = { pk: backend.publicKey(testSecretKey(name)) };
    testKeyCache.set(name, e);
  }
  return e.pk;
}

export function testBlsPop(name: string): Uint8Array {
  testBlsKey(name);
  const e = testKeyCache.get(name)!;
  if (!e.pop) e.pop = backend.popProve(testSecretKey(name));
  return e.pop;
}

