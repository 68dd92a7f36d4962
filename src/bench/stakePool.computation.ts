/**
 * Built-in computation model benchmark (node dist/src/bench/stakePool.computation.js [maxWorkers]
 * [blocks] [--changes], or npm run bench:stake-pool [-- maxWorkers [blocks]]). Networks of pools of 200
 * workers each (25, 50, 100 and 200 pools: 5,000 to 40,000 workers, up to `maxWorkers`, default
 * 40,000), preset `phala-khala-v1` with `computation.enabled`. Workers are registered in genesis (initial scores 100–3000, confidence
 * levels 1–5); then, through transactions, each pool's owner creates it and adds its workers, two
 * delegators contribute, the owner starts every worker with its minimum stake plus 0–6 PHA, and the
 * gatekeeper reports 1% of the workers offline (so both settlement paths run).
 *
 * Timed: `advance` by 12 s and one block, in which the hook settles every computing worker
 * (default 10 blocks after three untimed warm-up blocks, so that the major garbage collections that
 * come every few blocks are averaged in). Through the public Chain API, wall-clock read here and
 * never in the engine. Each block is checked: exactly 3 events per responsive worker
 * (MinerSettled, the treasury Transfer, RewardReceived) plus 1 per unresponsive one
 * (MinerSettled); afterwards the pools' accumulators have grown, an offline worker's V has
 * decayed, and the invariants hold (timed, as is the state root).
 *
 * The chain is built as the simulator builds it, `{ retainEvents: false, recordChanges: false }`;
 * `--changes` measures the same sizes with change sets on as well. Last, the floor: the U64F64
 * settlement math of §9 alone on arrays (no chain, no records, no events), for the largest size.
 *
 * `buildNetwork` and `timedBlock` are exported for profiling harnesses, `benchComputation` for the
 * bench table; importing the module runs nothing.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Chain, type Outcome } from '../chain/chain.js';
import type { BenchRow } from './row.js';
import { initialV, minimumStake } from '../mechanisms/stake-pool/economics.js';
import { add, div, fromFixed, int, isqrtU, min, mul, ONE, sub, toFixed, type Fx } from '../mechanisms/stake-pool/fixed.js';
import { parseParams, presets } from '../mechanisms/stake-pool/params.js';
import { gatekeeperConfidence } from '../mechanisms/stake-pool/workerShare.js';

const PHA = 10n ** 12n;
const WORKERS_PER_POOL = 200;
const DELEGATORS_PER_POOL = 2;
const BLOCK_SECONDS = 12;
/** Workers with `k mod OFFLINE_EVERY = OFFLINE_AT` are reported offline: 2 per pool. */
const OFFLINE_EVERY = 100;
const OFFLINE_AT = 37;
const WARM_UP_BLOCKS = 3;

function must(o: Outcome): Outcome {
  if (!o.ok) throw o.error;
  return o;
}

/** Deterministic variety: initial score 100–3000, confidence level 1–5. */
const scoreOf = (k: number): number => 100 + ((k * 7919) % 2901);
const levelOf = (k: number): number => 1 + ((k * 31) % 5);
const isOffline = (k: number): boolean => k % OFFLINE_EVERY === OFFLINE_AT;

export interface Network {
  chain: Chain;
  pools: number;
  workers: number;
  offline: number;
  buildMs: number;
  txMs: number;
  /** Names of one responsive and one offline worker (for the checks). */
  probe: { idle: string; offline: string };
}

/**
 * A network of `pools` pools of 200 computing workers each, 1% of them reported offline. Change
 * sets are off unless `recordChanges` (events are never retained).
 */
export function buildNetwork(pools: number, options: { recordChanges?: boolean } = {}): Network {
  const n = pools * WORKERS_PER_POOL;
  const t0 = performance.now();
  const balances: Record<string, Record<string, bigint>> = { subsidy: { PHA: 10n ** 9n * PHA } };
  const workers: Array<{ worker: string; operator: string; initialScore: number; confidenceLevel: number }> = [];
  for (let p = 0; p < pools; p++) {
    for (let j = 0; j < DELEGATORS_PER_POOL; j++) balances[`d${p}_${j}`] = { PHA: 10n ** 6n * PHA };
    for (let i = 0; i < WORKERS_PER_POOL; i++) {
      const k = p * WORKERS_PER_POOL + i;
      workers.push({ worker: `w${k}`, operator: `o${p}`, initialScore: scoreOf(k), confidenceLevel: levelOf(k) });
    }
  }
  const chain = Chain.build(
    { mechanisms: { stakePool: { preset: 'phala-khala-v1', computation: { enabled: true } } } },
    { time: 0, height: 1, balances, stakePool: { workers } },
    { retainEvents: false, recordChanges: options.recordChanges ?? false },
  );
  const buildMs = performance.now() - t0;

  const t1 = performance.now();
  const minStakes = new Map<number, bigint>();
  const minStake = (p: number): bigint => {
    let s = minStakes.get(p);
    if (s === undefined) {
      s = (must(chain.query('stakePool.minimumStake', { initialScore: p })).result as { minStake: bigint }).minStake;
      minStakes.set(p, s);
    }
    return s;
  };
  for (let p = 0; p < pools; p++) {
    const owner = `o${p}`;
    const { pid } = must(chain.tx(owner, 'stakePool.create')).result as { pid: number };
    if (pid !== p) throw new Error(`pool ${p} got pid ${pid}`);
    const stakes: bigint[] = [];
    for (let i = 0; i < WORKERS_PER_POOL; i++) {
      const k = p * WORKERS_PER_POOL + i;
      must(chain.tx(owner, 'stakePool.addWorker', { pid, worker: `w${k}` }));
      stakes.push(minStake(scoreOf(k)) + BigInt(k % 7) * PHA);
    }
    const needed = stakes.reduce((a, b) => a + b, 0n);
    const each = needed / BigInt(DELEGATORS_PER_POOL) + PHA;
    for (let j = 0; j < DELEGATORS_PER_POOL; j++) must(chain.tx(`d${p}_${j}`, 'stakePool.contribute', { pid, amount: each }));
    for (let i = 0; i < WORKERS_PER_POOL; i++) {
      must(chain.tx(owner, 'stakePool.startComputing', { pid, worker: `w${p * WORKERS_PER_POOL + i}`, stake: stakes[i]! }));
    }
  }
  const offline: string[] = [];
  for (let k = 0; k < n; k++) if (isOffline(k)) offline.push(`w${k}`);
  must(chain.tx('gatekeeper', 'stakePool.settle', { settlements: [], offline }));
  const txMs = performance.now() - t1;

  const stats = must(chain.query('stakePool.getStats')).result as { poolCount: number; onlineMiners: number };
  if (stats.poolCount !== pools || stats.onlineMiners !== n) throw new Error(`expected ${pools} pools and ${n} computing workers, got ${JSON.stringify(stats)}`);
  return { chain, pools, workers: n, offline: offline.length, buildMs, txMs, probe: { idle: 'w0', offline: `w${OFFLINE_AT}` } };
}

/** Passes one block of 12 s; returns its wall-clock time (ms) and checks the event count. */
export function timedBlock(net: Network): number {
  const { chain } = net;
  const before = chain.events.length;
  const t0 = performance.now();
  must(chain.advance({ seconds: BLOCK_SECONDS, blocks: 1 }));
  const ms = performance.now() - t0;
  const emitted = chain.events.length - before;
  const expected = 3 * (net.workers - net.offline) + net.offline;
  if (emitted !== expected) throw new Error(`block ${chain.height - 1}: ${emitted} events, expected ${expected} (3 per responsive worker + 1 per unresponsive one)`);
  return ms;
}

const rewardAcc = (chain: Chain, pid: number): bigint => (must(chain.query('stakePool.getPool', { pid })).result as { pool: { rewardAcc: bigint } }).pool.rewardAcc;
const workerView = (chain: Chain, worker: string) =>
  (must(chain.query('stakePool.getWorker', { worker })).result as { worker: { state: string; v: bigint; vUpdatedAt: number } }).worker;

interface Row {
  pools: number;
  workers: number;
  setupMs: number;
  buildMs: number;
  txMs: number;
  meanMs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  usPerWorker: number;
  /** From the median block (less sensitive to the major collections than the mean). */
  usPerWorkerMedian: number;
  invMs: number;
  rootMs: number;
}

function measure(pools: number, blocks: number, recordChanges = false, withRoot = true): Row {
  const net = buildNetwork(pools, { recordChanges });
  const { chain } = net;
  // Untimed blocks first (JIT warm-up: a 5,000-worker block is short), checked like the others.
  for (let b = 0; b < WARM_UP_BLOCKS; b++) timedBlock(net);
  const accBefore = [rewardAcc(chain, 0), rewardAcc(chain, pools - 1)];
  const offBefore = workerView(chain, net.probe.offline);
  const idleBefore = workerView(chain, net.probe.idle);
  const times: number[] = [];
  for (let b = 0; b < blocks; b++) times.push(timedBlock(net));
  // Every block settled every worker: accumulators grew, the offline worker's V decayed, the
  // responsive one's V was written at the last block.
  const accAfter = [rewardAcc(chain, 0), rewardAcc(chain, pools - 1)];
  if (!(accAfter[0]! > accBefore[0]! && accAfter[1]! > accBefore[1]!)) throw new Error('a pool accumulator did not grow');
  const offAfter = workerView(chain, net.probe.offline);
  const idleAfter = workerView(chain, net.probe.idle);
  if (offAfter.state !== 'MiningUnresponsive' || !(offAfter.v < offBefore.v)) throw new Error(`offline worker: ${offAfter.state}, V ${offBefore.v} → ${offAfter.v}`);
  if (idleAfter.state !== 'MiningIdle' || idleAfter.vUpdatedAt !== chain.time || idleAfter.v === idleBefore.v) throw new Error('responsive worker was not settled');

  let t0 = performance.now();
  const bad = chain.invariants();
  const invMs = performance.now() - t0;
  if (bad.length) throw new Error(bad.join('\n'));
  let rootMs = Number.NaN;
  if (withRoot) {
    t0 = performance.now();
    chain.stateRoot();
    rootMs = performance.now() - t0;
  }

  const meanMs = times.reduce((a, b) => a + b, 0) / times.length;
  const sorted = [...times].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const medianMs = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return {
    pools,
    workers: net.workers,
    setupMs: net.buildMs + net.txMs,
    buildMs: net.buildMs,
    txMs: net.txMs,
    meanMs,
    medianMs,
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    usPerWorker: (meanMs * 1000) / net.workers,
    usPerWorkerMedian: (medianMs * 1000) / net.workers,
    invMs,
    rootMs,
  };
}

/** The floor's inputs: what the engine reads per worker, as plain arrays. */
interface FloorData {
  v: Fx[];
  vDeductible: Fx[];
  xx: Fx[];
  cost: Fx[];
  offline: boolean[];
  pool: number[];
  roots: Fx[];
  poolShares: Fx[];
}

function floorData(workers: number): FloorData {
  const t = parseParams(presets['phala-khala-v1']).tokenomic;
  const d: FloorData = { v: [], vDeductible: [], xx: [], cost: [], offline: [], pool: [], roots: [], poolShares: [] };
  const needed = new Map<number, bigint>();
  for (let k = 0; k < workers; k++) {
    const p = scoreOf(k);
    const stake = minimumStake(t, p) + BigInt(k % 7) * PHA;
    const pool = Math.floor(k / WORKERS_PER_POOL);
    needed.set(pool, (needed.get(pool) ?? 0n) + stake);
    const x = mul(mul(int(2), int(p)), gatekeeperConfidence(levelOf(k)));
    d.v.push(initialV(t, stake, p, levelOf(k)));
    d.vDeductible.push(0n);
    d.xx.push(mul(x, x));
    d.cost.push(add(mul(t.costK, int(p)), t.costB));
    d.offline.push(isOffline(k));
    d.pool.push(pool);
    d.roots.push(0n);
  }
  for (const [, s] of [...needed].sort(([a], [b]) => a - b)) d.poolShares.push(toFixed(s + 2n * PHA));
  return d;
}

/**
 * One block of §9's arithmetic on arrays, as the fast path does it (share roots, V growth and
 * decay, budget, payout and treasury parts, pico conversions, the accumulator increment), with
 * nothing else: no chain, no records, no map, no events. Returns the treasury total (kept live).
 */
function floorBlock(d: FloorData, rewardAcc: Fx[]): bigint {
  const t = parseParamsCached();
  const growth = sub(t.rho, ONE);
  const keep = sub(ONE, t.treasuryRatio);
  const n = d.v.length;
  let rootSum = 0n;
  for (let i = 0; i < n; i++) {
    if (d.offline[i]) continue;
    const v = d.v[i]!;
    const root = isqrtU(add(mul(v, v), d.xx[i]!));
    d.roots[i] = root;
    rootSum += root;
  }
  let treasury = 0n;
  for (let i = 0; i < n; i++) {
    const v = d.v[i]!;
    if (d.offline[i]) {
      d.v[i] = sub(v, mul(v, t.slashRate));
      d.vDeductible[i] = 0n;
      continue;
    }
    const dv = add(mul(growth, v), d.cost[i]!);
    const v1 = min(add(v, dv), t.vMax);
    const deductible = add(d.vDeductible[i]!, dv);
    const root = d.roots[i]!;
    if (rootSum === 0n || root === 0n || deductible === 0n) {
      d.v[i] = v1;
      d.vDeductible[i] = deductible;
      continue;
    }
    const budget = (((root << 64n) / rootSum) * t.budgetPerBlock) >> 64n;
    const payout = mul(budget, keep);
    treasury += fromFixed(mul(budget, t.treasuryRatio));
    d.v[i] = sub(v1, min(deductible, payout));
    d.vDeductible[i] = 0n;
    const reward = fromFixed(payout);
    const p = d.pool[i]!;
    if (reward > 1000n) rewardAcc[p] = add(rewardAcc[p]!, div(toFixed(reward), d.poolShares[p]!));
  }
  return treasury;
}

let tokenomic: ReturnType<typeof parseParams>['tokenomic'] | undefined;
const parseParamsCached = () => (tokenomic ??= parseParams(presets['phala-khala-v1']).tokenomic);

/** The floor: median ms per block of `floorBlock` for `workers` workers (after warm-up blocks). */
export function settlementFloor(workers: number, blocks = 10): number {
  const d = floorData(workers);
  const acc = d.poolShares.map(() => 0n);
  for (let b = 0; b < 3; b++) floorBlock(d, acc);
  const times: number[] = [];
  for (let b = 0; b < blocks; b++) {
    const t0 = performance.now();
    floorBlock(d, acc);
    times.push(performance.now() - t0);
  }
  return median(times);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * For the bench table: median ms per block of the computation model at each size (a multiple
 * of 200 workers), chain built `{ retainEvents: false, recordChanges: false }`, each row with its
 * floor (the settlement math alone, `settlementFloor`, for the same number of workers).
 */
export function benchComputation(
  workers: number[] = [5_000, 40_000],
  blocks = 10,
): BenchRow[] {
  return workers.map((n): BenchRow => {
    if (n % WORKERS_PER_POOL !== 0 || n <= 0) throw new Error(`workers must be a positive multiple of ${WORKERS_PER_POOL}, got ${n}`);
    const r = measure(n / WORKERS_PER_POOL, blocks, false, false);
    return {
      row: `stakePool computation model, one block at ${n.toLocaleString('en')} workers`,
      value: r.medianMs,
      unit: 'ms',
      floorLabel: 'U64F64 settlement math alone',
      floorValue: settlementFloor(n, blocks),
      note: `${((r.medianMs * 1000) / n).toFixed(2)} µs per worker-block`,
      ...(n === 40_000 ? { target: { text: '≤ 80 ms', met: r.medianMs <= 80 } } : {}),
    };
  });
}

function main(): void {
  const args = process.argv.slice(2).filter((a) => a !== '--changes');
  const withChanges = process.argv.includes('--changes');
  const maxWorkers = Number(args[0] ?? 40_000);
  const blocks = Number(args[1] ?? 10);
  if (!Number.isSafeInteger(blocks) || blocks < 1) throw new Error(`blocks must be a positive integer, got ${process.argv[3]}`);
  const sizes = [25, 50, 100, 200].filter((p) => p * WORKERS_PER_POOL <= maxWorkers);
  if (sizes.length === 0) throw new Error(`maxWorkers ${maxWorkers} is below the smallest network (${25 * WORKERS_PER_POOL} workers)`);
  const rows: Row[] = [];
  const fmt = (x: number, d = 0) => x.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d });
  process.stdout.write(`computation model, phala-khala-v1, ${WORKERS_PER_POOL} workers per pool, 1% offline, mean of ${blocks} blocks after ${WARM_UP_BLOCKS} warm-up blocks\n`);
  for (const [pools, changes] of [...sizes.map((p) => [p, false] as const), ...(withChanges ? sizes.map((p) => [p, true] as const) : [])]) {
    const r = measure(pools, blocks, changes);
    if (!changes) rows.push(r);
    process.stdout.write(
      `${fmt(r.pools)} pools / ${fmt(r.workers)} workers, change sets ${changes ? 'on' : 'off'}: setup ${fmt(r.setupMs)} ms (genesis ${fmt(r.buildMs)} ms, txs ${fmt(r.txMs)} ms); ` +
        `block ${fmt(r.meanMs, 1)} ms (median ${fmt(r.medianMs, 1)}, min ${fmt(r.minMs, 1)}, max ${fmt(r.maxMs, 1)}) = ${fmt(r.usPerWorker, 2)} µs per worker (median ${fmt(r.usPerWorkerMedian, 2)}); ` +
        `invariants ${fmt(r.invMs)} ms; state root ${fmt(r.rootMs)} ms\n`,
    );
  }
  if (rows.length > 1) {
    const first = rows[0]!;
    const last = rows[rows.length - 1]!;
    const ratio = last.usPerWorker / first.usPerWorker;
    const ratioMedian = last.usPerWorkerMedian / first.usPerWorkerMedian;
    // The verdict reads the medians: a single major collection moves a 10-block mean by 10–20%.
    const verdict = ratioMedian <= 1.25 ? 'linear' : ratioMedian <= 1.6 ? 'slightly super-linear' : 'super-linear';
    process.stdout.write(
      `per-worker cost at ${fmt(last.workers)} vs ${fmt(first.workers)} workers: ×${ratio.toFixed(2)} by the mean, ×${ratioMedian.toFixed(2)} by the median ` +
        `(${verdict}; block time ×${(last.meanMs / first.meanMs).toFixed(2)} for ×${last.workers / first.workers} workers)\n`,
    );
  }
  const last = rows[rows.length - 1]!;
  const floor = settlementFloor(last.workers, blocks);
  process.stdout.write(
    `floor: the settlement math alone for ${fmt(last.workers)} workers ${fmt(floor, 1)} ms per block (${fmt((floor * 1000) / last.workers, 2)} µs per worker); ` +
      `the engine's median block is ×${(last.medianMs / floor).toFixed(2)} that\n`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
