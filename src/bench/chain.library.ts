/**
 * The engine as a library (npm run bench:library; run with --expose-gc for the memory row):
 *
 * 1. the state root after one transaction, on a chain of 100,000 stake-pool delegators and on a
 *    prover pool that has passed 100,000 blocks (incremental root, built once before the timing),
 *    beside the full recomputation (`fullStateRoot`, the reference);
 * 2. snapshot and restore of those chains (JSON text size, time to write, time to restore, which
 *    rebuilds every cache and checks the root);
 * 3. undo memory per block at 40,000 computing workers: heap held by the journal when the block's
 *    unit commits (measured with forced collections around the commit), and the record count.
 *
 * Sizes: `node dist/src/bench/chain.library.js [delegators] [blocks] [pools of 200 workers]`.
 * Wall-clock time is read here, in the surface, never inside the engine.
 */
import { performance } from 'node:perf_hooks';
import { Chain, type Outcome } from '../chain/chain.js';
import { Journal } from '../kernel/journal.js';
import { buildNetwork } from './stakePool.computation.js';

const PHA = 10n ** 12n;
const TKO = 100_000_000n;

function must<O extends Outcome>(o: O): O {
  if (!o.ok) throw o.error;
  return o;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number): string => (x < 10 ? x.toFixed(3) : x.toFixed(0));

function rootAfterOneTx(label: string, chain: Chain, tx: (r: number) => void): void {
  let t0 = performance.now();
  chain.stateRoot();
  const buildMs = performance.now() - t0;
  const times: number[] = [];
  for (let r = 0; r < 7; r++) {
    tx(r);
    t0 = performance.now();
    chain.stateRoot();
    times.push(performance.now() - t0);
  }
  t0 = performance.now();
  const full = chain.fullStateRoot();
  const fullMs = performance.now() - t0;
  if (full !== chain.stateRoot()) throw new Error('incremental and full roots differ');
  t0 = performance.now();
  const snap = chain.snapshot();
  const text = JSON.stringify(snap);
  const snapMs = performance.now() - t0;
  const restoreMs = restore(chain, text);
  process.stdout.write(
    `${label}: state root after one tx ${ms(median(times))} ms (median of 7; first root ${ms(buildMs)} ms; full recomputation ${ms(fullMs)} ms); ` +
      `snapshot ${(text.length / 2 ** 20).toFixed(1)} MB in ${ms(snapMs)} ms, restore ${ms(restoreMs)} ms\n`,
  );
}

/** Restores from the snapshot text under the chain's own configuration; returns the time taken. */
function restore(chain: Chain, text: string): number {
  const config = configs.get(chain)!;
  const t0 = performance.now();
  const back = Chain.restore(config, JSON.parse(text), { retainEvents: false });
  const t = performance.now() - t0;
  if (back.stateRoot() !== chain.stateRoot()) throw new Error('restored root differs');
  return t;
}

const configs = new Map<Chain, { mechanisms: Record<string, Record<string, unknown>> }>();

function delegators(n: number): Chain {
  const balances: Record<string, Record<string, bigint>> = { subsidy: { PHA: 10n ** 9n * PHA }, owner: { PHA: 10n * PHA } };
  for (let k = 0; k < n; k++) balances[`d${k}`] = { PHA: 1000n * PHA };
  const config = { mechanisms: { stakePool: { preset: 'phala-khala-v1' } } };
  const chain = Chain.build(config, { time: 0, height: 1, balances, stakePool: { workers: [{ worker: 'w1', operator: 'owner', initialScore: 1600, confidenceLevel: 1 }] } }, { retainEvents: false });
  configs.set(chain, config);
  must(chain.tx('owner', 'stakePool.create'));
  must(chain.tx('owner', 'stakePool.addWorker', { pid: 0, worker: 'w1' }));
  for (let k = 0; k < n; k++) must(chain.tx(`d${k}`, 'stakePool.contribute', { pid: 0, amount: 100n * PHA + BigInt(k) }));
  must(chain.tx('owner', 'stakePool.startComputing', { pid: 0, worker: 'w1', stake: 2000n * PHA }));
  must(chain.tx('gatekeeper', 'stakePool.settle', { settlements: [{ worker: 'w1', payout: 'fx:10.5' }] }));
  return chain;
}

function proverPoolBlocks(n: number): Chain {
  const balances: Record<string, Record<string, bigint>> = { paul: { TKO: 10n ** 16n } };
  for (let k = 1; k <= 32; k++) balances[`prover${k}`] = { TKO: 100_000n * TKO };
  const config = { mechanisms: { proverPool: { preset: 'taiko-a4', maxProvers: 32 } } };
  const chain = Chain.build(config, { time: 1_700_000_000, height: 1, balances }, { retainEvents: false, recordChanges: false });
  configs.set(chain, config);
  for (let k = 1; k <= 32; k++) must(chain.tx(`prover${k}`, 'proverPool.stake', { amount: BigInt(1000 + k) * TKO, rewardPerGas: 8 + (k % 5), maxCapacity: 1_000_000 }));
  must(chain.tx('paul', 'proverPool.depositTaikoToken', { amount: 10n ** 15n }));
  for (let b = 1; b <= n; b++) {
    const p = must(chain.tx('paul', 'proverPool.proposeBlock', {}));
    must(chain.tx(p.result!.assignedProver, 'proverPool.proveBlock', { blockId: BigInt(b), gasUsed: 1_000_000 }));
    must(chain.advance({ seconds: 12, blocks: 1 }));
  }
  return chain;
}

function undoMemory(pools: number): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    process.stdout.write('undo memory: run with node --expose-gc to measure it\n');
    return;
  }
  const net = buildNetwork(pools);
  const { chain } = net;
  must(chain.advance({ seconds: 12, blocks: 1 }));
  // Measure at the outermost commit: heap with the block's undo records alive, then without.
  const original = Journal.prototype.atomic;
  let held = 0;
  let records = 0;
  Journal.prototype.atomic = function <T>(this: Journal, fn: () => T): T {
    if (this.inUnit) return original.call(this, fn) as T;
    return original.call(this, () => {
      const out = fn();
      if (this.recordCount > records) {
        records = this.recordCount;
        gc();
        held = process.memoryUsage().heapUsed;
      }
      return out;
    }) as T;
  };
  const mb: number[] = [];
  const counts: number[] = [];
  for (let b = 0; b < 3; b++) {
    records = 0;
    must(chain.advance({ seconds: 12, blocks: 1 }));
    gc();
    mb.push((held - process.memoryUsage().heapUsed) / 2 ** 20);
    counts.push(records);
  }
  Journal.prototype.atomic = original;
  process.stdout.write(
    `${net.workers.toLocaleString('en')} workers: undo memory per block ${mb.map((x) => x.toFixed(1)).join(', ')} MB; ` + `undo records per block ${counts.map((c) => c.toLocaleString('en')).join(', ')}\n`,
  );
}

const nDelegators = Number(process.argv[2] ?? 100_000);
const nBlocks = Number(process.argv[3] ?? 100_000);
const nPools = Number(process.argv[4] ?? 200);
{
  const chain = delegators(nDelegators);
  rootAfterOneTx(`${nDelegators.toLocaleString('en')} delegators`, chain, (r) => must(chain.tx(`d${(r * 7919) % nDelegators}`, 'stakePool.claimRewards', { pid: 0 })));
}
{
  const chain = proverPoolBlocks(nBlocks);
  rootAfterOneTx(`${nBlocks.toLocaleString('en')} prover-pool blocks`, chain, () => must(chain.tx('paul', 'proverPool.proposeBlock', {})));
}
undoMemory(nPools);
