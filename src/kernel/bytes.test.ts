import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { bytesToBigInt, concatBytes, fromHex, keccak256, keccak256Hex, keccak256Noble, keccakBackend, keccakText, keccakUtf8, toHex, u256be, u256beInto, utf8, ZERO_HASH } from './bytes.js';
import { defaultBlockHash } from './clock.js';
import { StakeworksError } from './errors.js';

const invalid = (e: unknown) => e instanceof StakeworksError && e.code === 'INVALID_ARGUMENT';

describe('keccak256 (Ethereum Keccak, not SHA3-256)', () => {
  it('known vectors', () => {
    assert.equal(keccakText(''), '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
    assert.equal(keccakText('abc'), '0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45');
    assert.equal(keccakText('The quick brown fox jumps over the lazy dog'), '0x4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15');
    // keccak256(abi.encode(uint256(0))) and (1): the well-known storage-slot hashes
    assert.equal(keccak256Hex(u256be(0n)), '0x290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e563');
    assert.equal(keccak256Hex(u256be(1n)), '0xb10e2d527612073b26eecdfd717e6a320cf44b4afac2b0732d9fcbe2b7fa0cf6');
  });
  it('keccak256 bytes and hex agree; UTF-8 is used for text', () => {
    const b = keccak256(utf8('alice'));
    assert.equal(b.length, 32);
    assert.equal(toHex(b), keccakText('alice'));
    assert.equal(keccakText('alice'), '0x9c0257114eb9399a2985f8e75dad7600c5d89fe3824ffa99ec1c3eb8bf3b0501');
    assert.deepEqual([...utf8('é')], [0xc3, 0xa9]);
  });
  it('default block hashes are keccak("block:" ‖ decimal height)', () => {
    assert.equal(defaultBlockHash(1), '0xe78a59ae478afb8708ca51efd55c7cfa61566adc2351b1140654c218d60f96e2');
    assert.equal(defaultBlockHash(0), keccakText('block:0'));
    assert.equal(defaultBlockHash(0), '0x7bce87b70d15e85e15825051e9bb936cf8aa49345c9744104a6dc90aeb2bcd94');
  });
});

describe('hex and words', () => {
  it('u256be is a 32-byte big-endian word', () => {
    assert.equal(toHex(u256be(0n)), ZERO_HASH);
    assert.equal(toHex(u256be(1n)), `0x${'0'.repeat(63)}1`);
    assert.equal(toHex(u256be(0x0102n)), `0x${'0'.repeat(60)}0102`);
    assert.equal(toHex(u256be(2n ** 256n - 1n)), `0x${'f'.repeat(64)}`);
    assert.equal(toHex(u256be(2n ** 255n)), `0x80${'0'.repeat(62)}`);
    assert.throws(() => u256be(2n ** 256n), invalid);
    assert.throws(() => u256be(-1n), invalid);
  });
  it('fromHex / toHex', () => {
    assert.deepEqual([...fromHex('0x')], []);
    assert.deepEqual([...fromHex('0xAbCd')], [0xab, 0xcd]);
    assert.deepEqual([...fromHex('0Xff00')], [0xff, 0x00]);
    assert.deepEqual([...fromHex('ff00')], [0xff, 0x00]);
    assert.equal(toHex(new Uint8Array([0, 1, 254, 255])), '0x0001feff');
    assert.throws(() => fromHex('0xabc'), invalid);
    assert.throws(() => fromHex('0xzz'), invalid);
    assert.throws(() => fromHex('0x 1'), invalid);
  });
  it('bytesToBigInt', () => {
    assert.equal(bytesToBigInt(new Uint8Array([])), 0n);
    assert.equal(bytesToBigInt(new Uint8Array([1, 0])), 256n);
    assert.equal(bytesToBigInt(keccak256(new Uint8Array())), 0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470n);
  });
  it('concatBytes', () => {
    assert.deepEqual([...concatBytes(new Uint8Array([1]), new Uint8Array([]), new Uint8Array([2, 3]))], [1, 2, 3]);
    assert.equal(concatBytes(u256be(1n), u256be(2n)).length, 64);
    assert.equal(concatBytes().length, 0);
  });
  it('property: bytesToBigInt of any length equals the hex-string reading', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (b) => {
        assert.equal(bytesToBigInt(b), b.length === 0 ? 0n : BigInt(toHex(b)));
      }),
      { numRuns: 500 },
    );
  });
  it('property: u256beInto writes the word at an offset and nothing else', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }), fc.integer({ min: 0, max: 40 }), (x, off) => {
        const out = new Uint8Array(off + 40).fill(0xaa);
        u256beInto(out, off, x);
        assert.equal(toHex(out.subarray(off, off + 32)), `0x${x.toString(16).padStart(64, '0')}`);
        assert.ok(out.subarray(0, off).every((v) => v === 0xaa) && out.subarray(off + 32).every((v) => v === 0xaa));
      }),
      { numRuns: 500 },
    );
    assert.throws(() => u256beInto(new Uint8Array(32), 0, 2n ** 256n), invalid);
  });
  it('property: u256be / bytesToBigInt / hex round trip', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }), (x) => {
        const w = u256be(x);
        assert.equal(w.length, 32);
        assert.equal(bytesToBigInt(w), x);
        assert.equal(BigInt(toHex(w)), x);
        assert.deepEqual(fromHex(toHex(w)), w);
      }),
      { numRuns: 500 },
    );
  });
});

describe('keccak-256: the WASM fast path against the noble reference', () => {
  it('uses the WASM backend by default', { skip: process.env.STAKEWORKS_KECCAK === 'noble' ? 'STAKEWORKS_KECCAK=noble forces the reference' : false }, () => {
    assert.equal(keccakBackend, 'wasm');
  });

  it('agrees with noble on random inputs of every length up to four rate blocks', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 4 * 136 + 1 }), (data) => {
        assert.deepEqual(keccak256(data), keccak256Noble(data));
        assert.equal(keccak256Hex(data), toHex(keccak256Noble(data)));
      }),
      { numRuns: 600 },
    );
    // Every length around the 136-byte rate boundary, exactly.
    for (let n = 0; n <= 2 * 136 + 2; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff);
      assert.deepEqual(keccak256(data), keccak256Noble(data), `length ${n}`);
    }
  });

  it('falls back to noble when asked (STAKEWORKS_KECCAK=noble), with equal hashes', () => {
    const url = new URL('./bytes.js', import.meta.url).href;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', `const b = await import(${JSON.stringify(url)}); console.log(b.keccakBackend, b.keccakText('block:7'));`], {
      env: { ...process.env, STAKEWORKS_KECCAK: 'noble' },
      encoding: 'utf8',
    }).trim();
    assert.equal(out, `noble ${keccakText('block:7')}`);
  });
});

describe('keccakUtf8', () => {
  it('ASCII text of every length around the reused buffer (1,024 bytes) hashes like its UTF-8 bytes', () => {
    for (const n of [0, 1, 63, 64, 135, 136, 137, 1023, 1024, 1025, 3000]) {
      const s = Array.from({ length: n }, (_, i) => String.fromCharCode(32 + ((i * 7 + n) % 95))).join('');
      const ref = keccak256Noble(utf8(s));
      assert.deepEqual(keccakUtf8(s), ref, `length ${n}`);
      assert.equal(keccakText(s), toHex(ref), `length ${n}`);
    }
    // A non-ASCII character anywhere (also the last) leaves the buffer for the encoder.
    for (const s of ['é', 'abcé', `${'a'.repeat(1023)}é`, `€${'b'.repeat(10)}`]) assert.deepEqual(keccakUtf8(s), keccak256Noble(utf8(s)), s);
  });
  it('property: mixed text, interleaved hashes do not see each other through the buffer', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 1200 }), fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), (a, b) => {
        const ha = keccakUtf8(a);
        const hb = keccakText(b);
        assert.deepEqual(ha, keccak256Noble(utf8(a)));
        assert.equal(hb, toHex(keccak256Noble(utf8(b))));
      }),
      { numRuns: 400 },
    );
  });
  it('equals keccak256 of the UTF-8 bytes, also for multi-byte characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
        assert.deepEqual(keccakUtf8(s), keccak256Noble(utf8(s)));
      }),
      { numRuns: 300 },
    );
  });
});
