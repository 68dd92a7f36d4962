import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Chain } from '../../chain/chain.js';
import { toJson } from '../../kernel/index.js';

/**
 * economy §2 for the prover pool: issued = proof rewards, burned = net block fees + slashes,
 * stake entries and exits (ledger burns and mints) are bookkeeping. Exact values of the T1
 * story (§9) continued with a slash, a withdrawal of the internal balance and a matured exit.
 */
const T0 = 1_700_000_000;

function economy(chain: Chain, args: Record<string, unknown> = {}) {
  const out = chain.query('proverPool.economy', args);
  assert.ok(out.ok, out.error?.message);
  return toJson(out.result);
}

function must(o: { ok: boolean; error?: { message: string } }) {
  assert.ok(o.ok, o.error?.message);
}

const zeros = { issued: '0', burned: '0', rewardsToStakers: '0', feesPaid: '0', feesBurned: '0', slashed: '0' };

describe('proverPool.economy', () => {
  it('follows the T1 story, a slash and the exits exactly', () => {
    const chain = Chain.build({ mechanisms: { proverPool: { preset: 'taiko-a4' } } }, { time: T0, height: 1, balances: { alice: { TKO: '200000000000' }, paul: { TKO: '1000000000' } } });
    assert.deepEqual(economy(chain), { asset: 'TKO', supply: '201000000000', staked: '0', ...zeros });

    // Entering burns wallet TKO: bookkeeping, not a burn of the account.
    must(chain.tx('alice', 'proverPool.stake', { amount: '200000000000', rewardPerGas: 7, maxCapacity: 32 }));
    must(chain.tx('paul', 'proverPool.depositTaikoToken', { amount: '1000000000' }));
    assert.deepEqual(economy(chain), { asset: 'TKO', supply: '0', staked: '200000000000', ...zeros });

    // The deposit of 10 × 6,200,000 is destroyed at proposal; until verification it all counts.
    must(chain.tx('paul', 'proverPool.proposeBlock'));
    assert.deepEqual(economy(chain), { asset: 'TKO', supply: '0', staked: '200000000000', ...zeros, burned: '62000000', feesPaid: '62000000', feesBurned: '62000000' });

    chain.advance({ seconds: 20 });
    must(chain.tx('alice', 'proverPool.proveBlock', { blockId: 1, gasUsed: 1_000_000 }));
    chain.advance({ seconds: 1801 });
    must(chain.tx('paul', 'proverPool.verifyBlocks', { maxBlocks: 10 }));
    // Reward 7,139,339; refund (6,180,000 − 1,000,000) × 10 = 51,800,000: net fee 10 × 1,020,000.
    const afterVerify = { issued: '7139339', rewardsToStakers: '7139339', burned: '10200000', feesPaid: '10200000', feesBurned: '10200000', slashed: '0' };
    assert.deepEqual(economy(chain), { asset: 'TKO', supply: '0', staked: '200000000000', ...afterVerify });

    // 2e11 × 25 / 10,000 / 32 = 15,625,000 beats 4 × 1,000,000.
    must(chain.tx('protocol', 'proverPool.slashProver', { blockId: 5, addr: 'alice', proofReward: '1000000' }));
    const afterSlash = { ...afterVerify, burned: '25825000', slashed: '15625000' };
    assert.deepEqual(economy(chain), { asset: 'TKO', supply: '0', staked: '199984375000', ...afterSlash });

    // Minting claims back to wallets is bookkeeping too: only supply and staked move.
    must(chain.tx('alice', 'proverPool.withdrawTaikoToken', { amount: '7139339' }));
    must(chain.tx('alice', 'proverPool.exit'));
    chain.advance({ seconds: 604_801 });
    must(chain.tx('alice', 'proverPool.withdraw'));
    assert.deepEqual(economy(chain), { asset: 'TKO', supply: '199991514339', staked: '0', ...afterSlash });
    assert.deepEqual(economy(chain, { asset: 'TKO' }), economy(chain));

    // supply + claims (paul's 989,800,000) = genesis + issued − burned.
    assert.equal(199_991_514_339n + 989_800_000n, 201_000_000_000n + 7_139_339n - 25_825_000n);
    assert.deepEqual(chain.invariants(), []);
    const state = chain.query('proverPool.getState').result!;
    assert.deepEqual(toJson(state.totals), { burned: '201000000000', minted: '199991514339', slashed: '15625000', blockFees: '62000000', refunds: '51800000', rewards: '7139339' });
  });

  it('refuses an asset it does not account for', () => {
    const chain = Chain.build({ mechanisms: { proverPool: {} } });
    const out = chain.query('proverPool.economy', { asset: 'ETH' });
    assert.equal(out.error?.code, 'INVALID_ARGUMENT');
    assert.match(out.error!.message, /unknown asset "ETH"; this mechanism accounts for TKO/);
  });

  it('a failed action leaves the account and the bookkeeping as they were', () => {
    // One slot: bob's equal stake is burned, then refused (PROVER_NOT_GOOD_ENOUGH), all undone.
    const chain = Chain.build({ mechanisms: { proverPool: { preset: 'taiko-a4', maxProvers: 1 } } }, { time: T0, height: 1, balances: { alice: { TKO: '320000' }, bob: { TKO: '320000' } } });
    must(chain.tx('alice', 'proverPool.stake', { amount: '320000', rewardPerGas: 10, maxCapacity: 32 }));
    const before = { account: economy(chain), totals: toJson(chain.query('proverPool.getState').result!.totals), root: chain.stateRoot() };
    const out = chain.tx('bob', 'proverPool.stake', { amount: '320000', rewardPerGas: 10, maxCapacity: 32 });
    assert.equal(out.error?.code, 'PROVER_NOT_GOOD_ENOUGH');
    assert.deepEqual({ account: economy(chain), totals: toJson(chain.query('proverPool.getState').result!.totals), root: chain.stateRoot() }, before);
    assert.deepEqual(before.account, { asset: 'TKO', supply: '320000', staked: '320000', ...zeros });
  });
});
