/**
 * Prover-pool benchmarks (npm run bench [-- n], or node dist/src/bench/proverPool.draws.js [n]).
 * Measures, through the public Chain API (argument parsing, journaling and events included):
 *  1. n `assignProver` draws (default 100,000) at 32 and at 10,000 provers;
 *  2. the block lifecycle of a 32-prover pool over n blocks (propose, prove, verify: each
 *     proposal draws its prover too).
 * Wall-clock time is read here, in the surface, never inside the engine.
 */
import { performance } from 'node:perf_hooks';
import { Chain } from '../chain/chain.js';

const T = 100_000_000n;

function poolChain(provers: number, preset = 'taiko-a4'): Chain {
  const balances: Record<string, Record<string, bigint>> = { paul: { TKO: 10n ** 16n } };
  for (let k = 1; k <= provers; k++) balances[`prover${k}`] = { TKO: 100_000n * T };
  const chain = Chain.build(
    { mechanisms: { proverPool: { preset, maxProvers: provers } } },
    { time: 1_700_000_000, height: 1, balances },
    { retainEvents: false },
  );
  for (let k = 1; k <= provers; k++) {
    const o = chain.tx(`prover${k}`, 'proverPool.stake', { amount: BigInt(1000 + k) * T, rewardPerGas: 8 + (k % 5), maxCapacity: 1_000_000 });
    if (!o.ok) throw o.error;
  }
  return chain;
}

function timeIt(label: string, n: number, fn: () => void): void {
  const t0 = performance.now();
  fn();
  const ms = performance.now() - t0;
  process.stdout.write(`${label}: ${n.toLocaleString('en')} in ${ms.toFixed(0)} ms (${((n / ms) * 1000).toFixed(0)}/s, ${((ms * 1000) / n).toFixed(1)} µs each)\n`);
}

function benchAssignments(provers: number, n: number): void {
  const chain = poolChain(provers);
  timeIt(`assignProver, ${provers.toLocaleString('en')} provers`, n, () => {
    for (let b = 1; b <= n; b++) {
      const o = chain.tx('protocol', 'proverPool.assignProver', { blockId: BigInt(b), feePerGas: 10 });
      if (!o.ok) throw o.error;
    }
  });
}

function benchLifecycle(n: number): void {
  const chain = poolChain(32);
  if (!chain.tx('paul', 'proverPool.depositTaikoToken', { amount: 10n ** 15n }).ok) throw new Error('deposit failed');
  timeIt('lifecycle (propose + prove + verify), 32 provers', n, () => {
    for (let b = 1; b <= n; b++) {
      const p = chain.tx('paul', 'proverPool.proposeBlock', {});
      if (!p.ok) throw p.error;
      const prover = (p.result as { assignedProver: string }).assignedProver;
      const v = chain.tx(prover, 'proverPool.proveBlock', { blockId: BigInt(b), gasUsed: 1_000_000 });
      if (!v.ok) throw v.error;
      chain.advance({ seconds: 12, blocks: 1 });
    }
    chain.advance({ seconds: 3600, blocks: Math.ceil(n / 10) });
  });
  const state = chain.query('proverPool.getState').result as { lastVerifiedBlockId: number; numBlocks: number };
  process.stdout.write(`  verified ${state.lastVerifiedBlockId} of ${state.numBlocks - 1} blocks; invariants: ${chain.invariants().length === 0 ? 'hold' : chain.invariants().join('; ')}\n`);
}

const n = Number(process.argv[2] ?? 100_000);
benchAssignments(32, n);
benchAssignments(10_000, n);
benchLifecycle(n);
