import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Chain } from '../../chain/chain.js';
import { addressOf } from '../../kernel/index.js';
import type { posEconomyModule } from './index.js';
import { MAX_EPOCHS_PER_STEP } from './onBlock.js';
import { operatorDistribution } from './operatorDistribution.js';
import { toFloat } from '../../economy/metrics.js';

const ETH = 1_000_000_000n;
type Instance = ReturnType<typeof posEconomyModule.create>;

describe('posEconomy queries', () => {
  it('issuanceAt: yield = toFloat(perYear, stake): 2.868 % at 2²⁵ ETH under sqrt, two thirds of it under tempered (k = 2²⁶ ETH)', () => {
    const D = (1n << 25n) * ETH;
    const sqrt = Chain.build({ mechanisms: { posEconomy: { preset: 'ethereum' } } }).query('posEconomy.issuanceAt', { stake: D });
    assert.deepEqual(sqrt.result, { stake: `${D}`, perEpoch: '11710496768', perYear: '962383262515200', yield: toFloat(962_383_262_515_200n, D) });
    assert.equal((sqrt.result as { yield: number }).yield, 0.02868125625);
    const tempered = Chain.build({ mechanisms: { posEconomy: { preset: 'ethereum-tempered' } } }).query('posEconomy.issuanceAt', { stake: D }).result as { perEpoch: string; yield: number };
    assert.equal(tempered.perEpoch, `${(11_710_496_768n * 2n) / 3n}`);
    assert.ok(Math.abs(tempered.yield - 0.0191208) < 1e-6, `${tempered.yield}`);
    assert.equal(Chain.build({ mechanisms: { posEconomy: {} } }).query('posEconomy.issuanceAt', { stake: 0 }).result!.yield, 0);
  });
  it('issuanceAt for fixedRate and cosmos uses the current supply and inflation, whatever the stake', () => {
    const c = Chain.build({ mechanisms: { posEconomy: { preset: 'cosmos-hub' } } }, { balances: { h: { TOKEN: 1_000_000n * ETH } } });
    const at = (stake: bigint) => (c.query('posEconomy.issuanceAt', { stake }).result as { perEpoch: string }).perEpoch;
    assert.equal(at(1n), '11407711613');
    assert.equal(at(999_999n * ETH), '11407711613');
    assert.equal(at(0n), '0');
  });
  it('getState has inflation only under cosmos; economy is decimal strings', () => {
    const eth = Chain.build({ mechanisms: { posEconomy: {} } });
    assert.deepEqual(eth.query('posEconomy.getState').result, { epoch: 0, stake: '0', supply: '0', entryQueue: '0', exitQueue: '0', feeRevenue: '0' });
    assert.deepEqual(eth.query('posEconomy.economy').result, { asset: 'ETH', supply: '0', staked: '0', issued: '0', burned: '0', rewardsToStakers: '0', feesPaid: '0', feesBurned: '0', slashed: '0' });
    const cosmos = Chain.build({ mechanisms: { posEconomy: { preset: 'cosmos-hub' } } });
    assert.equal((cosmos.query('posEconomy.getState').result as { inflation: string }).inflation, '100000000000000000');
  });
  it('operatorDistribution: active stake only (> 0), lower-case addresses, descending stake then ascending id', () => {
    const c = Chain.build(
      { mechanisms: { posEconomy: { preset: 'ethereum', withdrawalDelayEpochs: 0 } } },
      { balances: { d: { ETH: 5n * ETH } }, posEconomy: { operators: [{ id: 'a', stake: 10n }, { id: 'b', stake: 30n }, { id: 'c', stake: 10n }, { id: 'e', stake: 20n }] } },
    );
    assert.ok(c.tx('d', 'posEconomy.deposit', { amount: 5n * ETH }).ok); // pending: does not count
    assert.ok(c.tx('e', 'posEconomy.exit').ok); // exiting: does not count
    const eco = c.mechanism<Instance>('posEconomy').eco;
    const [a, cc] = [addressOf('a'), addressOf('c')].sort();
    assert.deepEqual(operatorDistribution(eco), [
      { id: addressOf('b'), stake: 30n },
      { id: a, stake: 10n },
      { id: cc, stake: 10n },
    ]);
  });
});

describe('posEconomy epoch bound and atomicity', () => {
  it('a clock move that would leave more than MAX_EPOCHS_PER_STEP epochs fails with TOO_MANY_EPOCHS and changes nothing', () => {
    const c = Chain.build({ mechanisms: { posEconomy: { preset: 'ethereum' } } }, { time: 0, posEconomy: { operators: [{ id: 'v', stake: 32n * ETH }] } });
    const root = c.stateRoot();
    for (const spec of [{ seconds: 384 * (MAX_EPOCHS_PER_STEP + 1), blocks: 1 }, { seconds: 384 * (MAX_EPOCHS_PER_STEP + 1) }]) {
      const o = c.advance(spec);
      assert.equal(o.ok, false);
      assert.equal(o.error!.code, 'TOO_MANY_EPOCHS');
      assert.match(o.error!.message, /100,001 epochs of 384 s to process .* at most 100,000 \(advance in several steps\)/);
      assert.equal(c.time, 0);
      assert.equal(c.stateRoot(), root);
    }
    assert.ok(c.advance({ seconds: 384 * 3, blocks: 1 }).ok);
    assert.equal((c.query('posEconomy.getState').result as { epoch: number }).epoch, 3);
  });
  it('time alone processes nothing; the next block processes every ended epoch in order', () => {
    const c = Chain.build({ mechanisms: { posEconomy: {} } }, { time: 100, posEconomy: { operators: [{ id: 'v', stake: 32n * ETH }] } });
    assert.deepEqual(c.advance({ seconds: 384 * 2 }).events, []);
    const o = c.advance({ blocks: 2 });
    assert.deepEqual(o.events.filter((e) => e.name === 'EpochProcessed').map((e) => [e.args.epoch, e.height]), [[0, 1], [1, 1]]);
  });
  it('a snapshot restores to the same state, and both chains go on identically', () => {
    const config = { mechanisms: { posEconomy: { preset: 'ethereum', burnShare: 500_000, withdrawalDelayEpochs: 1 } } };
    const c = Chain.build(config, { time: 0, balances: { environment: { ETH: 100n * ETH }, d: { ETH: 500n * ETH } }, posEconomy: { operators: [{ id: 'v', stake: 64n * ETH }, { id: 'w', stake: 32n * ETH }] } });
    const steps = (x: Chain) => {
      assert.ok(x.tx('environment', 'posEconomy.setFeeRevenue', { gweiPerEpoch: 12_345 }).ok);
      assert.ok(x.tx('d', 'posEconomy.deposit', { amount: 200n * ETH }).ok);
      assert.ok(x.tx('v', 'posEconomy.exit', { amount: 10n * ETH }).ok);
      assert.ok(x.tx('slasher', 'posEconomy.slash', { operator: 'w' }).ok);
      assert.ok(x.advance({ seconds: 384 * 3, blocks: 1 }).ok);
    };
    steps(c);
    const r = Chain.restore(config, c.snapshot());
    assert.equal(r.stateRoot(), c.stateRoot());
    steps(c);
    steps(r);
    assert.equal(r.stateRoot(), c.stateRoot());
    assert.ok(r.tx('v', 'posEconomy.withdraw').ok);
    assert.deepEqual(r.invariants(), []);
  });
});
