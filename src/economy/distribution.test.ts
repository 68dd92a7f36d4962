import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Chain } from '../chain/chain.js';
import { addressOf } from '../kernel/address.js';
import { loadScenarioFile } from '../scenario/load.js';
import { runScenario, type ScenarioRecord } from '../scenario/run.js';
import { repoRoot } from '../testing/repoRoot.js';
import { distributionQueries, orderEntries, sumById } from './distribution.js';
import { refEffectiveEntities, refEntropyBits, refGini, refHhi, refLorenz, refTopShare } from './metrics.reference.js';

const run = (mechanism: string): ScenarioRecord => {
  const file = join(repoRoot, 'test/vectors', mechanism, 'm1-distribution-and-metrics.yaml');
  const r = runScenario(loadScenarioFile(file), file, { checkInvariants: true });
  assert.ok(r.passed, JSON.stringify(r.steps.flatMap((s) => s.failures)));
  return r;
};
/** The result of the last query step `call` with these args (JSON form). */
const resultOf = (r: ScenarioRecord, call: string, args: Record<string, unknown>) => {
  const step = [...r.steps].reverse().find((s) => s.call === call && JSON.stringify(s.args ?? {}) === JSON.stringify(args) && s.outcome === 'ok');
  assert.ok(step, `no step ${call} ${JSON.stringify(args)}`);
  return step.result as any;
};
const invalid = (fn: () => unknown, re: RegExp) => assert.throws(fn, (e: any) => e.code === 'INVALID_ARGUMENT' && re.test(e.message));

describe('orderEntries (economy §1.1 order)', () => {
  it('keeps stake > 0, descending stake, then ascending id', () => {
    assert.deepEqual(
      orderEntries([
        { id: '0xbb', stake: 5n },
        { id: '0xaa', stake: 5n },
        { id: '0xcc', stake: 0n },
        { id: '0xdd', stake: 9n },
      ]),
      [
        { id: '0xdd', stake: 9n },
        { id: '0xaa', stake: 5n },
        { id: '0xbb', stake: 5n },
      ],
    );
  });
  it('orders numeric ids (pids) as numbers and writes them as decimal strings', () => {
    assert.deepEqual(
      orderEntries([
        { id: 10, stake: 1n },
        { id: 2, stake: 1n },
        { id: 9, stake: 3n },
      ]),
      [
        { id: '9', stake: 3n },
        { id: '2', stake: 1n },
        { id: '10', stake: 1n },
      ],
    );
  });
  it('refuses duplicates, mixed id kinds and negative stakes (bugs in the entry function)', () => {
    assert.throws(() => orderEntries([{ id: 'a', stake: 1n }, { id: 'a', stake: 2n }]), /listed twice/);
    assert.throws(() => orderEntries([{ id: 'a', stake: 1n }, { id: 1, stake: 2n }]), /all numbers or all strings/);
    assert.throws(() => orderEntries([{ id: 'a', stake: -1n }]), /non-negative/);
  });
  it('sumById adds per id', () => {
    assert.deepEqual(sumById([['x', 1n], ['y', 2n], ['x', 3n]] as const), [{ id: 'x', stake: 4n }, { id: 'y', stake: 2n }]);
  });
});

describe('distributionQueries', () => {
  const qs = distributionQueries({
    asset: 'TKN',
    decimals: 2,
    defaultBy: 'a',
    mechanism: 'demo',
    by: {
      a: () => [{ id: '0x01', stake: 300n }, { id: '0x02', stake: 100n }],
      b: { asset: 'ETH', decimals: 0, entries: () => [{ id: 1, stake: 5n }] },
    },
  });
  it('serves the default by, another by with its own asset, and metrics of each', () => {
    assert.deepEqual(qs.stakeDistribution.run({ by: undefined }), { asset: 'TKN', by: 'a', entries: [{ id: '0x01', stake: 300n }, { id: '0x02', stake: 100n }] });
    assert.deepEqual(qs.stakeDistribution.run({ by: 'b' }), { asset: 'ETH', by: 'b', entries: [{ id: '1', stake: 5n }] });
    const m = qs.metrics.run({ by: undefined, price: '2', lorenz: true });
    assert.equal(m.costToAttack33, 6); // 3.00 tokens × 2
    assert.equal(m.costToAttack50, 6);
    assert.deepEqual(m.lorenz, [[0, 0], [0.5, 0.25], [1, 1]]);
    assert.equal(qs.metrics.run({ by: 'b', price: '2' }).costToAttack50, 10); // decimals 0 for b
  });
  it('an unknown by is INVALID_ARGUMENT listing those that exist', () => {
    invalid(() => qs.stakeDistribution.run({ by: 'c' }), /^demo\.stakeDistribution: by: unknown distribution "c"; demo has a, b$/);
    invalid(() => qs.metrics.run({ by: 'toString' }), /unknown distribution "toString"/);
  });
  it('arguments: by a string, price a decimal string, lorenz a boolean; nothing else', () => {
    const args = qs.metrics.args;
    assert.ok(args.safeParse({}).success);
    assert.ok(args.safeParse({ by: 'a', price: '0.5', lorenz: false }).success);
    for (const bad of [{ by: 1 }, { price: 2 }, { price: '-2' }, { price: '2e3' }, { lorenz: 'yes' }, { other: 1 }]) assert.ok(!args.safeParse(bad).success, JSON.stringify(bad));
    assert.ok(!qs.stakeDistribution.args.safeParse({ price: '1' }).success);
  });
  it('refuses a defaultBy that is not in the table', () => {
    assert.throws(() => distributionQueries({ asset: 'X', decimals: 0, defaultBy: 'z', by: { a: () => [] } }), /defaultBy z/);
  });
});

/** Every float metric recomputed from the distribution by the reference forms. */
function assertFloatsMatch(metrics: any, distribution: any): void {
  const s = distribution.entries.map((e: any) => BigInt(e.stake));
  assert.equal(metrics.top1Share, refTopShare(s, 1));
  assert.equal(metrics.top5Share, refTopShare(s, 5));
  assert.equal(metrics.gini, refGini(s));
  assert.equal(metrics.hhi, refHhi(s));
  assert.equal(metrics.entropyBits, refEntropyBits(s));
  assert.equal(metrics.effectiveEntities, refEffectiveEntities(s));
  if (metrics.lorenz) assert.deepEqual(metrics.lorenz, refLorenz(s));
}

describe('the m1 vectors, float fields exact (scenario files take integers only)', () => {
  it('proverPool by prover: 50 / 30 / 20 TKO', () => {
    const r = run('prover-pool');
    const m = resultOf(r, 'proverPool.metrics', { price: '0.25', lorenz: true });
    assert.deepEqual(m, {
      entities: 3,
      total: '10000000000',
      nakamoto33: 1,
      nakamoto50: 2,
      nakamoto67: 2,
      top1Share: 0.5,
      top5Share: 1,
      gini: 0.2,
      hhi: 0.38,
      hhiPoints: 3800,
      entropyBits: 1.4854752972273344,
      effectiveEntities: 2.6315789473684212,
      minStakeToAttack33: '5000000001',
      minStakeToAttack50: '10000000001',
      costToAttack33: 12.5,
      costToAttack50: 20,
      lorenz: [[0, 0], [0.3333333333333333, 0.2], [0.6666666666666666, 0.5], [1, 1]],
    });
    assertFloatsMatch(m, resultOf(r, 'proverPool.stakeDistribution', { by: 'prover' }));
  });
  it('sequencerStaking by staker, l1 and sequencer', () => {
    const r = run('sequencer-staking');
    const staker = resultOf(r, 'sequencerStaking.metrics', { price: '3000' });
    assert.deepEqual(staker, {
      entities: 3,
      total: '20000000000000000000',
      nakamoto33: 1,
      nakamoto50: 2,
      nakamoto67: 2,
      top1Share: 0.5,
      top5Share: 1,
      gini: 0.16666666666666666,
      hhi: 0.375,
      hhiPoints: 3750,
      entropyBits: 1.5,
      effectiveEntities: 2.6666666666666665,
      minStakeToAttack33: '10000000000000000001',
      minStakeToAttack50: '20000000000000000001',
      costToAttack33: 30000,
      costToAttack50: 45000,
    });
    assertFloatsMatch(staker, resultOf(r, 'sequencerStaking.stakeDistribution', {}));
    const l1 = resultOf(r, 'sequencerStaking.metrics', { by: 'l1', price: '3000' });
    assert.deepEqual(l1, {
      entities: 3,
      total: '3000000000000000000',
      nakamoto33: 2,
      nakamoto50: 2,
      nakamoto67: 3,
      top1Share: 0.3333333333333333,
      top5Share: 1,
      gini: 0,
      hhi: 0.3333333333333333,
      hhiPoints: 3333.3333333333335,
      entropyBits: 1.584962500721156,
      effectiveEntities: 3,
      minStakeToAttack33: '1500000000000000001',
      minStakeToAttack50: '3000000000000000001',
      costToAttack33: 6000,
      costToAttack50: 6000,
    });
    const seq = resultOf(r, 'sequencerStaking.metrics', { by: 'sequencer' });
    assert.deepEqual(seq, {
      entities: 2,
      total: '15000000000000000000',
      nakamoto33: 1,
      nakamoto50: 1,
      nakamoto67: 2,
      top1Share: 0.6666666666666666,
      top5Share: 1,
      gini: 0.16666666666666666,
      hhi: 0.5555555555555556,
      hhiPoints: 5555.555555555556,
      entropyBits: 0.9182958340544896,
      effectiveEntities: 1.8,
      minStakeToAttack33: '7500000000000000001',
      minStakeToAttack50: '15000000000000000001',
    });
    assertFloatsMatch(seq, resultOf(r, 'sequencerStaking.stakeDistribution', { by: 'sequencer' }));
  });
  it('stakePool by pool, owner and delegator', () => {
    const r = run('stake-pool');
    const pool = resultOf(r, 'stakePool.metrics', { price: '0.1' });
    assert.deepEqual(pool, {
      entities: 3,
      total: '1000000000000000',
      nakamoto33: 1,
      nakamoto50: 2,
      nakamoto67: 2,
      top1Share: 0.4,
      top5Share: 1,
      gini: 0.06666666666666667,
      hhi: 0.34,
      hhiPoints: 3400,
      entropyBits: 1.5709505944546684,
      effectiveEntities: 2.9411764705882355,
      minStakeToAttack33: '500000000000001',
      minStakeToAttack50: '1000000000000001',
      costToAttack33: 40,
      costToAttack50: 70,
    });
    assertFloatsMatch(pool, resultOf(r, 'stakePool.stakeDistribution', {}));
    const owner = resultOf(r, 'stakePool.metrics', { by: 'owner', price: '0.1' });
    assert.deepEqual(
      [owner.top1Share, owner.gini, owner.hhi, owner.entropyBits, owner.effectiveEntities],
      [0.7, 0.2, 0.58, 0.8812908992306927, 1.7241379310344827],
    );
    assertFloatsMatch(owner, resultOf(r, 'stakePool.stakeDistribution', { by: 'owner' }));
    const delegator = resultOf(r, 'stakePool.metrics', { by: 'delegator', price: '0.1' });
    assert.deepEqual(
      [delegator.top1Share, delegator.gini, delegator.hhi, delegator.entropyBits, delegator.effectiveEntities],
      [0.5, 0.26666666666666666, 0.42, 1.3609640474436813, 2.380952380952381],
    );
    assertFloatsMatch(delegator, resultOf(r, 'stakePool.stakeDistribution', { by: 'delegator' }));
  });
});

describe('the queries through the Chain API', () => {
  it('return bigint stakes (decimal strings in JSON) and the typed metrics object', () => {
    const chain = Chain.build({ mechanisms: { proverPool: { preset: 'taiko-a4' } } }, { time: 1_700_000_000, height: 1, balances: { alice: { TKO: 10n ** 10n } } });
    assert.ok(chain.tx('alice', 'proverPool.stake', { amount: '5000000000', rewardPerGas: 10, maxCapacity: 32 }).ok);
    const d = chain.query('proverPool.stakeDistribution', {});
    assert.ok(d.ok);
    assert.deepEqual(d.result, { asset: 'TKO', by: 'prover', entries: [{ id: addressOf('alice'), stake: 5_000_000_000n }] });
    const m = chain.query('proverPool.metrics', { lorenz: true });
    assert.ok(m.ok);
    assert.equal(m.result!.entities, 1);
    assert.equal(m.result!.hhi, 1);
    assert.deepEqual(m.result!.lorenz, [[0, 0], [1, 1]]);
    const bad = chain.query('proverPool.metrics', { by: 'staker' });
    assert.equal(bad.ok, false);
    assert.equal(bad.error!.code, 'INVALID_ARGUMENT');
    assert.equal(bad.error!.mechanism, 'proverPool');
    assert.match(bad.error!.message, /proverPool has prover/);
  });
});
