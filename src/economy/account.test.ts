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

  it('serves the default asset, or the one asked for', () => {
    assert.deepEqual(economy.run(economy.args.parse({})), { asset: 'AAA', supply: 10n, staked: 4n, issued: 3n, burned: 0n, rewardsToStakers: 0n, feesPaid: 0n, feesBurned: 0n, slashed: 0n });
    assert.deepEqual(economy.run(economy.args.parse({ asset: 'BBB' })), { asset: 'BBB', supply: 7n, staked: 0n, issued: 0n, burned: 0n, rewardsToStakers: 0n, feesPaid: 0n, feesBurned: 0n, slashed: 2n });
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
