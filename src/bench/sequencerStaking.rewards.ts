import { Chain } from '../chain/chain.js';
import { batchMessage } from '../mechanisms/sequencer-staking/batchSignature.js';
import { bls, testBlsKey, testSecretKey } from '../mechanisms/sequencer-staking/bls.js';
import { hexBytes } from '../mechanisms/sequencer-staking/keys.js';

/**
 * Rewards/rollup costs (npm run bench:sequencer [-- epochs], or
 * node dist/src/bench/sequencerStaking.rewards.js [epochs]; default 1,000).
 * 1. FastAggregateVerify of a batch signed by 7 and by 100 sequencers on the active backend
 *    (uncached: the backend is called directly).
 * 2. A claimAll over N unclaimed epochs (3 delegatees) on a chain whose epochs the built-in
 *    recorder wrote; also the time the recorder took for those epochs.
 * Timing lives in this script only (no wall clock in protocol code).
 */
function blsBench(n: number, runs: number): number {
  const b = bls();
  const names = Array.from({ length: n }, (_, i) => `bench-signer-${i}`);
  const pks = names.map((x) => testBlsKey(x));
  const msg = hexBytes(batchMessage(`0x${'ab'.repeat(32)}`, []));
  const sig = b.aggregateSignatures(names.map((x) => b.sign(testSecretKey(x), msg)));
  if (!b.fastAggregateVerify(pks, msg, sig)) throw new Error('aggregate does not verify');
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) b.fastAggregateVerify(pks, msg, sig);
  return (performance.now() - t0) / runs;
}

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

const epochs = Number(process.argv[2] ?? 1000);
console.log(`BLS backend ${bls().name}`);
for (const n of [7, 100]) console.log(`FastAggregateVerify, ${n} signers: ${blsBench(n, 10).toFixed(1)} ms`);
const r = claimAllBench(epochs);
console.log(`built-in recorder, ${epochs} epochs (one advance): ${r.recordMs.toFixed(0)} ms`);
console.log(`claimAll over ${epochs} unclaimed epochs × 3 delegatees: ${r.claimMs.toFixed(1)} ms (paid ${r.amount})`);
