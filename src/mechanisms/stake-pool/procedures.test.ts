import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressOf } from '../../kernel/index.js';
import { initialV, minimumStake } from './economics.js';
import { fromFixed, int, mul, toFixed } from './fixed.js';
import { hasExpiredWithdrawal } from './hasExpiredWithdrawal.js';
import { minerAccount } from './minerAccount.js';
import { parseParams, presets } from './params.js';
import { workerIdOf } from './schemas.js';

const PHA = 10n ** 12n;
const test = parseParams({ ...presets['phala-test-v1'] }).tokenomic;
const khala = parseParams({ ...presets['phala-khala-v1'] }).tokenomic;

describe('grace rule as a pure function (§14.2)', () => {
  const queue = [
    { user: addressOf('u1'), shares: 100n * PHA, startTime: 0 },
    { user: addressOf('u2'), shares: 200n * PHA, startTime: 100 },
    { user: addressOf('u3'), shares: 400n * PHA, startTime: 200 },
  ];
  const snap = (releasingStake: bigint) => ({ totalShares: 1000n * PHA, totalStake: 900n * PHA, freeStake: 0n, releasingStake, withdrawQueue: queue });
  const rows: Array<[bigint, number, boolean]> = [
    [0n, 0, false],
    [0n, 100, false],
    [0n, 101, true],
    [90n * PHA, 101, false],
    [90n * PHA, 201, true],
    [630n * PHA - 10n, 1000, true],
    [630n * PHA, 1000, false],
  ];
  for (const [rel, now, expired] of rows) {
    it(`releasing ${rel}, now ${now} → ${expired}`, () => assert.equal(hasExpiredWithdrawal(snap(rel), now, 100), expired));
  }
  it('no shares or a worthless pool never forces', () => {
    assert.equal(hasExpiredWithdrawal({ ...snap(0n), totalShares: 0n }, 10_000, 100), false);
    assert.equal(hasExpiredWithdrawal({ ...snap(0n), totalStake: 0n }, 10_000, 100), false);
  });
});

describe('worker economics (§6.10, §14.1)', () => {
  it('minimum stakes', () => {
    assert.equal(minimumStake(khala, 450), 1060660171776544n);
    assert.equal(minimumStake(khala, 1600), 2000000000000000n);
    assert.equal(minimumStake(test, 1000), 3162277660146355n);
    assert.equal(minimumStake(test, 1), 100n * PHA);
  });
  it('initial V by confidence level', () => {
    assert.equal(initialV(khala, 1000n * PHA, 1000, 1), 37552300435765872933000n);
    assert.equal(initialV(khala, 1000n * PHA, 1000, 4), 35048813740048148070257n);
    assert.equal(initialV(khala, 1000n * PHA, 1000, 5), 33797070392189285638885n);
    assert.equal(initialV(test, 500n * PHA, 1, 128), 11997577878099955275630n);
    assert.equal(initialV(test, 1000n * PHA, 1000, 9), initialV(test, 1000n * PHA, 1000, 1));
  });
  it('rig cost rows (test preset): 150, 600, 840 PHA ideal', () => {
    // Code-exact 150.0000000000000000054, 600.0000000000000000217, 840.00000000000000003036: just above, so whole PHA after fromFixed.
    assert.equal(fromFixed(mul(test.rigK, int(500))), 150n * PHA);
    assert.equal(fromFixed(mul(test.rigK, int(2000))), 600n * PHA);
    assert.equal(fromFixed(mul(test.rigK, int(2800))), 840n * PHA);
    assert.ok(mul(test.rigK, int(500)) > toFixed(150n * PHA));
  });
});

describe('identifiers (§2)', () => {
  it('worker names and miner accounts', () => {
    const w1 = workerIdOf('w1')!;
    assert.equal(w1, '0xea3e1c24bbc66c2a2f4de96e35920f0e1984cfa797dfd34ce3f674227638a494');
    assert.equal(minerAccount(0, w1), '0xbf641e3bb0875117a743d156d6e32b5c871b789e');
    assert.equal(workerIdOf(w1.toUpperCase().replace('0X', '0x')), w1);
    assert.equal(workerIdOf('0x12'), undefined);
  });
});
