import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { economyQuery, ZERO_TOTALS } from './account.js';

describe('economyQuery', () => {
  const { economy } = economyQuery({
    defaultAsset: 'AAA',
    assets: {
      AAA: () => ({ supply: 10n, staked: 4n, ...ZERO_TOTALS, issued: 3n }),
      BBB: () => ({ supply: 7n, staked: 0n, ...ZERO_TOTALS, slashed: 2n }),
    },
  });

  it('serves the default asset, or the one asked for, amounts as decimal strings in §2 order', () => {
    assert.deepEqual(economy.run(economy.args.parse({})), { asset: 'AAA', supply: '10', staked: '4', issued: '3', burned: '0', rewardsToStakers: '0', feesPaid: '0', feesBurned: '0', slashed: '0' });
    assert.deepEqual(economy.run(economy.args.parse({ asset: 'BBB' })), { asset: 'BBB', supply: '7', staked: '0', issued: '0', burned: '0', rewardsToStakers: '0', feesPaid: '0', feesBurned: '0', slashed: '2' });
  });

  it('keeps the field order of §2', () => {
    assert.deepEqual(Object.keys(economy.run(economy.args.parse({}))), ['asset', 'supply', 'staked', 'issued', 'burned', 'rewardsToStakers', 'feesPaid', 'feesBurned', 'slashed']);
  });

  it('refuses an asset it does not account for, a non-string and unknown keys', () => {
    const unknown = economy.args.safeParse({ asset: 'CCC' });
    assert.equal(unknown.success, false);
    assert.match(unknown.error!.issues[0]!.message, /unknown asset "CCC"; this mechanism accounts for AAA, BBB/);
    const number = economy.args.safeParse({ asset: 5 });
    assert.match(number.error!.issues[0]!.message, /asset must be one of AAA, BBB, got/);
    assert.equal(economy.args.safeParse({ asset: 'AAA', by: 'x' }).success, false);
  });

  it('needs its default among its assets', () => {
    assert.throws(() => economyQuery({ defaultAsset: 'X', assets: { Y: () => ({ supply: 0n, staked: 0n, ...ZERO_TOTALS }) } }), /defaultAsset X is not one of Y/);
  });
});
