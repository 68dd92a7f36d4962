/**
 * Stake-pool benchmark (node dist/src/bench/stakePool.rewards.js [delegators]; npm run
 * bench:stake-pool runs it at the default size). Through the public Chain API (argument parsing,
 * journaling, events included), for pools of 100 and of N delegators (default 100,000): settling one reward into the pool and claiming for one
 * delegator. Both are O(1) in the number of delegators thanks to the reward accumulator.
 * Wall-clock time is read here, in the surface, never inside the engine.
 */
import { performance } from 'node:perf_hooks';
import { Chain } from '../chain/chain.js';

const PHA = 10n ** 12n;

function pool(delegators: number): { chain: Chain; setupMs: number } {
  const balances: Record<string, Record<string, bigint>> = { subsidy: { PHA: 10n ** 9n * PHA }, owner: { PHA: 10n * PHA } };
  for (let k = 0; k < delegators; k++) balances[`d${k}`] = { PHA: 1000n * PHA };
  const chain = Chain.build(
    { mechanisms: { stakePool: { preset: 'phala-khala-v1' } } },
    { time: 0, height: 1, balances, stakePool: { workers: [{ worker: 'w1', operator: 'owner', initialScore: 1600, confidenceLevel: 1 }] } },
    { retainEvents: false },
  );
  const must = (o: ReturnType<Chain['tx']>) => {
    if (!o.ok) throw o.error;
  };
  const t0 = performance.now();
  must(chain.tx('owner', 'stakePool.create'));
  must(chain.tx('owner', 'stakePool.addWorker', { pid: 0, worker: 'w1' }));
  must(chain.tx('owner', 'stakePool.setCommission', { pid: 0, commission: 200_000 }));
  for (let k = 0; k < delegators; k++) must(chain.tx(`d${k}`, 'stakePool.contribute', { pid: 0, amount: 100n * PHA + BigInt(k) }));
  must(chain.tx('owner', 'stakePool.startComputing', { pid: 0, worker: 'w1', stake: 2000n * PHA }));
  return { chain, setupMs: performance.now() - t0 };
}

function measure(delegators: number, reps: number): void {
  const { chain, setupMs } = pool(delegators);
  let t0 = performance.now();
  for (let r = 0; r < reps; r++) {
    const o = chain.tx('gatekeeper', 'stakePool.settle', { settlements: [{ worker: 'w1', payout: 'fx:10.5' }] });
    if (!o.ok) throw o.error;
  }
  const settleUs = ((performance.now() - t0) * 1000) / reps;
  t0 = performance.now();
  for (let r = 0; r < reps; r++) {
    const o = chain.tx(`d${(r * 7919) % delegators}`, 'stakePool.claimRewards', { pid: 0 });
    if (!o.ok) throw o.error;
  }
  const claimUs = ((performance.now() - t0) * 1000) / reps;
  t0 = performance.now();
  chain.stateRoot();
  const rootMs = performance.now() - t0;
  t0 = performance.now();
  const bad = chain.invariants();
  const invMs = performance.now() - t0;
  if (bad.length) throw new Error(bad.join('\n'));
  const n = delegators.toLocaleString('en');
  process.stdout.write(
    `${n} delegators: setup ${setupMs.toFixed(0)} ms (${((setupMs * 1000) / delegators).toFixed(1)} µs per contribute); ` +
      `settle ${settleUs.toFixed(1)} µs; claim ${claimUs.toFixed(1)} µs (mean of ${reps}); ` +
      `state root ${rootMs.toFixed(0)} ms; invariants ${invMs.toFixed(0)} ms\n`,
  );
}

const big = Number(process.argv[2] ?? 100_000);
measure(100, 100);
measure(big, 1000);
