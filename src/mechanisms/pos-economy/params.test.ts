import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Chain, type GenesisConfig } from '../../chain/chain.js';
import { addressOf, StakeworksError } from '../../kernel/index.js';
import { presets } from './params.js';

/** Every build check of §3.1: INVALID_CONFIG naming the parameter and the rule. */
function buildError(overrides: Record<string, unknown>, genesis: GenesisConfig = {}): StakeworksError {
  try {
    Chain.build({ mechanisms: { posEconomy: overrides } }, genesis);
  } catch (e) {
    assert.ok(e instanceof StakeworksError, String(e));
    return e;
  }
  assert.fail(`building with ${JSON.stringify(overrides)} succeeded`);
}

function configFailure(overrides: Record<string, unknown>, parameter: string, rule: RegExp, genesis: GenesisConfig = {}): void {
  const e = buildError(overrides, genesis);
  assert.equal(e.code, 'INVALID_CONFIG', e.message);
  assert.equal(e.mechanism, 'posEconomy');
  const failed = e.details.failed as Array<{ parameter: string; rule: string }>;
  const hit = failed.find((f) => f.parameter === parameter);
  assert.ok(hit, `no failure for ${parameter} in ${e.message}`);
  assert.match(hit.rule, rule);
  assert.match(e.message, new RegExp(parameter.replace(/[[\].]/g, '\\$&')));
}

describe('posEconomy presets', () => {
  it('every preset builds, with the values of §3.1 and §3.3', () => {
    for (const preset of Object.keys(presets)) assert.ok(Chain.build({ mechanisms: { posEconomy: { preset } } }), preset);
    const p = (preset: string) => Chain.build({ mechanisms: { posEconomy: { preset } } }).paramsOf('posEconomy') as Record<string, any>;
    const eth = p('ethereum');
    assert.equal(eth.asset, 'ETH');
    assert.equal(eth.epochSeconds, 384);
    assert.deepEqual(eth.issuance, { kind: 'sqrt', baseRewardFactor: 64n });
    assert.equal(eth.burnShare, 1_000_000n);
    assert.deepEqual(eth.churn, { min: 128n * 10n ** 9n, quotient: 65_536n, increment: 10n ** 9n, maxPerEpoch: 256n * 10n ** 9n });
    assert.equal(eth.withdrawalDelayEpochs, 256);
    assert.equal(eth.slashFraction, 31_250n);
    assert.equal(eth.environment, addressOf('environment'));
    assert.equal(eth.slasher, addressOf('slasher'));
    assert.equal(eth.initialFeeRevenue, 0n);
    assert.deepEqual(p('ethereum-tempered').issuance, { kind: 'tempered', baseRewardFactor: 64n, k: (1n << 26n) * 10n ** 9n });
    assert.deepEqual(p('ethereum-capped').issuance, { kind: 'capped', baseRewardFactor: 64n, cap: (1n << 24n) * 10n ** 9n });
    const cosmos = p('cosmos-hub');
    assert.deepEqual(cosmos.issuance, { kind: 'cosmos', goal: 670_000n, change: 130_000n, min: 70_000n, max: 200_000n, initial: 100_000n });
    assert.equal(cosmos.burnShare, 0n);
    assert.equal(cosmos.churn, null);
    assert.equal(cosmos.epochSeconds, 3_600);
    assert.equal(cosmos.withdrawalDelayEpochs, 504);
    assert.equal(cosmos.asset, 'TOKEN');
    const fixed = p('fixed');
    assert.deepEqual(fixed.issuance, { kind: 'fixedRate', rate: 60_000n });
    assert.equal(fixed.asset, 'TOKEN');
    assert.equal(fixed.epochSeconds, 384);
  });
  it('keys of issuance that its kind does not use are ignored and not checked', () => {
    const c = Chain.build({ mechanisms: { posEconomy: { preset: 'ethereum', issuance: { kind: 'fixedRate', rate: 1, goal: 'not a number', k: 0 } } } });
    assert.deepEqual((c.paramsOf('posEconomy') as { issuance: unknown }).issuance, { kind: 'fixedRate', rate: 1n });
  });
});

describe('posEconomy build checks (§3.1)', () => {
  it('an unknown issuance.kind', () => configFailure({ issuance: { kind: 'exponential' } }, 'issuance.kind', /unknown kind "exponential"; the kinds are sqrt, tempered, capped, fixedRate, cosmos/));
  it('issuance without a kind', () => configFailure({ preset: 'ethereum', issuance: { kind: null } }, 'issuance.kind', /unknown kind/));
  it('epochSeconds > 0', () => configFailure({ epochSeconds: 0 }, 'epochSeconds', /epochSeconds > 0/));
  it('burnShare ≤ 10⁶', () => configFailure({ burnShare: 1_000_001 }, 'burnShare', /burnShare ≤ 1,000,000/));
  it('slashFraction ≤ 10⁶', () => configFailure({ slashFraction: 1_000_001 }, 'slashFraction', /slashFraction ≤ 1,000,000/));
  it('the kind’s keys present: sqrt needs baseRewardFactor', () => configFailure({ issuance: { kind: 'sqrt', baseRewardFactor: null } }, 'issuance.baseRewardFactor', /sqrt needs baseRewardFactor/));
  it('the kind’s keys present: tempered needs k', () => configFailure({ issuance: { kind: 'tempered' } }, 'issuance.k', /tempered needs k/));
  it('the kind’s keys present: capped needs cap', () => configFailure({ issuance: { kind: 'capped' } }, 'issuance.cap', /capped needs cap/));
  it('the kind’s keys present: fixedRate needs rate', () => configFailure({ issuance: { kind: 'fixedRate' } }, 'issuance.rate', /fixedRate needs rate/));
  it('the kind’s keys present: cosmos needs goal, change, min, max, initial', () => {
    for (const key of ['goal', 'change', 'min', 'max', 'initial']) {
      const issuance: Record<string, unknown> = { kind: 'cosmos', goal: 670_000, change: 130_000, min: 70_000, max: 200_000, initial: 100_000 };
      delete issuance[key];
      configFailure({ preset: 'ethereum', issuance }, `issuance.${key}`, new RegExp(`cosmos needs ${key}`));
    }
  });
  it('k > 0', () => configFailure({ preset: 'ethereum-tempered', issuance: { k: 0 } }, 'issuance.k', /issuance\.k > 0/));
  it('cap > 0', () => configFailure({ preset: 'ethereum-capped', issuance: { cap: 0 } }, 'issuance.cap', /issuance\.cap > 0/));
  it('goal > 0', () => configFailure({ preset: 'cosmos-hub', issuance: { goal: 0 } }, 'issuance.goal', /issuance\.goal > 0/));
  it('min ≤ initial', () => configFailure({ preset: 'cosmos-hub', issuance: { initial: 60_000 } }, 'issuance.initial', /min ≤ issuance\.initial ≤ issuance\.max/));
  it('initial ≤ max', () => configFailure({ preset: 'cosmos-hub', issuance: { initial: 200_001 } }, 'issuance.initial', /min ≤ issuance\.initial ≤ issuance\.max/));
  it('the churn fields > 0', () => {
    for (const key of ['min', 'quotient', 'increment', 'maxPerEpoch']) configFailure({ churn: { [key]: 0 } }, `churn.${key}`, new RegExp(`churn\\.${key} > 0`));
  });
  it('genesis operators with stake > 0', () => configFailure({}, 'genesis.posEconomy.operators[1].stake', /stake > 0/, { posEconomy: { operators: [{ id: 'a', stake: 1 }, { id: 'b', stake: 0 }] } }));
  it('genesis operators with uptimePpm ≤ 10⁶', () => configFailure({}, 'genesis.posEconomy.operators[0].uptimePpm', /uptimePpm ≤ 1,000,000/, { posEconomy: { operators: [{ id: 'a', stake: 1, uptimePpm: 1_000_001 }] } }));
  it('no operator twice: a name and its address are the same operator', () =>
    configFailure({}, 'genesis.posEconomy.operators[1].id', /no operator twice.*operators\[0\]/, { posEconomy: { operators: [{ id: 'a', stake: 1 }, { id: addressOf('a'), stake: 2 }] } }));
  it('reports every failure at once, in the spec’s order', () => {
    const e = buildError({ epochSeconds: 0, burnShare: 2_000_000, issuance: { kind: 'tempered', k: 0 }, churn: { increment: 0 } });
    assert.equal(e.code, 'INVALID_CONFIG');
    assert.deepEqual(
      (e.details.failed as Array<{ parameter: string }>).map((f) => f.parameter),
      ['epochSeconds', 'burnShare', 'issuance.k', 'churn.increment'],
    );
  });
  it('an ill-typed value of a key the kind uses is malformed input (INVALID_ARGUMENT naming it)', () => {
    const e = buildError({ preset: 'ethereum-tempered', issuance: { k: 'many' } });
    assert.equal(e.code, 'INVALID_ARGUMENT');
    assert.match(e.message, /issuance\.k/);
  });
  it('one asset declared with two decimal counts fails with the ledger’s ASSET_CONFLICT', () => {
    assert.throws(() => Chain.build({ mechanisms: { sequencerStaking: { preset: 'morph-v0.4' }, posEconomy: {} } }, { time: 1000 }), (e: StakeworksError) => e.code === 'ASSET_CONFLICT');
    assert.ok(Chain.build({ mechanisms: { sequencerStaking: { preset: 'morph-v0.4' }, posEconomy: { asset: 'GETH' } } }, { time: 1000 }));
  });
  it('the genesis operators’ stake is genesis supply, held in escrow', () => {
    const c = Chain.build({ mechanisms: { posEconomy: {} } }, { balances: { a: { ETH: 5 } }, posEconomy: { operators: [{ id: 'a', stake: 7 }, { id: 'b', stake: 11, uptimePpm: 500_000 }] } });
    const t = c.ledger.totalsOf('ETH');
    assert.equal(t.genesis, 23n);
    assert.equal(t.supply, 23n);
    assert.equal(c.ledger.escrowOf('ETH', 'posEconomy'), 18n);
    assert.equal(c.ledger.balanceOf('ETH', addressOf('a')), 5n);
    assert.deepEqual(c.query('posEconomy.getOperator', { id: 'b' }).result, {
      id: addressOf('b'), active: '11', pendingDeposit: '0', exiting: '0', withdrawable: '0', locked: '0', uptimePpm: 500_000, slashPending: false,
    });
    assert.deepEqual(c.invariants(), []);
  });
});
