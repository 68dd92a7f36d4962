import { pathToFileURL } from 'node:url';
import { Chain } from '../chain/chain.js';
import { benchBls } from './sequencerStaking.bls.js';

/**
 * Rewards/rollup costs (npm run bench:sequencer [-- epochs], or
 * node dist/src/bench/sequencerStaking.rewards.js [epochs]; default 1,000).
 * 1. FastAggregateVerify of a batch signed by 7 and by 100 sequencers on each backend
 *    (`sequencerStaking.bls.ts`, which has the details).
 * 2. A claimAll over N unclaimed epochs (3 delegatees) on a chain whose epochs the built-in
 *    recorder wrote; also the time the recorder took for those epochs.
 * Timing lives in this script only (no wall clock in protocol code).
 */
function claimAllBench(epochs: number): { recordMs: number; claimMs: number; amount: string } {
  const E = 10n ** 18n;
  const chain = Chain.build(
    { mechanisms: { sequencerStaking: { preset: 'morph-bls', initialStakers: ['first', 'second', 'third'] } } },
    { time: 0, height: 1, balances: { alice: { MORPH: `${30n * E}` } } },
  );
  chain.advance({ seconds: 86_400 });
  for (const s of ['first', 'second', 'third']) chain.tx('alice', 'sequencerStaking.delegateStake', { delegatee: s, amount: `${5n * E}` });
  chain.tx('owner', 'sequencerStaking.startReward');
  let t0 = performance.now();
  chain.advance({ seconds: 86_400 * (epochs + 1) - 1 });
  chain.query('sequencerStaking.getRecord');
  const recordMs = performance.now() - t0;
  t0 = performance.now();
  const out = chain.tx('alice', 'sequencerStaking.claimReward', { delegatee: '0x0000000000000000000000000000000000000000', targetEpochIndex: 0 });
  const claimMs = performance.now() - t0;
  if (!out.ok) throw new Error(`claimAll failed: ${out.error?.message}`);
  const t = out.events.find((e) => e.name === 'Transfer');
  return { recordMs, claimMs, amount: String((t?.args as { value?: unknown })?.value) };
}

function main(epochs: number): void {
  for (const r of benchBls()) console.log(`${r.row}: ${r.value} ${r.unit} (${r.floorLabel}: ${r.floorValue} ${r.unit})`);
  const r = claimAllBench(epochs);
  console.log(`built-in recorder, ${epochs} epochs (one advance): ${r.recordMs.toFixed(0)} ms`);
  console.log(`claimAll over ${epochs} unclaimed epochs × 3 delegatees: ${r.claimMs.toFixed(1)} ms (paid ${r.amount})`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main(Number(process.argv[2] ?? 1000));
