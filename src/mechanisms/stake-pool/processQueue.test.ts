import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Chain } from '../../chain/chain.js';

/**
 * processQueue (§6.7) with amounts of 2^64 pico (≈ 18.4 M PHA) and more, where §3.2's
 * `toFixed(b mod 2^64)` wraps: the queue payment fails ARITHMETIC_OVERFLOW and the whole action
 * reverts, instead of looping through hundreds of thousands (or ~2^100) of 0-PHA Withdrawals.
 */
const PHA = 10n ** 12n;
const BIG = 10n ** 12n * PHA; // 10^12 PHA = 10^24 pico, far above 2^64 pico

function chainWith(balances: Record<string, bigint>, workers = false): Chain {
  return Chain.build(
    { mechanisms: { stakePool: { preset: 'phala-test-v1' } } },
    {
      time: 0,
      height: 1,
      balances: Object.fromEntries(Object.entries({ subsidy: 1_000_000n * PHA, ...balances }).map(([a, v]) => [a, { PHA: v.toString() }])),
      ...(workers ? { stakePool: { workers: [{ worker: 'w1', operator: 'a', initialScore: 1, confidenceLevel: 128 }] } } : {}),
    },
  );
}

function poolOf(chain: Chain): { freeStake: bigint; totalStake: bigint; totalShares: bigint; withdrawQueue: { shares: bigint }[] } {
  return (chain.query('stakePool.getPool', { pid: 0 }).result as { pool: never }).pool;
}

describe('processQueue with amounts the fixed-point conversion wraps', () => {
  it('the reported case: 10^12 PHA contributed, part withdrawn and queued, contributing again fails ARITHMETIC_OVERFLOW and changes nothing', { timeout: 60_000 }, () => {
    const chain = chainWith({ a: 3n * BIG, b: 3n * BIG });
    assert.ok(chain.tx('a', 'stakePool.create').ok);
    assert.ok(chain.tx('a', 'stakePool.contribute', { pid: 0, amount: BIG }).ok);
    const w = chain.tx('a', 'stakePool.withdraw', { pid: 0, shares: BIG / 2n });
    assert.ok(w.ok);
    // The free stake's wrapped conversion pays only a slice now; the rest is queued (the spec's wrap, kept).
    assert.deepEqual(
      w.events.filter((e) => e.name === 'WithdrawalQueued').map((e) => e.args.shares),
      [499_997_996_235_794_793_103_361n],
    );
    const before = chain.stateRoot();
    // Before the fix this call never returned (the test runner's timeout catches a regression).
    const c = chain.tx('b', 'stakePool.contribute', { pid: 0, amount: BIG });
    assert.equal(c.ok, false);
    assert.equal(c.error!.code, 'ARITHMETIC_OVERFLOW');
    assert.deepEqual(c.events, []);
    assert.equal(chain.stateRoot(), before);
    const pool = poolOf(chain);
    assert.equal(BigInt(pool.freeStake), 999_997_996_235_794_793_103_362n);
    assert.deepEqual(pool.withdrawQueue.map((r) => BigInt(r.shares)), [499_997_996_235_794_793_103_361n]);
    assert.deepEqual(chain.invariants(), []);
  });

  it('the same queue is paid as before while every converted amount stays below 2^64 pico', () => {
    const chain = chainWith({ a: 2000n * PHA, b: 20_000_000n * PHA }, true);
    assert.ok(chain.tx('a', 'stakePool.create').ok);
    assert.ok(chain.tx('a', 'stakePool.addWorker', { pid: 0, worker: 'w1' }).ok);
    assert.ok(chain.tx('a', 'stakePool.contribute', { pid: 0, amount: 1000n * PHA }).ok);
    assert.ok(chain.tx('a', 'stakePool.startComputing', { pid: 0, worker: 'w1', stake: 1000n * PHA }).ok);
    assert.ok(chain.tx('a', 'stakePool.withdraw', { pid: 0, shares: 400n * PHA }).ok);
    // 18 M PHA: free stake 1.8·10^19 pico < 2^64 ≈ 1.845·10^19.
    const c = chain.tx('b', 'stakePool.contribute', { pid: 0, amount: 18_000_000n * PHA });
    assert.ok(c.ok, c.error?.message);
    assert.deepEqual(
      c.events.filter((e) => e.name === 'Withdrawal' || e.name === 'Contribution').map((e) => [e.name, e.args.amount, e.args.shares]),
      [
        ['Withdrawal', 400n * PHA, 400n * PHA],
        ['Contribution', 18_000_000n * PHA, 18_000_000n * PHA],
      ],
    );
    assert.deepEqual(poolOf(chain).withdrawQueue, []);
  });

  it('a free stake of 2^64 pico or more fails the queue payment even when the wrapped value would still cover it', () => {
    const chain = chainWith({ a: 2000n * PHA, b: 20_000_000n * PHA }, true);
    assert.ok(chain.tx('a', 'stakePool.create').ok);
    assert.ok(chain.tx('a', 'stakePool.addWorker', { pid: 0, worker: 'w1' }).ok);
    assert.ok(chain.tx('a', 'stakePool.contribute', { pid: 0, amount: 1000n * PHA }).ok);
    assert.ok(chain.tx('a', 'stakePool.startComputing', { pid: 0, worker: 'w1', stake: 1000n * PHA }).ok);
    assert.ok(chain.tx('a', 'stakePool.withdraw', { pid: 0, shares: 400n * PHA }).ok);
    const before = chain.stateRoot();
    // 19 M PHA: free stake 1.9·10^19 pico > 2^64.
    const c = chain.tx('b', 'stakePool.contribute', { pid: 0, amount: 19_000_000n * PHA });
    assert.equal(c.ok, false);
    assert.equal(c.error!.code, 'ARITHMETIC_OVERFLOW');
    assert.equal(chain.stateRoot(), before);
    // Without a queue to pay, the same contribution goes through (no conversion of the free stake).
    const chain2 = chainWith({ a: 2000n * PHA, b: 20_000_000n * PHA });
    assert.ok(chain2.tx('a', 'stakePool.create').ok);
    assert.ok(chain2.tx('b', 'stakePool.contribute', { pid: 0, amount: 19_000_000n * PHA }).ok);
  });
});
