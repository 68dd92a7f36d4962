import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { FpIsSquare } from '@noble/curves/abstract/modular.js';
import { addressOf, fromHex, keccakText, toHex } from '../../kernel/index.js';
import { loadScenarioFile } from '../../scenario/load.js';
import { runScenario } from '../../scenario/run.js';
import { repoRoot } from '../../testing/repoRoot.js';
import { BLS_ORDER, bls, blsBackendName, nobleBackend, setBlsBackend, testBlsKey, testBlsPop, testSecretKey, testTmKey, type BlsBackend } from './bls.js';

// The native backend, when its binary loads here (imported directly: STAKEWORKS_BLS does not apply).
const blst: BlsBackend | undefined = await import('./blsBlst.js').then((m) => m.blstBackend).catch(() => undefined);
const backends: BlsBackend[] = blst ? [nobleBackend, blst] : [nobleBackend];

// Spec 15.10.
const V: Record<string, { addr: string; tmKey: string; pk: string; pop: string }> = {
  first: {
    addr: '0x0c9ec6fb32af21c16d3f6ac10039258c2a5d4d2d',
    tmKey: '0xe53cc112004c7d37a34cbc947e4da8046042f397807cdce5e672c0d9636d3b39',
    pk: '0x89a7157428540bd17dbb8ff7d0380617c097fa0f3749be82061a234f38e4a84e7400c4311a45ba34747ded8fdeb99da3',
    pop: '0x9575c7a26e469fc3d3b0985e8f3ed127f0edac5c2684359018d6b2b4c81ccbd8987c2d2abea20a50559f17011eade94409473fcc9cb150eeff50fac5c504889154201761475d5b03c1f3695d2443099716fe4317d662063f744e18076efd426b',
  },
  second: {
    addr: '0x5f3a97d4f276a44c24c135c12c37867a1f667b8a',
    tmKey: '0xca18f3e9c433623b87866171dcb17fbf631e79198eaf37299204ae6de2e7b679',
    pk: '0x97ab77a5ceeb8aff884531b23289024093d1aca2b78bc20ddc782c856010023887b583b80029ef19598578c093d20dd1',
    pop: '0x9907a2e62a09f1109577bce8dd8a1694b5d3fed904fe333a198db7905652b3b7c7d23c63cf3e6265944e5c4c34ed085618362359e9cc73f381fde42c6fef012fe05cd3cbf79628bb9c8a2be969fafba8f7376adcd17678a33d1b669de027f060',
  },
  third: {
    addr: '0x6cbdbc28cb7eea7fb31af3efe0e73d501c738c34',
    tmKey: '0x3096616aa0a3fd82758fa357f4395b34a6fb4167982e38db05ea459eb3e38600',
    pk: '0x814a8ad7ee77e3d580298c729e88349d903818276d5c314151c283baea6fcceeea3650c92ead8b4b37aece96fe5b1f7d',
    pop: '0x8f382f2db753879e01037f26f6a3b7dfb5be1d3e957f4c11958f06e15f761825bed260bd2e4ddca225300d5662feb50910e29f4b0a3ef41702f8f4cbc1c8890ff36dca6522cb3f8e4bece728583ceb3e115597bf59d4b47af29e6515da903f18',
  },
  bob: {
    addr: '0x3440326f551b8a7ee198cee35cb5d517f2d296a2',
    tmKey: '0x953cc2a15fe9b348a7973dcf49d5a076c91fdb420745be716f3ee4d37722315d',
    pk: '0xa9e866902e54eb364e5b0ac6f39ba8c5def7ef1753643aed740e4c5162af4d318a00ed06195065d15d598fffa9646c61',
    pop: '0xa04ce29659309dd7a353104e1623f9cbf6d67d6d47f6df05bcbc1ca52c916781f4efd98cef846fd2caac7cef2124bf2e12dd59480ebef42a00c90a397c7e61a78803ed4b9233a9fa174e43683b3968f06e53fca972a4b2439ad9a2184979f5e8',
  },
};

const B1_SIG =
  '0xb9fa1b3e28780f30a7ccced86dcb96ec9a2ea5d1c66a82e436802dd80f5da1396da733a378b8b847b82dd040550470d3192b24386ab296bc36a9ffb9ae6f8df74c30416de89efb6adda79c1d5f4fdff50deca1ecfd7bee7a19a02a0167c3cb32';
const B2_SIG =
  '0xb7571b5c30bcb7846cc7a1f98ace14c03210ba2bbe3600783c7648dc7c46d65479704df8d5ae34159aaf1e658a2e2a3f124dcc914852d93a32ee80b451b513ed4a99ff1779d3a9cd378717b07956f093b2d510829b32ee0474d0bab9adcd6547';
const B1_MSG = '0x8570625dd31e5f88cdacf8162fb7b621c01ba6a4c6d7959e9cb2b53c78f2ee8a';
const IDENTITY_G1 = fromHex(`0xc0${'00'.repeat(47)}`);
const IDENTITY_G2 = fromHex(`0xc0${'00'.repeat(95)}`);

describe('test keys of spec 15.10 (active backend)', () => {
  it('derives the test keys', () => {
    for (const [name, v] of Object.entries(V)) {
      assert.equal(addressOf(name), v.addr);
      assert.equal(testTmKey(name), v.tmKey);
      assert.equal(toHex(testBlsKey(name)), v.pk);
      assert.equal(toHex(testBlsPop(name)), v.pop);
    }
  });

  it('uses blst unless told otherwise (STAKEWORKS_BLS)', () => {
    const expected = process.env.STAKEWORKS_BLS === 'noble' || !blst ? 'noble' : 'blst';
    assert.equal(blsBackendName, expected);
    assert.equal(bls().name, expected);
  });
});

for (const b of backends) {
  describe(`BLS backend ${b.name} on the vectors of spec 15.10`, () => {
    it('derives the keys and proofs of possession from the secrets', () => {
      for (const [name, v] of Object.entries(V)) {
        assert.equal(toHex(b.publicKey(testSecretKey(name))), v.pk, name);
        assert.equal(toHex(b.popProve(testSecretKey(name))), v.pop, name);
      }
    });

    it('verifies proofs of possession and refuses swapped ones', () => {
      for (const v of Object.values(V)) assert.equal(b.popVerify(fromHex(v.pk), fromHex(v.pop)), true);
      assert.equal(b.popVerify(fromHex(V.first!.pk), fromHex(V.bob!.pop)), false);
      assert.equal(b.popVerify(fromHex(V.first!.pk), new Uint8Array(96)), false);
      assert.equal(b.popVerify(fromHex(V.first!.pk), IDENTITY_G2), false);
      assert.equal(b.popVerify(IDENTITY_G1, fromHex(V.first!.pop)), false);
      assert.equal(b.keyValidate(new Uint8Array(48)), false);
      assert.equal(b.keyValidate(IDENTITY_G1), false, 'identity');
      assert.equal(b.keyValidate(fromHex(V.first!.pk)), true);
    });

    it('FastAggregateVerify: B-1 accepted, B-2 valid only for its two signers, B-3 refused', () => {
      assert.equal(keccakText('batch:1'), '0x270ef9267990d5f59c4d77a116a1ff25411682900c7f4a95c32804b1c009f194');
      const pks = ['first', 'second', 'third'].map((n) => fromHex(V[n]!.pk));
      const m = fromHex(B1_MSG);
      assert.equal(b.fastAggregateVerify(pks, m, fromHex(B1_SIG)), true);
      assert.equal(b.fastAggregateVerify(pks.slice(0, 2), m, fromHex(B2_SIG)), true);
      assert.equal(b.fastAggregateVerify(pks, m, fromHex(B2_SIG)), false);
      assert.equal(b.fastAggregateVerify([], m, fromHex(B1_SIG)), false);
      assert.equal(b.fastAggregateVerify(pks, m, IDENTITY_G2), false);
      const agg = b.aggregateSignatures(['first', 'second', 'third'].map((n) => b.sign(testSecretKey(n), m)));
      assert.equal(toHex(agg), B1_SIG);
    });
  });
}

// ---- noble against blst ---------------------------------------------------------------------

const Fp = bls12_381.fields.Fp;
const P = Fp.ORDER;
const secret = fc.bigInt({ min: 1n, max: BLS_ORDER - 1n });
const message = fc.uint8Array({ minLength: 0, maxLength: 64 });

function be48(x: bigint): Uint8Array {
  return fromHex(`0x${x.toString(16).padStart(96, '0')}`);
}
function flip(bytes: Uint8Array, bit: number): Uint8Array {
  const out = Uint8Array.from(bytes);
  out[(bit >> 3) % out.length]! ^= 1 << (bit & 7);
  return out;
}
/** x + p in the 381 bits of a compressed G1 encoding (same point for noble's decoder), if it fits. */
function nonCanonicalG1(pk: Uint8Array): Uint8Array | undefined {
  const flags = pk[0]! & 0xe0;
  const x = BigInt(toHex(Uint8Array.from(pk, (v, i) => (i === 0 ? v & 0x1f : v))));
  if (x + P >= 1n << 381n) return undefined;
  const out = be48(x + P);
  out[0]! |= flags;
  return out;
}
/** The same G2 point with c1 (part 0) or c0 (part 1) of x written as x + p, if it fits. */
function nonCanonicalG2(sig: Uint8Array, part: 0 | 1): Uint8Array | undefined {
  const half = Uint8Array.from(sig.subarray(48 * part, 48 * part + 48), (v, i) => (i === 0 && part === 0 ? v & 0x1f : v));
  const x = BigInt(toHex(half));
  if (x + P >= 1n << (part === 0 ? 381n : 384n)) return undefined;
  const out = Uint8Array.from(sig);
  out.set(be48(x + P), 48 * part);
  if (part === 0) out[0]! |= sig[0]! & 0xe0;
  return out;
}
/** A compressed G1 point on the curve y² = x³ + 4 but (almost surely) outside the r-order subgroup. */
function offSubgroupG1(seed: bigint, sort: boolean): Uint8Array {
  for (let x = seed % P; ; x = (x + 1n) % P) {
    const rhs = Fp.add(Fp.pow(x, 3n), 4n);
    if (!FpIsSquare(Fp, rhs)) continue;
    const out = be48(x);
    out[0]! |= sort ? 0xa0 : 0x80;
    return out;
  }
}

/** Every backend gives the same answer; returns it. */
function agree<T>(what: string, f: (b: BlsBackend) => T): T {
  const [first, ...rest] = backends.map((b) => ({ b: b.name, v: f(b) }));
  for (const r of rest) assert.deepEqual(r.v, first!.v, `${what}: ${r.b} ≠ ${first!.b}`);
  return first!.v;
}
const hexOf = (f: (b: BlsBackend) => Uint8Array) => (b: BlsBackend) => toHex(f(b));

describe('noble and blst agree (fast-check)', { skip: blst ? false : '@chainsafe/blst does not load here' }, () => {
  it('same public keys and signatures for random secret keys', () => {
    fc.assert(
      fc.property(secret, message, (sk, msg) => {
        agree('publicKey', hexOf((b) => b.publicKey(sk)));
        agree('sign', hexOf((b) => b.sign(sk, msg)));
      }),
      { numRuns: 25 },
    );
  });

  it('same KeyValidate verdicts on valid, bit-flipped, non-canonical, identity, off-subgroup and random keys', () => {
    fc.assert(
      fc.property(secret, fc.nat(48 * 8 - 1), fc.uint8Array({ minLength: 0, maxLength: 97 }), fc.bigInt({ min: 0n, max: P - 1n }), fc.boolean(), (sk, bit, junk, seed, sort) => {
        const pk = blst!.publicKey(sk);
        assert.equal(agree('valid', (b) => b.keyValidate(pk)), true);
        agree('bit flip', (b) => b.keyValidate(flip(pk, bit)));
        const nc = nonCanonicalG1(pk);
        if (nc) assert.equal(agree('x + p', (b) => b.keyValidate(nc)), false);
        assert.equal(agree('identity', (b) => b.keyValidate(IDENTITY_G1)), false);
        assert.equal(agree('off subgroup', (b) => b.keyValidate(offSubgroupG1(seed, sort))), false);
        agree('random bytes', (b) => b.keyValidate(junk));
        if (junk.length > 0) agree('random bytes as a compressed key', (b) => b.keyValidate(Uint8Array.from({ length: 48 }, (_, i) => (i === 0 ? 0x80 | (junk[0]! & 0x3f) : (junk[i % junk.length] ?? 0)))));
        assert.equal(agree('uncompressed form', (b) => b.keyValidate(bls12_381.G1.Point.fromBytes(pk).toBytes(false))), false);
      }),
      { numRuns: 40 },
    );
  });

  it('same PopVerify verdicts for derived, swapped and tampered proofs', () => {
    fc.assert(
      fc.property(secret, secret, fc.nat(96 * 8 - 1), (sk, other, bit) => {
        const pk = blst!.publicKey(sk);
        const pop = agree('popProve', hexOf((b) => b.popProve(sk)));
        assert.equal(agree('derived', (b) => b.popVerify(pk, fromHex(pop))), true);
        const swapped = blst!.popProve(other === sk ? (sk % (BLS_ORDER - 1n)) + 1n : other);
        assert.equal(agree('another key\u2019s proof', (b) => b.popVerify(pk, swapped)), false);
        assert.equal(agree('bit-flipped proof', (b) => b.popVerify(pk, flip(fromHex(pop), bit))), false);
        assert.equal(agree('short proof', (b) => b.popVerify(pk, fromHex(pop).subarray(0, 95))), false);
        assert.equal(agree('identity proof', (b) => b.popVerify(pk, IDENTITY_G2)), false);
      }),
      { numRuns: 4 },
    );
  });

  it('same FastAggregateVerify verdicts for valid and tampered batches', () => {
    fc.assert(
      fc.property(fc.uniqueArray(secret, { minLength: 1, maxLength: 5 }), message, message, fc.nat(96 * 8 - 1), fc.uint8Array({ minLength: 96, maxLength: 96 }), (sks, msg, other, bit, junk) => {
        const pks = sks.map((sk) => blst!.publicKey(sk));
        const sig = fromHex(agree('aggregateSignatures', hexOf((b) => b.aggregateSignatures(sks.map((sk) => b.sign(sk, msg))))));
        assert.equal(agree('valid', (b) => b.fastAggregateVerify(pks, msg, sig)), true);
        const differs = toHex(other) !== toHex(msg);
        assert.equal(agree('wrong message', (b) => b.fastAggregateVerify(pks, other, sig)), !differs);
        if (pks.length > 1) assert.equal(agree('missing signer', (b) => b.fastAggregateVerify(pks.slice(1), msg, sig)), false);
        assert.equal(agree('extra key', (b) => b.fastAggregateVerify([...pks, blst!.publicKey(7n)], msg, sig)), false);
        assert.equal(agree('bit-flipped signature', (b) => b.fastAggregateVerify(pks, msg, flip(sig, bit))), false);
        for (const part of [0, 1] as const) {
          const nc = nonCanonicalG2(sig, part);
          if (nc) assert.equal(agree(`signature with x.c${1 - part} + p`, (b) => b.fastAggregateVerify(pks, msg, nc)), false);
        }
        assert.equal(agree('random signature bytes', (b) => b.fastAggregateVerify(pks, msg, junk)), false);
        assert.equal(agree('short key', (b) => b.fastAggregateVerify([pks[0]!.subarray(0, 47), ...pks.slice(1)], msg, sig)), false);
        assert.equal(agree('identity key', (b) => b.fastAggregateVerify([...pks, IDENTITY_G1], msg, sig)), false);
        assert.equal(agree('identity signature', (b) => b.fastAggregateVerify(pks, msg, IDENTITY_G2)), false);
      }),
      { numRuns: 5 },
    );
  });

  it('same verdicts for every combination of the three flag bits (compressed, infinity, sort)', () => {
    const pks = ['first', 'second', 'third'].map((n) => fromHex(V[n]!.pk));
    const m = fromHex(B1_MSG);
    for (let flags = 0; flags < 8; flags++) {
      const withFlags = (b: Uint8Array) => Uint8Array.from(b, (v, i) => (i === 0 ? (v & 0x1f) | (flags << 5) : v));
      for (const pk of [pks[0]!, IDENTITY_G1]) agree(`key flags ${flags}`, (b) => b.keyValidate(withFlags(pk)));
      agree(`proof flags ${flags}`, (b) => b.popVerify(pks[0]!, withFlags(fromHex(V.first!.pop))));
      for (const sig of [fromHex(B1_SIG), IDENTITY_G2]) agree(`signature flags ${flags}`, (b) => b.fastAggregateVerify(pks, m, withFlags(sig)));
    }
  });

  it('an aggregate key that is the identity verifies nothing', () => {
    const sk = 123_456_789n;
    const keys = [blst!.publicKey(sk), blst!.publicKey(BLS_ORDER - sk)];
    const msg = fromHex(B1_MSG);
    const sig = blst!.sign(sk, msg);
    assert.equal(agree('pk + (−pk)', (b) => b.fastAggregateVerify(keys, msg, sig)), false);
    assert.equal(agree('pk + (−pk), identity signature', (b) => b.fastAggregateVerify(keys, msg, IDENTITY_G2)), false);
    assert.equal(agree('pk + (−pk) + pk', (b) => b.fastAggregateVerify([...keys, keys[0]!], msg, sig)), true);
  });
});

// ---- the spec vectors with either backend -----------------------------------------------------

describe('BLS scenario vectors give the same records with both backends', { skip: blst ? false : '@chainsafe/blst does not load here' }, () => {
  for (const file of ['bls-01-registration-keys.yaml', 'bls-02-batch-signatures.yaml', 'l1-12-slash-through-challenge.yaml']) {
    it(file, () => {
      const path = join(repoRoot, 'test/vectors/sequencer-staking', file);
      const records = backends.map((b) => {
        const prev = setBlsBackend(b);
        try {
          const r = runScenario(loadScenarioFile(path), file, { checkInvariants: true });
          assert.ok(r.passed, `${b.name}: ${JSON.stringify(r.steps.flatMap((s) => s.failures))}`);
          return JSON.stringify(r);
        } finally {
          setBlsBackend(prev);
        }
      });
      assert.equal(records[1], records[0]);
    });
  }

  it('falls back to noble where @chainsafe/blst does not load; STAKEWORKS_BLS=blst then fails', () => {
    // A loader hook that refuses the native module, as a platform without its binary would.
    const hook = 'export async function resolve(s, c, next) { if (s === "@chainsafe/blst") throw new Error("no native binary"); return next(s, c); }';
    const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${hook}`)});`;
    const url = new URL('./bls.js', import.meta.url).href;
    const run = (env: Record<string, string>) =>
      execFileSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, '--input-type=module', '-e', `console.log((await import(${JSON.stringify(url)})).blsBackendName)`], {
        env: { ...process.env, ...env },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }).trim();
    assert.equal(run({ STAKEWORKS_BLS: '' }), 'noble');
    assert.throws(() => run({ STAKEWORKS_BLS: 'blst' }), /STAKEWORKS_BLS=blst but @chainsafe\/blst did not load/);
  });

  it('STAKEWORKS_BLS=noble forces noble in a fresh process, and the CLI still passes a vector', () => {
    const url = new URL('./bls.js', import.meta.url).href;
    const name = execFileSync(process.execPath, ['--input-type=module', '-e', `console.log((await import(${JSON.stringify(url)})).blsBackendName)`], {
      env: { ...process.env, STAKEWORKS_BLS: 'noble' },
      encoding: 'utf8',
    }).trim();
    assert.equal(name, 'noble');
    const out = execFileSync(process.execPath, [join(repoRoot, 'bin/stakeworks.js'), 'run', '-q', join(repoRoot, 'test/vectors/sequencer-staking/bls-02-batch-signatures.yaml')], {
      env: { ...process.env, STAKEWORKS_BLS: 'noble' },
      encoding: 'utf8',
    });
    assert.match(out, /1 passed, 0 failed/);
  });
});
