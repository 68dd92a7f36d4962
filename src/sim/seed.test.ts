import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keccak256Noble, StakeworksError, toHex } from '../kernel/index.js';
import { jobSeed, parseMasterSeed, streamSeed, u32be } from './seed.js';

const invalid = (e: unknown) => e instanceof StakeworksError && e.code === 'INVALID_ARGUMENT';
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
// The hash by hand: bytes written out, the reference keccak (noble), no helper of seed.ts.
const byHand = (bytes: number[]) => toHex(keccak256Noble(new Uint8Array(bytes)));

describe('sim seeds', () => {
  it('jobSeed = keccak256("stakeworks/sim" ‖ master ‖ u32be(point) ‖ u32be(run))', () => {
    const expected = byHand([...ascii('stakeworks/sim'), 0x5e, 0xed, 0, 0, 0, 1, 0, 0, 0, 2]);
    assert.equal(toHex(jobSeed('0x5eed', 1, 2)), expected);
    // Pinned, so a change of domain string or layout shows here too.
    assert.equal(expected, '0xdd7e4561507fee695ea6cfdad9dd2e61843860f7c15964478d9529041c48f75f');
    assert.equal(toHex(jobSeed('0x5eed', 1, 2)), toHex(jobSeed('24301', 1, 2)));
    const big = byHand([...ascii('stakeworks/sim'), 0xab, 0xcd, 0x01, 0x02, 0x03, 0x04, 0xff, 0xff, 0xff, 0xff]);
    assert.equal(toHex(jobSeed(new Uint8Array([0xab, 0xcd]), 0x01020304, 0xffffffff)), big);
  });
  it('streamSeed = keccak256(jobSeed ‖ name ‖ u32be(index))', () => {
    const job = jobSeed('0x5eed', 0, 0);
    assert.equal(toHex(streamSeed(job, 'agents.prover', 7)), byHand([...job, ...ascii('agents.prover'), 0, 0, 0, 7]));
    assert.notEqual(toHex(streamSeed(job, 'a', 0)), toHex(streamSeed(job, 'b', 0)));
    assert.notEqual(toHex(streamSeed(job, 'a', 0)), toHex(streamSeed(job, 'a', 1)));
    assert.throws(() => streamSeed(new Uint8Array(31), 'a', 0), invalid);
  });
  it('master seed format: hex (odd length left-padded, leading zeros kept) or decimal', () => {
    assert.deepEqual([...parseMasterSeed('0x5eed')], [0x5e, 0xed]);
    assert.deepEqual([...parseMasterSeed('0xabc')], [0x0a, 0xbc]);
    assert.deepEqual([...parseMasterSeed('0x5')], [0x05]);
    assert.deepEqual([...parseMasterSeed('0x005eed')], [0x00, 0x5e, 0xed]);
    assert.deepEqual([...parseMasterSeed('0XAB')], [0xab]);
    assert.deepEqual([...parseMasterSeed(24301)], [0x5e, 0xed]);
    assert.deepEqual([...parseMasterSeed('24301')], [0x5e, 0xed]);
    assert.deepEqual([...parseMasterSeed(24301n)], [0x5e, 0xed]);
    assert.deepEqual([...parseMasterSeed(0)], [0x00]);
    assert.deepEqual([...parseMasterSeed(256)], [0x01, 0x00]);
    assert.deepEqual([...parseMasterSeed('18446744073709551616')], [1, 0, 0, 0, 0, 0, 0, 0, 0]);
    for (const bad of ['0x', '', 'seed', '0xg1', '-1', '1.5', -1, 1.5, 2 ** 60, new Uint8Array(0)]) {
      assert.throws(() => parseMasterSeed(bad as never), invalid, String(bad));
    }
  });
  it('point, run and index are uint32', () => {
    assert.deepEqual([...u32be(0xdeadbeef)], [0xde, 0xad, 0xbe, 0xef]);
    for (const bad of [-1, 2 ** 32, 1.5, NaN]) {
      assert.throws(() => jobSeed('0x01', bad, 0), invalid);
      assert.throws(() => jobSeed('0x01', 0, bad), invalid);
      assert.throws(() => streamSeed(jobSeed('0x01', 0, 0), 'x', bad), invalid);
    }
    assert.throws(() => jobSeed('0x01', -1, 0), /point must be an integer from 0 to 4294967295/);
  });
});
