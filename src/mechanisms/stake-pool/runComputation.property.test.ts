import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Chain, type ChainConfig, type GenesisConfig, type Outcome } from '../../chain/chain.js';
import type { ChainEvent, Mechanism } from '../../kernel/index.js';

/**
 * The fast computation path (runComputation.ts) against the plain reference
 * (`runComputationReference`: computeSettlements then applySettlements) on random networks:
 * presets, slashing, tokenomic overrides that make the U64F64 results wrap (treasury ratio above
 * 1, huge budgets, V reported near 2^128 so that roots leave the float range and the share sum
 * wraps), a subsidy account that cannot pay every treasury part or that is the treasury itself,
 * and between blocks every action that changes what the roster caches (start, stop, restart,
 * reclaim, remove, add, re-register, offline / recovered reports, V reports), failed
 * transactions, and snapshot/restore of the fast chains.
 *
 * Four chains take the same steps: the reference (events retained and listened to, change sets
 * on), the fast path with the same options, the fast path observed by a listener only, and the fast path
 * unobserved with change sets off (the simulator's setting). After every step: the same outcome,
 * the same events and change sets (reference vs fast), the same listened events, the same event
 * count and the same state root on all four, and every invariant holds.
 *
 * SP_FAST_RUNS / SP_FAST_SEED override the run count and the seed.
 */
const PHA = 10n ** 12n;
const U128 = (1n << 128n) - 1n;
/**
 * Each pool's delegation: enough to start a worker of P = 2^31, and below 2^64 pico (≈ 18.4 M
 * PHA), where §3.2's `toFixed(b mod 2^64)` wraps and paying the queue fails ARITHMETIC_OVERFLOW (a
 * behaviour of its own, tested in processQueue.test.ts, outside what this test compares).
 */
const POOL_STAKE = 5n * 10n ** 6n * PHA;

type Instance = Mechanism & { useReferenceComputation(on: boolean): void };

interface Net {
  preset: 'phala-khala-v1' | 'phala-test-v1';
  slash: boolean;
  tokenomic: Record<string, string>;
  halvingInterval: number;
  sameTreasury: boolean;
  subsidy: bigint;
  pools: number;
  workers: Array<{ p: number; level: number; pool: number }>;
  /** Pools loaded as genesis fixtures with these total shares (dust, or 2^64, whose toFixed is 0), or created. */
  fixtureShares: bigint[] | null;
}

type Cmd =
  | { k: 'start'; w: number; extra: bigint }
  | { k: 'stop'; w: number }
  | { k: 'restart'; w: number; extra: bigint }
  | { k: 'reclaim'; w: number }
  | { k: 'remove'; w: number }
  | { k: 'add'; w: number; pool: number }
  | { k: 'register'; w: number; p: number; level: number }
  | { k: 'report'; offline: number[]; recovered: number[]; settlements: Array<{ w: number; v: bigint | null; payout: bigint; treasury: bigint }> }
  | { k: 'contribute'; u: number; pool: number; amount: bigint }
  | { k: 'withdraw'; u: number; pool: number; shares: bigint }
  | { k: 'commission'; pool: number; c: number }
  | { k: 'claim'; u: number; pool: number }
  | { k: 'advance'; blocks: number; seconds: number }
  | { k: 'restore' };

const levels = [1, 2, 3, 4, 5, 128, 9, 0];
const fxBits = (lo: bigint, hi: bigint) => fc.bigInt(lo, hi).map((b) => b.toString());

const netGen: fc.Arbitrary<Net> = fc.record({
  preset: fc.constantFrom('phala-khala-v1' as const, 'phala-test-v1' as const),
  slash: fc.boolean(),
  tokenomic: fc.record(
    {
      budgetPerBlock: fc.oneof(fxBits(0n, 1n << 34n), fxBits(0n, 1n << 40n), fxBits(0n, 1n << 72n), fxBits(0n, U128), fc.constant('0')),
      treasuryRatio: fc.oneof(fxBits(0n, 1n << 64n), fxBits(0n, U128)),
      rho: fc.oneof(fxBits(1n << 64n, (1n << 64n) + (1n << 50n)), fxBits(0n, U128)),
      costK: fxBits(0n, 1n << 50n),
      costB: fc.oneof(fxBits(0n, 1n << 60n), fxBits(0n, U128)),
      slashRate: fc.oneof(fxBits(0n, 1n << 60n), fxBits(0n, U128)),
      vMax: fc.oneof(fc.constant('553402322211286548480000'), fxBits(0n, U128)),
    },
    { requiredKeys: [] },
  ).map((t) => ({ ...t }) as Record<string, string>),
  halvingInterval: fc.constantFrom(0, 1, 3, 1_296_000),
  sameTreasury: fc.boolean(),
  subsidy: fc.oneof(fc.constant(10n ** 9n * PHA), fc.bigInt(0n, 300n * PHA), fc.bigInt(0n, 10n ** 6n)),
  pools: fc.integer({ min: 1, max: 3 }),
  workers: fc.array(
    fc.record({
      p: fc.oneof(fc.integer({ min: 1, max: 5000 }), fc.constantFrom(50, 2 ** 32 - 1, 2 ** 31)),
      level: fc.constantFrom(...levels),
      pool: fc.nat(2),
    }),
    { minLength: 1, maxLength: 9 },
  ),
  fixtureShares: fc.oneof(
    { weight: 4, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(0n, 1n, 1000n, 1001n, 10n ** 18n, 1n << 64n), { minLength: 3, maxLength: 3 }) },
  ),
});

const wGen = fc.nat(8);
const vGen = fc.oneof(fc.constant(null), fc.bigInt(0n, 1n << 80n), fc.bigInt(0n, U128), fc.constantFrom(0n, U128, 1n << 100n, (1n << 100n) - 1n, 1n << 96n));
const cmdGen: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ k: fc.constant('start' as const), w: wGen, extra: fc.oneof(fc.bigInt(0n, 50n * PHA), fc.constant(10n ** 7n * PHA)) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('stop' as const), w: wGen }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('restart' as const), w: wGen, extra: fc.bigInt(0n, 100n * PHA) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('reclaim' as const), w: wGen }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('remove' as const), w: wGen }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('add' as const), w: wGen, pool: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('register' as const), w: wGen, p: fc.integer({ min: 1, max: 5000 }), level: fc.constantFrom(...levels) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('report' as const),
      offline: fc.uniqueArray(wGen, { maxLength: 3 }),
      recovered: fc.uniqueArray(wGen, { maxLength: 3 }),
      settlements: fc.array(fc.record({ w: wGen, v: vGen, payout: fc.oneof(fc.bigInt(0n, 1n << 70n), fc.constant(0n)), treasury: fc.bigInt(0n, 1n << 66n) }), { maxLength: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('contribute' as const), u: fc.nat(2), pool: fc.nat(2), amount: fc.oneof(fc.bigInt(0n, 5000n * PHA), fc.bigInt(0n, 3000n)) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('withdraw' as const), u: fc.nat(2), pool: fc.nat(2), shares: fc.oneof(fc.bigInt(0n, 5000n * PHA), fc.bigInt(0n, POOL_STAKE)) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('commission' as const), pool: fc.nat(2), c: fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom(0, 500_000, 999_999, 1_000_000)) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('claim' as const), u: fc.nat(3), pool: fc.nat(2) }) },
  { weight: 8, arbitrary: fc.record({ k: fc.constant('advance' as const), blocks: fc.integer({ min: 0, max: 3 }), seconds: fc.constantFrom(0, 12, 604_801) }) },
  { weight: 1, arbitrary: fc.constant({ k: 'restore' as const }) },
);

const users = ['d0', 'd1', 'subsidy', 'o0'];

function configOf(net: Net): ChainConfig {
  return {
    mechanisms: {
      stakePool: {
        preset: net.preset,
        slashEnabled: net.slash,
        maxPoolWorkers: 20,
        minInitP: 1,
        ...(net.sameTreasury ? { treasury: 'subsidy' } : {}),
        computation: { enabled: true, halvingInterval: net.halvingInterval },
        tokenomic: net.tokenomic,
      },
    },
  };
}

function genesisOf(net: Net): GenesisConfig {
  const balances: Record<string, Record<string, bigint>> = { subsidy: { PHA: net.subsidy + 10n ** 7n * PHA } };
  for (const u of ['d0', 'd1']) balances[u] = { PHA: 10n ** 8n * PHA };
  const workers = net.workers.map((w, i) => ({ worker: `w${i}`, operator: `o${Math.min(w.pool, net.pools - 1)}`, initialScore: w.p, confidenceLevel: w.level }));
  if (net.fixtureShares === null) return { time: 0, height: 3, balances, stakePool: { workers } };
  const pools = net.fixtureShares.slice(0, net.pools).map((totalShares, pid) => ({ pid, owner: `o${pid}`, totalShares, totalStake: POOL_STAKE, freeStake: POOL_STAKE }));
  return { time: 0, height: 3, balances, stakePool: { workers, poolCount: net.pools, pools } };
}

/** One chain of the comparison and what it records. */
interface Lane {
  name: string;
  chain: Chain;
  reference: boolean;
  /** Events seen by a listener (the listener lane). */
  heard?: ChainEvent[];
  options: { retainEvents: boolean; recordChanges: boolean };
}

function makeLane(name: string, net: Net, reference: boolean, options: Lane['options'], listen: boolean): Lane {
  const chain = Chain.build(configOf(net), genesisOf(net), options);
  const lane: Lane = { name, chain, reference, options };
  if (listen) {
    lane.heard = [];
    chain.on((e) => lane.heard!.push(e));
  }
  setup(lane, net);
  return lane;
}

function instance(chain: Chain): Instance {
  return chain.mechanism<Instance>('stakePool');
}

/** Pools, their workers and some delegation, before the comparison starts (every step runs on every lane). */
function setup(lane: Lane, net: Net): void {
  const { chain } = lane;
  instance(chain).useReferenceComputation(lane.reference);
  if (net.fixtureShares === null) for (let p = 0; p < net.pools; p++) chain.tx(`o${p}`, 'stakePool.create');
  net.workers.forEach((w, i) => chain.tx(`o${Math.min(w.pool, net.pools - 1)}`, 'stakePool.addWorker', { pid: Math.min(w.pool, net.pools - 1), worker: `w${i}` }));
  // Fixture pools hold free stake already (and keep their odd share totals).
  if (net.fixtureShares === null) for (let p = 0; p < net.pools; p++) chain.tx('d0', 'stakePool.contribute', { pid: p, amount: POOL_STAKE });
  // Each worker tries to start once with its minimum stake (it fails when its initial V exceeds vMax).
  net.workers.forEach((w, i) => {
    const pid = Math.min(w.pool, net.pools - 1);
    chain.tx(`o${pid}`, 'stakePool.startComputing', { pid, worker: `w${i}`, stake: stakeFor(chain, i, 0n) });
  });
}

function poolOfWorker(chain: Chain, w: number): number | null {
  const r = chain.query('stakePool.getWorker', { worker: `w${w}` });
  return r.ok ? (r.result as { worker: { pid: number | null } }).worker.pid : null;
}

function stakeFor(chain: Chain, w: number, extra: bigint): bigint {
  const info = chain.query('stakePool.getWorker', { worker: `w${w}` });
  if (!info.ok) return extra;
  const p = (info.result as { worker: { initialScore: number | null } }).worker.initialScore ?? 0;
  const min = chain.query('stakePool.minimumStake', { initialScore: p });
  return (min.ok ? (min.result as { minStake: bigint }).minStake : 0n) + extra;
}

/** A step on one lane; the arguments are derived from that lane's own state (equal on every lane). */
function step(lane: Lane, c: Cmd, net: Net): Outcome | undefined {
  const { chain } = lane;
  const owner = (pid: number) => `o${pid}`;
  const pidOf = (w: number) => poolOfWorker(chain, w) ?? Math.min(net.workers[w % net.workers.length]!.pool, net.pools - 1);
  const w = (i: number) => i % net.workers.length;
  switch (c.k) {
    case 'start':
      return chain.tx(owner(pidOf(w(c.w))), 'stakePool.startComputing', { pid: pidOf(w(c.w)), worker: `w${w(c.w)}`, stake: stakeFor(chain, w(c.w), c.extra) });
    case 'stop':
      return chain.tx(owner(pidOf(w(c.w))), 'stakePool.stopComputing', { pid: pidOf(w(c.w)), worker: `w${w(c.w)}` });
    case 'restart':
      return chain.tx(owner(pidOf(w(c.w))), 'stakePool.restartComputing', { pid: pidOf(w(c.w)), worker: `w${w(c.w)}`, stake: stakeFor(chain, w(c.w), c.extra) });
    case 'reclaim':
      return chain.tx('d1', 'stakePool.reclaimWorker', { pid: pidOf(w(c.w)), worker: `w${w(c.w)}` });
    case 'remove':
      return chain.tx(owner(pidOf(w(c.w))), 'stakePool.removeWorker', { pid: pidOf(w(c.w)), worker: `w${w(c.w)}` });
    case 'add': {
      const pid = Math.min(c.pool, net.pools - 1);
      return chain.tx(owner(pid), 'stakePool.addWorker', { pid, worker: `w${w(c.w)}` });
    }
    case 'register':
      return chain.tx('registry', 'stakePool.registerWorker', { worker: `w${w(c.w)}`, operator: owner(Math.min(net.workers[w(c.w)]!.pool, net.pools - 1)), initialScore: c.p, confidenceLevel: c.level });
    case 'report':
      return chain.tx('gatekeeper', 'stakePool.settle', {
        offline: c.offline.map((i) => `w${w(i)}`),
        recoveredToOnline: c.recovered.map((i) => `w${w(i)}`),
        settlements: c.settlements.map((s) => ({ worker: `w${w(s.w)}`, ...(s.v === null ? {} : { v: s.v }), payout: s.payout, treasury: s.treasury })),
      });
    case 'contribute':
      return chain.tx(users[c.u]!, 'stakePool.contribute', { pid: Math.min(c.pool, net.pools - 1), amount: c.amount });
    case 'withdraw':
      return chain.tx(users[c.u]!, 'stakePool.withdraw', { pid: Math.min(c.pool, net.pools - 1), shares: c.shares });
    case 'commission': {
      const pid = Math.min(c.pool, net.pools - 1);
      return chain.tx(owner(pid), 'stakePool.setCommission', { pid, commission: c.c });
    }
    case 'claim':
      return chain.tx(users[c.u]!, 'stakePool.claimRewards', { pid: Math.min(c.pool, net.pools - 1) });
    case 'advance':
      return chain.advance({ seconds: c.seconds, blocks: c.blocks });
    case 'restore': {
      // The fast path's caches are rebuilt from state alone: continue on the restored chain. The
      // reference is restored too, so that both hold records with the keys a restore sorts.
      const snap = JSON.parse(JSON.stringify(chain.snapshot()));
      lane.chain = Chain.restore(configOf(net), snap, lane.options);
      if (lane.heard) lane.chain.on((e) => lane.heard!.push(e));
      instance(lane.chain).useReferenceComputation(lane.reference);
      return undefined;
    }
  }
}

const text = (x: unknown) => JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
const seen = new Map<string, number>();
const tally = (k: string) => seen.set(k, (seen.get(k) ?? 0) + 1);

function compare(lanes: Lane[], outs: Array<Outcome | undefined>, where: string, fixtures: boolean): void {
  const [ref, fast, listened, quiet] = lanes as [Lane, Lane, Lane, Lane];
  const [o0, o1, o2, o3] = outs;
  if (o0) {
    for (const [i, o] of [o1, o2, o3].entries()) {
      assert.equal(o?.ok, o0.ok, `${where}: lane ${i + 1} ok differs (${o?.error?.code} vs ${o0.error?.code})`);
      assert.equal(o?.error?.code, o0.error?.code, `${where}: error code`);
      assert.equal(o?.error?.message, o0.error?.message, `${where}: error message`);
    }
    // Only fixtures reach the reference's division by zero (totalShares = 2^64): the block fails whole.
    if (o0.error?.code === 'INTERNAL_ERROR') {
      assert.ok(fixtures && /division by zero/.test(o0.error.message), `${where}: ${o0.error.message}`);
      tally('blockFailed');
    }
    // As text: field order included (a record restored from a snapshot has its keys sorted).
    assert.equal(text(o1!.events), text(o0.events), `${where}: events differ`);
    assert.equal(text(o1!.changes), text(o0.changes), `${where}: change sets differ`);
    for (const e of o0.events) tally(e.name);
  }
  const root = ref.chain.stateRoot();
  for (const l of [fast, listened, quiet]) {
    assert.equal(l.chain.stateRoot(), root, `${where}: ${l.name} state root differs`);
    assert.equal(l.chain.events.length, ref.chain.events.length, `${where}: ${l.name} event count differs`);
  }
  // Listeners also hear the events of failed units, so the reference's listener is the measure.
  assert.deepEqual(listened.heard, ref.heard, `${where}: listened events differ`);
  assert.deepEqual(ref.chain.invariants(), [], `${where}: invariants`);
}

/** Every step on the four lanes, compared after each. */
function checkCase(net: Net, cmds: Cmd[]): void {
  const lanes = [
    makeLane('reference', net, true, { retainEvents: true, recordChanges: true }, true),
    makeLane('fast', net, false, { retainEvents: true, recordChanges: true }, false),
    makeLane('fast, listened', net, false, { retainEvents: false, recordChanges: false }, true),
    makeLane('fast, unobserved', net, false, { retainEvents: false, recordChanges: false }, false),
  ];
  const fixtures = net.fixtureShares !== null;
  compare(lanes, [undefined, undefined, undefined, undefined], 'after setup', fixtures);
  for (const [i, c] of cmds.entries()) {
    const outs = lanes.map((l) => step(l, c, net));
    compare(lanes, outs, `step ${i} ${JSON.stringify(c, (_k, v) => (typeof v === 'bigint' ? `${v}` : v))}`, fixtures);
    if (c.k === 'advance' && c.blocks > 0 && outs[0]?.ok) tally('advance');
  }
}

function run(numRuns: number, seed: number): void {
  const runs = Number(process.env.SP_FAST_RUNS ?? numRuns);
  const envSeed = process.env.SP_FAST_SEED;
  fc.assert(
    fc.property(netGen, fc.array(cmdGen, { minLength: 4, maxLength: 40 }), checkCase),
    { numRuns: runs, seed: envSeed ? Number(envSeed) : seed },
  );
}

describe('stakePool computation: the fast path equals the plain reference', () => {
  it('property: random networks and steps give the same outcomes, events, change sets and state roots', () => run(250, 4242));
  it('regression: the subsidy account is the treasury and the treasury parts sum to more than it holds', () => {
    // Found by the property: each self-transfer fits the spendable balance, their sum does not.
    const net: Net = {
      preset: 'phala-test-v1',
      slash: false,
      tokenomic: { budgetPerBlock: '444688839091', treasuryRatio: '244808462107318327516939062461510390450', vMax: '15560620844131676810134024282' },
      halvingInterval: 0,
      sameTreasury: true,
      subsidy: 0n,
      pools: 1,
      workers: [3035, 1724, 2476, 2147483648, 1].map((p) => ({ p, level: 1, pool: 0 })),
      fixtureShares: null,
    };
    checkCase(net, [{ k: 'restart', w: 1, extra: 3937196780253n }, { k: 'advance', blocks: 1, seconds: 0 }, { k: 'reclaim', w: 0 }, { k: 'advance', blocks: 1, seconds: 0 }]);
  });
  it('the runs reached the cases that matter', () => {
    const must = ['advance', 'blockFailed', 'MinerSettled', 'InternalErrorMinerSettleFailed', 'RewardReceived', 'RewardDismissedNoShare', 'RewardDismissedDust', 'MinerEnterUnresponsive', 'SubsidyBudgetHalved'];
    const missing = must.filter((k) => !seen.has(k));
    assert.deepEqual(missing, [], `never reached: ${missing.join(', ')}; seen ${JSON.stringify(Object.fromEntries(seen))}`);
  });
});
