import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Chain } from '../../chain/chain.js';
import { fromHex, keccakText, toHex, type Hex } from '../../kernel/index.js';
import { drawSeed, drawSeedFast } from './draw.js';
import { l2Hash } from './params.js';

const hex32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => toHex(b) as Hex);

describe('prover pool fast paths agree with their plain forms', () => {
  it('property: drawSeedFast (reused preimage) = drawSeed (concatenated hex), also across calls', () => {
    fc.assert(
      fc.property(hex32, fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }), hex32, fc.bigInt({ min: 0n, max: 2n ** 64n }), (h1, b1, h2, b2) => {
        const s1 = drawSeedFast(fromHex(h1), b1);
        const s2 = drawSeedFast(fromHex(h2), b2);
        assert.deepEqual(s1, drawSeed(h1, b1));
        assert.deepEqual(s2, drawSeed(h2, b2));
      }),
      { numRuns: 400 },
    );
  });

  it('l2Hash (memoised) = keccak("l2block:" ‖ decimal), for numbers, bigints and colliding memo slots', () => {
    for (const b of [0, 1, 63, 64, 65, 127, 128, 1, 64, 2 ** 53 - 1]) {
      assert.equal(l2Hash(b), keccakText(`l2block:${b}`), `${b}`);
      assert.equal(l2Hash(BigInt(b)), keccakText(`l2block:${b}`), `${b}n`);
    }
    const big = 2n ** 200n + 5n;
    assert.equal(l2Hash(big), keccakText(`l2block:${big}`));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 50 }), (ids) => {
        for (const b of ids) assert.equal(l2Hash(b), keccakText(`l2block:${b}`));
      }),
      { numRuns: 100 },
    );
  });

  it('the parent-hash bytes follow a hash a scenario sets, and a failed step that would have set it', () => {
    const chain = Chain.build({ mechanisms: { proverPool: { preset: 'taiko-a4' } } }, { time: 1000, height: 5 });
    const bytes = () => toHex(chain.clock.parentHashBytes());
    assert.equal(bytes(), keccakText('block:4'));
    const custom = `0x${'ab'.repeat(32)}` as Hex;
    assert.ok(chain.advance({ seconds: 12, blocks: 1, blockHash: custom }).ok);
    assert.equal(chain.clock.parentHash(), custom);
    assert.equal(bytes(), custom);
    assert.ok(chain.advance({ seconds: 12, blocks: 1 }).ok);
    assert.equal(bytes(), keccakText('block:6'));
    // A failing advance (its blocks count is invalid) leaves the parent hash as it was.
    assert.equal(chain.advance({ blocks: -1, blockHash: custom }).ok, false);
    assert.equal(bytes(), keccakText('block:6'));
  });
});
