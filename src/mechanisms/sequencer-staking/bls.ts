import { bytesToBigInt, keccak256, toHex, utf8, type Hex } from '../../kernel/index.js';
import { BLS_ORDER, nobleBackend, type BlsBackend } from './blsNoble.js';

export { BLS_ORDER, POP_DST, SIG_DST, nobleBackend, type BlsBackend } from './blsNoble.js';

/**
 * The BLS backend (spec 14): `@chainsafe/blst` when its native binary loads, else `@noble/curves`
 * (pure JS, the portable fallback). `STAKEWORKS_BLS=noble` forces noble, `STAKEWORKS_BLS=blst`
 * requires blst (a load failure is then an error). Both give the same verdicts (`bls.test.ts`).
 */
async function chooseBackend(): Promise<BlsBackend> {
  const wanted = process.env.STAKEWORKS_BLS ?? '';
  if (wanted === 'noble') return nobleBackend;
  if (wanted !== '' && wanted !== 'blst') throw new Error(`STAKEWORKS_BLS must be blst or noble, got ${JSON.stringify(wanted)}`);
  try {
    return (await import('./blsBlst.js')).blstBackend;
  } catch (err) {
    if (wanted === 'blst') throw new Error(`STAKEWORKS_BLS=blst but @chainsafe/blst did not load: ${(err as Error).message}`);
    return nobleBackend;
  }
}

/** The backend chosen at load time. */
export const defaultBlsBackend: BlsBackend = await chooseBackend();
/** Its name: `blst` or `noble`. */
export const blsBackendName: string = defaultBlsBackend.name;

let backend: BlsBackend = defaultBlsBackend;

/** The backend in use (a run-time choice, not a protocol parameter). */
export function bls(): BlsBackend {
  return backend;
}

/** Installs another backend (tests, benchmarks); returns the previous one. */
export function setBlsBackend(next: BlsBackend): BlsBackend {
  const prev = backend;
  backend = next;
  popCache.clear();
  return prev;
}

// Verdicts are pure functions of their inputs, so caching them is safe (spec 14).
const popCache = new Map<string, boolean>();
const popKey = (pk: Uint8Array, pop: Uint8Array) => `${toHex(pk)}:${toHex(pop)}`;

/** PopVerify with a verdict cache keyed by (pk, pop). */
export function popVerifyCached(pk: Uint8Array, pop: Uint8Array): boolean {
  const key = popKey(pk, pop);
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

/**
 * PopProve(sk(NAME)). The pair (blsKey(NAME), blsPop(NAME)) verifies by bilinearity, e(sk·G1,
 * H(pk)) = e(G1, sk·H(pk)), so its verdict is recorded as it is derived: a registration with a
 * test key then skips the ≈ 25 ms noble pairing (blst cannot hash under the PoP DST). Any other
 * pair, such as alice's key with bob's proof, is verified. `bls.test.ts` verifies derived pairs
 * on both backends without this cache.
 */
export function testBlsPop(name: string): Uint8Array {
  const pk = testBlsKey(name);
  const e = testKeyCache.get(name)!;
  if (!e.pop) {
    e.pop = backend.popProve(testSecretKey(name));
    if (popCache.size > 100_000) popCache.clear();
    popCache.set(popKey(pk, e.pop), true);
  }
  return e.pop;
}
