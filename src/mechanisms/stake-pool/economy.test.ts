import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Chain, type Outcome } from '../../chain/chain.js';
import { JCell, parseAddress, toJson } from '../../kernel/index.js';

/**
 * economy §2 for stake pools: `issued` = claims paid out of the subsidy account, `rewardsToStakers`
 * = rewards credited to pools (treasury parts excluded), `slashed` = `burned` = slashes settled to
 * the treasury. The C1 story (spec §14.5: one worker, 80 PHA per block to the pool, 19.999999999999
 * PHA to the treasury) gives the exact values; the computation hook writes the account once per block.
 */
const PHA = 10n ** 12n;
const W = ['w1', 'w2', 'w3'];

function ok(o: Outcome): Outcome {
  assert.ok(o.ok, `${o.error?.code} ${o.error?.message}`);
  return o;
}

function economy(chain: Chain) {
  return toJson(ok(chain.query('stakePool.economy')).result);
}

function build(computation: boolean): Chain {
  return Chain.build(
    { mechanisms: { stakePool: { preset: 'phala-test-v1', computation: { enabled: computation } } } },
    {
      time: 0,
      height: 1,
      balances: { acc1: { PHA: `${1000n * PHA}` }, acc2: { PHA: `${2000n * PHA}` }, subsidy: { PHA: `${690_000_000n * PHA}` } },
      stakePool: { workers: W.map((worker) => ({ worker, operator: 'acc1', initialScore: 1, confidenceLevel: 128 })) },
    },
  );
}

const zeros = { issued: '0', burned: '0', rewardsToStakers: '0', feesPaid: '0', feesBurned: '0', slashed: '0' };
const SUPPLY = `${690_003_000n * PHA}`;

describe('stakePool.economy', () => {
  it('C1: rewards credited by the model, the treasury part apart, claims issued from the subsidy account', () => {
    const chain = build(true);
    assert.deepEqual(economy(chain), { asset: 'PHA', supply: SUPPLY, staked: '0', ...zeros });
    ok(chain.tx('acc1', 'stakePool.create'));
    ok(chain.tx('acc1', 'stakePool.addWorker', { pid: 0, worker: 'w1' }));
    ok(chain.tx('acc1', 'stakePool.setCommission', { pid: 0, commission: 200_000 }));
    ok(chain.tx('acc2', 'stakePool.contribute', { pid: 0, amount: `${500n * PHA}` }));
    ok(chain.tx('acc1', 'stakePool.startComputing', { pid: 0, worker: 'w1', stake: `${500n * PHA}` }));
    ok(chain.advance({ seconds: 12, blocks: 1 }));
    assert.deepEqual(economy(chain), { asset: 'PHA', supply: SUPPLY, staked: `${500n * PHA}`, ...zeros, rewardsToStakers: `${80n * PHA}` });
    ok(chain.advance({ seconds: 12, blocks: 1 }));
    ok(chain.tx('acc1', 'stakePool.claimOwnerRewards', { pid: 0 }));
    // 2 × 16 PHA commission claimed; 2 × 19.999999999999 PHA went to the treasury, not issued.
    assert.deepEqual(economy(chain), { asset: 'PHA', supply: SUPPLY, staked: `${500n * PHA}`, ...zeros, rewardsToStakers: `${160n * PHA}`, issued: `${32n * PHA}` });
    assert.equal(chain.ledger.balanceOf('PHA', parseAddress('subsidy')), 690_000_000n * PHA - 32n * PHA - 39_999_999_999_998n);
    ok(chain.tx('acc2', 'stakePool.claimStakerRewards', { pid: 0 }));
    assert.deepEqual(economy(chain), { asset: 'PHA', supply: SUPPLY, staked: `${500n * PHA}`, ...zeros, rewardsToStakers: `${160n * PHA}`, issued: '159999999999999' });
    assert.deepEqual(chain.invariants(), []);
  });

  it('the computation hook writes the account once per block, whatever the number of workers', () => {
    const chain = build(true);
    ok(chain.tx('acc1', 'stakePool.create'));
    ok(chain.tx('acc2', 'stakePool.contribute', { pid: 0, amount: `${1500n * PHA}` }));
    for (const w of W) {
      ok(chain.tx('acc1', 'stakePool.addWorker', { pid: 0, worker: w }));
      ok(chain.tx('acc1', 'stakePool.startComputing', { pid: 0, worker: w, stake: `${500n * PHA}` }));
    }
    const cell = chain.store.get('stakePool/economy') as JCell<unknown>;
    let writes = 0;
    const set = cell.set.bind(cell);
    cell.set = (v) => {
      writes++;
      set(v);
    };
    const treasuryBefore = chain.ledger.balanceOf('PHA', parseAddress('treasury'));
    const out = ok(chain.advance({ seconds: 36, blocks: 3 }));
    assert.equal(writes, 3);
    assert.equal(out.events.filter((e) => e.name === 'MinerSettled').length, 9);
    // What the pools were credited is what RewardReceived announced.
    let received = 0n;
    for (const e of out.events) if (e.name === 'RewardReceived') received += (e.args.toOwner as bigint) + (e.args.toStakers as bigint);
    assert.ok(received > 0n);
    assert.equal((economy(chain) as { rewardsToStakers: string }).rewardsToStakers, `${received}`);
    assert.ok(chain.ledger.balanceOf('PHA', parseAddress('treasury')) > treasuryBefore);
    assert.deepEqual(chain.invariants(), []);
  });

  it('slashes count when settled; a failed action after a settled slash leaves the account as it was', () => {
    // The T21 story: w1's V falls to 0.9 Ve, the reclaim slashes the pool by 10,000,000,000,001.
    const chain = build(false);
    ok(chain.tx('acc1', 'stakePool.create'));
    for (const w of ['w1', 'w2']) ok(chain.tx('acc1', 'stakePool.addWorker', { pid: 0, worker: w }));
    ok(chain.tx('acc1', 'stakePool.contribute', { pid: 0, amount: `${100n * PHA}` }));
    ok(chain.tx('acc2', 'stakePool.contribute', { pid: 0, amount: `${200n * PHA}` }));
    for (const w of ['w1', 'w2']) ok(chain.tx('acc1', 'stakePool.startComputing', { pid: 0, worker: w, stake: `${100n * PHA}` }));
    ok(chain.tx('acc1', 'stakePool.withdraw', { pid: 0, shares: `${100n * PHA}` }));
    ok(chain.tx('gatekeeper', 'stakePool.settle', { settlements: [{ worker: 'w1', v: '2164743863793889591654', payout: '0' }] }));
    for (const w of ['w1', 'w2']) ok(chain.tx('acc1', 'stakePool.stopComputing', { pid: 0, worker: w }));
    ok(chain.advance({ seconds: 604_800 }));
    for (const w of ['w1', 'w2']) ok(chain.tx('acc1', 'stakePool.reclaimWorker', { pid: 0, worker: w }));
    ok(chain.tx('acc1', 'stakePool.setCap', { pid: 0, cap: `${190n * PHA}` }));
    const before = { account: economy(chain), root: chain.stateRoot() };
    assert.deepEqual(before.account, { asset: 'PHA', supply: SUPPLY, staked: '189999999999999', ...zeros });

    // contribute settles acc2's slash (a transfer to the treasury), then fails on the cap.
    const out = chain.tx('acc2', 'stakePool.contribute', { pid: 0, amount: `${PHA}` });
    assert.equal(out.error?.code, 'STAKE_EXCEEDS_CAPACITY');
    assert.deepEqual({ account: economy(chain), root: chain.stateRoot() }, before);

    const settled = ok(chain.tx('acc2', 'stakePool.withdraw', { pid: 0, shares: `${200n * PHA}` }));
    assert.equal(settled.events.find((e) => e.name === 'SlashSettled')?.args.amount, 10_000_000_000_002n);
    assert.deepEqual(economy(chain), { asset: 'PHA', supply: SUPPLY, staked: '0', ...zeros, slashed: '10000000000002', burned: '10000000000002' });
    assert.deepEqual(chain.invariants(), []);
  });
  it('the subsidy identity holds when the subsidy account is also the treasury, a claim target and a delegator', () => {
    const chain = Chain.build(
      { mechanisms: { stakePool: { preset: 'phala-test-v1', treasury: 'subsidy' } } },
      { time: 0, height: 1, balances: { acc1: { PHA: `${1000n * PHA}` }, subsidy: { PHA: `${1_000_000n * PHA}` } }, stakePool: { workers: [{ worker: 'w1', operator: 'acc1', initialScore: 1, confidenceLevel: 128 }] } },
    );
    ok(chain.tx('acc1', 'stakePool.create'));
    ok(chain.tx('acc1', 'stakePool.addWorker', { pid: 0, worker: 'w1' }));
    ok(chain.tx('acc1', 'stakePool.contribute', { pid: 0, amount: `${100n * PHA}` }));
    ok(chain.tx('subsidy', 'stakePool.contribute', { pid: 0, amount: `${100n * PHA}` }));
    ok(chain.tx('acc1', 'stakePool.startComputing', { pid: 0, worker: 'w1', stake: `${100n * PHA}` }));
    // 3 PHA "to the treasury" stay in the subsidy account; 6 PHA are credited, 3 to each delegator.
    ok(chain.tx('gatekeeper', 'stakePool.settle', { settlements: [{ worker: 'w1', payout: 'fx:6', treasury: 'fx:3' }] }));
    ok(chain.tx('acc1', 'stakePool.claimRewards', { pid: 0, target: 'subsidy' }));
    ok(chain.tx('subsidy', 'stakePool.claimRewards', { pid: 0 }));
    assert.deepEqual(economy(chain), { asset: 'PHA', supply: `${1_001_000n * PHA}`, staked: `${200n * PHA}`, ...zeros, rewardsToStakers: `${6n * PHA}`, issued: '5999999999998' });
    assert.equal(chain.ledger.balanceOf('PHA', parseAddress('subsidy')), 1_000_000n * PHA);
    assert.deepEqual(chain.invariants(), []);
  });
});
