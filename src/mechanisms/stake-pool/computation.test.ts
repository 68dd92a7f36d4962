import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Chain, type Outcome } from '../../chain/chain.js';
import { keccakText, parseAddress, type ChainEvent } from '../../kernel/index.js';
import { add, div, fromFixed, int, mul, sqrt, toFixed } from './fixed.js';

/**
 * Example-based tests of the built-in computation model (§9) and the budget decay (§8 step 2),
 * with exact values. Expected bits were worked out from the spec's formulas (truncating U64F64
 * of §3.2, the phala-test-v1 constants of §4), never read back from the engine.
 */
const PHA = 10n ** 12n;
const ONE = 1n << 64n;
/** 100 PHA per block (phala-test-v1), and its successive ×0.75 steps (exact: 2^64 is divisible by 4^k). */
const B100 = 1844674407370955161600n;
const B75 = 1383505805528216371200n;
const B56_25 = 1037629354146162278400n;
const B42_1875 = 778222015609621708800n;
/** phala-test-v1 constants used below. */
const SLASH_RATE = 61489146912365n;
const TREASURY_RATIO = 3689348814741910323n;
const CONF_L4 = 14757395258967641293n;
const CONF_L5 = 12912720851596686131n;

interface WorkerSpec {
  name: string;
  p: number;
  level: number;
}

interface Opts {
  workers: WorkerSpec[];
  enabled?: boolean;
  halvingInterval?: number;
  halvingStartBlock?: number;
  budget?: string;
  height?: number;
  subsidy?: bigint;
}

function build(o: Opts): Chain {
  const balances: Record<string, Record<string, string>> = { subsidy: { PHA: (o.subsidy ?? 1_000_000n * PHA).toString() } };
  for (const u of ['d0', 'd1', 'd2', 'owner']) balances[u] = { PHA: (10_000n * PHA).toString() };
  const computation: Record<string, unknown> = { enabled: o.enabled ?? true };
  if (o.halvingInterval !== undefined) computation.halvingInterval = o.halvingInterval;
  if (o.halvingStartBlock !== undefined) computation.halvingStartBlock = o.halvingStartBlock;
  const stakePool: Record<string, unknown> = { preset: 'phala-test-v1', computation };
  if (o.budget !== undefined) stakePool.tokenomic = { budgetPerBlock: o.budget };
  return Chain.build(
    { mechanisms: { stakePool } },
    {
      time: 0,
      height: o.height ?? 1,
      balances,
      stakePool: { workers: o.workers.map((w) => ({ worker: w.name, operator: 'owner', initialScore: w.p, confidenceLevel: w.level })) },
    },
  );
}

function ok(o: Outcome): Outcome {
  assert.ok(o.ok, o.error?.message);
  return o;
}

function q<T>(chain: Chain, call: string, args: Record<string, unknown> = {}): T {
  return ok(chain.query(call, args)).result as T;
}

interface WorkerView {
  pubkey: string;
  miner: string | null;
  state: string | null;
  v: bigint | null;
  ve: bigint | null;
  vDeductible: bigint | null;
  vUpdatedAt: number | null;
}
const workerOf = (chain: Chain, w: string) => q<{ worker: WorkerView }>(chain, 'stakePool.getWorker', { worker: w }).worker;
const budgetOf = (chain: Chain) => q<{ budgetPerBlock: bigint }>(chain, 'stakePool.getTokenomic').budgetPerBlock;
const poolOf = (chain: Chain, pid: number) => q<{ pool: { ownerReward: bigint; rewardAcc: bigint } }>(chain, 'stakePool.getPool', { pid }).pool;
const balance = (chain: Chain, who: string) => chain.ledger.balanceOf('PHA', parseAddress(who));
const sp = (events: readonly ChainEvent[]) => events.filter((e) => e.mechanism === 'stakePool');

/** The `MinerSettled` events, in emission order, with the miner account turned back into a worker name. */
function settledOf(chain: Chain, events: readonly ChainEvent[], names: readonly string[]): { worker: string; vBits: bigint; payoutBits: bigint; height: number }[] {
  const byMiner = new Map<string, string>();
  for (const n of names) {
    for (let pid = 0; pid < 2; pid++) {
      const r = chain.query('stakePool.getMiner', { pid, worker: n });
      if (r.ok) byMiner.set((r.result as { miner: { miner: string } }).miner.miner, n);
    }
  }
  return sp(events)
    .filter((e) => e.name === 'MinerSettled')
    .map((e) => ({ worker: byMiner.get(e.args.miner as string)!, vBits: e.args.vBits as bigint, payoutBits: e.args.payoutBits as bigint, height: e.height }));
}

// ---------------------------------------------------------------------------------------------
// Order independence.
// ---------------------------------------------------------------------------------------------

/** Five workers with different P and levels; ids in ascending order are w5 < w3 < w2 < w4 < w1. */
const FIVE: WorkerSpec[] = [
  { name: 'w1', p: 1, level: 1 },
  { name: 'w2', p: 50, level: 4 },
  { name: 'w3', p: 200, level: 5 },
  { name: 'w4', p: 3, level: 128 },
  { name: 'w5', p: 20, level: 9 },
];
const NAMES = FIVE.map((w) => w.name);
const POOL_OF: Record<string, number> = { w1: 0, w3: 0, w5: 0, w2: 1, w4: 1 };
const STAKE_OF: Record<string, bigint> = { w1: 500n * PHA, w2: 1000n * PHA, w3: 1500n * PHA, w4: 300n * PHA, w5: 600n * PHA };

interface Ordering {
  add: string[];
  start: string[];
  offline: string[];
}

/**
 * Same workers, pools, stakes and commissions; only the order of addWorker / startComputing
 * (and of the offline and recovered lists) differs. Blocks at heights 1–4, budget decay every 2
 * blocks (after heights 2 and 4); w1 and w3 are offline during heights 2 and 3.
 */
function runOrdering(o: Ordering): { chain: Chain; settled: ReturnType<typeof settledOf> } {
  const chain = build({ workers: FIVE, halvingInterval: 2 });
  ok(chain.tx('owner', 'stakePool.create'));
  ok(chain.tx('owner', 'stakePool.create'));
  ok(chain.tx('owner', 'stakePool.setCommission', { pid: 0, commission: 200_000 }));
  ok(chain.tx('owner', 'stakePool.setCommission', { pid: 1, commission: 350_000 }));
  ok(chain.tx('d0', 'stakePool.contribute', { pid: 0, amount: 3000n * PHA }));
  ok(chain.tx('d1', 'stakePool.contribute', { pid: 1, amount: 1500n * PHA }));
  ok(chain.tx('d2', 'stakePool.contribute', { pid: 1, amount: 500n * PHA }));
  for (const w of o.add) ok(chain.tx('owner', 'stakePool.addWorker', { pid: POOL_OF[w], worker: w }));
  for (const w of o.start) ok(chain.tx('owner', 'stakePool.startComputing', { pid: POOL_OF[w], worker: w, stake: STAKE_OF[w] }));
  const events: ChainEvent[] = [];
  events.push(...ok(chain.advance({ seconds: 12, blocks: 1 })).events);
  ok(chain.tx('gatekeeper', 'stakePool.settle', { settlements: [], offline: o.offline }));
  events.push(...ok(chain.advance({ seconds: 24, blocks: 2 })).events);
  ok(chain.tx('gatekeeper', 'stakePool.settle', { settlements: [], recoveredToOnline: [...o.offline].reverse() }));
  events.push(...ok(chain.advance({ seconds: 12, blocks: 1 })).events);
  return { chain, settled: settledOf(chain, events, NAMES) };
}

describe('stakePool §9: the settlements do not depend on the order in which workers joined or started', () => {
  const orderings: Ordering[] = [
    { add: ['w1', 'w2', 'w3', 'w4', 'w5'], start: ['w1', 'w2', 'w3', 'w4', 'w5'], offline: ['w1', 'w3'] },
    { add: ['w5', 'w4', 'w3', 'w2', 'w1'], start: ['w5', 'w4', 'w3', 'w2', 'w1'], offline: ['w3', 'w1'] },
    { add: ['w3', 'w4', 'w5', 'w1', 'w2'], start: ['w4', 'w1', 'w2', 'w5', 'w3'], offline: ['w3', 'w1'] },
  ];
  const runs = orderings.map(runOrdering);

  it('the pools list their workers in different orders (the test really varies the order)', () => {
    const lists = runs.map((r) => JSON.stringify([poolOf(r.chain, 0), poolOf(r.chain, 1)].map((p) => (p as unknown as { workers: string[] }).workers)));
    assert.equal(new Set(lists).size, 3);
  });

  it('block 1: one settlement per worker, in ascending worker-id order, with the §9 values', () => {
    const ids = NAMES.map((n) => keccakText(n));
    const sorted = [...NAMES].sort((a, b) => (keccakText(a) < keccakText(b) ? -1 : 1));
    assert.deepEqual(sorted, ['w5', 'w3', 'w2', 'w4', 'w1']);
    assert.equal(new Set(ids).size, 5);
    const first = runs[0]!.settled.filter((s) => s.height === 1).map(({ worker, vBits, payoutBits }) => ({ worker, vBits, payoutBits }));
    assert.deepEqual(first, [
      { worker: 'w5', vBits: 14532344981268384763211n, payoutBits: 232573190936924563203n },
      { worker: 'w3', vBits: 34820074113534149629848n, payoutBits: 563352054064889623127n },
      { worker: 'w2', vBits: 23217072091170841664072n, payoutBits: 372311933417161991525n },
      { worker: 'w4', vBits: 7215812879312965305691n, payoutBits: 115494232686624559361n },
      { worker: 'w1', vBits: 11997577878099955275630n, payoutBits: 192008114791163391922n },
    ]);
  });

  it('blocks 2–4: unresponsive decay, the decayed budget, recovery (exact bits)', () => {
    const rest = runs[0]!.settled.filter((s) => s.height > 1).map(({ worker, vBits, payoutBits, height }) => ({ height, worker, vBits, payoutBits }));
    assert.deepEqual(rest, [
      { height: 2, worker: 'w5', vBits: 14532344981268384763211n, payoutBits: 476439874595349151286n },
      { height: 2, worker: 'w3', vBits: 34819958046620437849675n, payoutBits: 0n },
      { height: 2, worker: 'w2', vBits: 23217072091170841664072n, payoutBits: 762702915813424350490n },
      { height: 2, worker: 'w4', vBits: 7215812879312965305691n, payoutBits: 236596735487990627363n },
      { height: 2, worker: 'w1', vBits: 11997537886173694942558n, payoutBits: 0n },
      // the budget is 75 PHA from height 3 on (decay after height 2)
      { height: 3, worker: 'w5', vBits: 14532344981268384763211n, payoutBits: 357329905946511863464n },
      { height: 3, worker: 'w3', vBits: 34819841980093615781874n, payoutBits: 0n },
      { height: 3, worker: 'w2', vBits: 23217072091170841664072n, payoutBits: 572027186860068262867n },
      { height: 3, worker: 'w4', vBits: 7215812879312965305691n, payoutBits: 177447551615992970522n },
      { height: 3, worker: 'w1', vBits: 11997497894380741030354n, payoutBits: 0n },
      { height: 4, worker: 'w5', vBits: 14532344981268384763211n, payoutBits: 174430478859952954202n },
      { height: 4, worker: 'w3', vBits: 34819841980093615781874n, payoutBits: 422512703041155932885n },
      { height: 4, worker: 'w2', vBits: 23217072091170841664072n, payoutBits: 279234887605095245583n },
      { height: 4, worker: 'w4', vBits: 7215812879312965305691n, payoutBits: 86620965348299357101n },
      { height: 4, worker: 'w1', vBits: 11997497894380741030354n, payoutBits: 144005609568069607021n },
    ]);
  });

  it('every chain emits the same settlements in the same order, and ends in the same pools, treasury and V', () => {
    const view = (chain: Chain) => ({
      pools: [0, 1].map((pid) => {
        const p = poolOf(chain, pid);
        return { ownerReward: p.ownerReward, rewardAcc: p.rewardAcc };
      }),
      treasury: balance(chain, 'treasury'),
      subsidy: balance(chain, 'subsidy'),
      budget: budgetOf(chain),
      workers: NAMES.map((n) => {
        const w = workerOf(chain, n);
        return { n, v: w.v, vDeductible: w.vDeductible, state: w.state };
      }),
    });
    const expected = {
      pools: [
        { ownerReward: 27784327917859n, rewardAcc: 683373848481061361n },
        { ownerReward: 49377426143742n, rewardAcc: 845791832871235303n },
      ],
      treasury: 69999999999991n,
      subsidy: 1_000_000n * PHA - 69999999999991n,
      budget: B56_25,
      workers: [
        { n: 'w1', v: 11997497894380741030354n, vDeductible: 0n, state: 'MiningIdle' },
        { n: 'w2', v: 23217072091170841664072n, vDeductible: 0n, state: 'MiningIdle' },
        { n: 'w3', v: 34819841980093615781874n, vDeductible: 0n, state: 'MiningIdle' },
        { n: 'w4', v: 7215812879312965305691n, vDeductible: 0n, state: 'MiningIdle' },
        { n: 'w5', v: 14532344981268384763211n, vDeductible: 0n, state: 'MiningIdle' },
      ],
    };
    for (const [i, r] of runs.entries()) {
      assert.deepEqual(r.settled, runs[0]!.settled, `ordering ${i}: settlements`);
      assert.deepEqual(view(r.chain), expected, `ordering ${i}: final state`);
      for (let h = 1; h <= 4; h++) {
        const ids = r.settled.filter((s) => s.height === h).map((s) => keccakText(s.worker));
        assert.deepEqual(ids, [...ids].sort(), `ordering ${i}, height ${h}: ascending worker ids`);
        assert.equal(ids.length, 5);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Budget decay (§8 step 2).
// ---------------------------------------------------------------------------------------------

/** Passes blocks one at a time; per block: the height, the budget after it, and the decay events. */
function blockByBlock(chain: Chain, n: number): { height: number; budget: bigint; events: string[] }[] {
  const out: { height: number; budget: bigint; events: string[] }[] = [];
  for (let i = 0; i < n; i++) {
    const height = chain.height;
    const r = ok(chain.advance({ seconds: 6, blocks: 1 }));
    const events = sp(r.events)
      .filter((e) => e.name === 'SubsidyBudgetHalved' || e.name === 'TokenomicParametersChanged')
      .map((e) => {
        assert.deepEqual(e.args, {});
        assert.equal(e.height, height);
        return e.name;
      });
    out.push({ height, budget: budgetOf(chain), events });
  }
  return out;
}

const HALVED = ['SubsidyBudgetHalved', 'TokenomicParametersChanged'];

describe('stakePool §8 step 2: budget decay', () => {
  it('halvingInterval 3 from genesis height 1: ×0.75 after heights 3, 6, 9 (where (h − 1) mod 3 = 2)', () => {
    const chain = build({ workers: [], halvingInterval: 3 });
    assert.equal(budgetOf(chain), B100);
    assert.deepEqual(blockByBlock(chain, 10), [
      { height: 1, budget: B100, events: [] },
      { height: 2, budget: B100, events: [] },
      { height: 3, budget: B75, events: HALVED },
      { height: 4, budget: B75, events: [] },
      { height: 5, budget: B75, events: [] },
      { height: 6, budget: B56_25, events: HALVED },
      { height: 7, budget: B56_25, events: [] },
      { height: 8, budget: B56_25, events: [] },
      { height: 9, budget: B42_1875, events: HALVED },
      { height: 10, budget: B42_1875, events: [] },
    ]);
  });

  it('one advance over nine blocks decays at the same heights', () => {
    const chain = build({ workers: [], halvingInterval: 3 });
    const r = ok(chain.advance({ seconds: 100, blocks: 9 }));
    assert.deepEqual(
      sp(r.events).map((e) => [e.name, e.height]),
      [3, 6, 9].flatMap((h) => HALVED.map((n) => [n, h])),
    );
    assert.equal(budgetOf(chain), B42_1875);
  });

  it('the product truncates: 1000000000000000000003 bits, halvingInterval 1 (every block)', () => {
    const chain = build({ workers: [], halvingInterval: 1, budget: '1000000000000000000003' });
    // floor(b · 13835058055282163712 / 2^64) = floor(3b/4)
    assert.deepEqual(
      blockByBlock(chain, 4).map((b) => [b.budget, b.events.length]),
      [
        [750000000000000000002n, 2], // 750000000000000000002.25
        [562500000000000000001n, 2], // 562500000000000000001.5
        [421875000000000000000n, 2], // 421875000000000000000.75
        [316406250000000000000n, 2],
      ],
    );
  });

  it('halvingStartBlock 12 with genesis height 10: nothing before 12, then after heights 14 and 17', () => {
    const chain = build({ workers: [], halvingInterval: 3, halvingStartBlock: 12, height: 10 });
    assert.deepEqual(
      blockByBlock(chain, 9).map((b) => [b.height, b.budget, b.events.length]),
      [
        [10, B100, 0],
        [11, B100, 0],
        [12, B100, 0],
        [13, B100, 0],
        [14, B75, 2],
        [15, B75, 0],
        [16, B75, 0],
        [17, B56_25, 2],
        [18, B56_25, 0],
      ],
    );
  });

  it('halvingStartBlock 0 below genesis height 5: after heights 5 and 8', () => {
    const chain = build({ workers: [], halvingInterval: 3, halvingStartBlock: 0, height: 5 });
    assert.deepEqual(
      blockByBlock(chain, 4).map((b) => [b.height, b.budget, b.events.length]),
      [
        [5, B75, 2],
        [6, B75, 0],
        [7, B75, 0],
        [8, B56_25, 2],
      ],
    );
  });

  it('halvingInterval 0 never decays; nor does a non-zero interval with the model off', () => {
    for (const o of [{ halvingInterval: 0 }, { halvingInterval: 3, enabled: false }, { halvingInterval: 1, enabled: false }]) {
      const chain = build({ workers: [], ...o });
      const r = ok(chain.advance({ seconds: 60, blocks: 12 }));
      assert.deepEqual(sp(r.events), [], JSON.stringify(o));
      assert.equal(budgetOf(chain), B100, JSON.stringify(o));
    }
  });

  it('a decay takes effect from the next block: a lone worker gets 80 PHA, then 60 PHA of payout bits', () => {
    const chain = build({ workers: [{ name: 'w1', p: 1, level: 128 }], halvingInterval: 3 });
    ok(chain.tx('owner', 'stakePool.create'));
    ok(chain.tx('owner', 'stakePool.addWorker', { pid: 0, worker: 'w1' }));
    ok(chain.tx('d0', 'stakePool.contribute', { pid: 0, amount: 500n * PHA }));
    ok(chain.tx('owner', 'stakePool.startComputing', { pid: 0, worker: 'w1', stake: 500n * PHA }));
    const r = ok(chain.advance({ seconds: 60, blocks: 4 }));
    // a lone worker: div(share, S) = int(1), budget × (1 − 0.2 bits) and budget × 0.2 bits, truncated
    assert.deepEqual(
      settledOf(chain, r.events, ['w1']).map((s) => [s.height, s.payoutBits]),
      [
        [1, 1475739525896764129300n],
        [2, 1475739525896764129300n],
        [3, 1475739525896764129300n],
        [4, 1106804644422573096975n],
      ],
    );
    // treasury: 3 × fromFixed(368934881474191032300) + fromFixed(276701161105643274225)
    assert.equal(fromFixed(368934881474191032300n), 19999999999999n);
    assert.equal(fromFixed(276701161105643274225n), 14999999999999n);
    assert.equal(balance(chain, 'treasury'), 3n * 19999999999999n + 14999999999999n);
  });
});

// ---------------------------------------------------------------------------------------------
// Unresponsive workers.
// ---------------------------------------------------------------------------------------------

describe('stakePool §9: an unresponsive worker', () => {
  const workers: WorkerSpec[] = [
    { name: 'w1', p: 1, level: 1 },
    { name: 'w2', p: 50, level: 4 },
    { name: 'w4', p: 3, level: 128 },
  ];
  const names = workers.map((w) => w.name);

  it('decays by v − mul(v, slashRate) each block with no payout, the others share the whole budget, and it earns again once recovered', () => {
    const chain = build({ workers });
    ok(chain.tx('owner', 'stakePool.create'));
    for (const w of names) ok(chain.tx('owner', 'stakePool.addWorker', { pid: 0, worker: w }));
    ok(chain.tx('d0', 'stakePool.contribute', { pid: 0, amount: 2000n * PHA }));
    ok(chain.tx('owner', 'stakePool.startComputing', { pid: 0, worker: 'w1', stake: 500n * PHA }));
    ok(chain.tx('owner', 'stakePool.startComputing', { pid: 0, worker: 'w2', stake: 1000n * PHA }));
    ok(chain.tx('owner', 'stakePool.startComputing', { pid: 0, worker: 'w4', stake: 300n * PHA }));
    const ve = workerOf(chain, 'w1').ve!;
    assert.equal(ve, 11997577878099955275630n);
    // Height 1: everyone responsive.
    let r = ok(chain.advance({ seconds: 12, blocks: 1 }));
    assert.deepEqual(
      settledOf(chain, r.events, names).map((s) => [s.worker, s.payoutBits]),
      [
        ['w2', 808214024841371610570n],
        ['w4', 250714656897752748323n],
        ['w1', 416810844157639770245n],
      ],
    );
    // The gatekeeper reports w1 offline, with no settlement.
    const miner = workerOf(chain, 'w1').miner!;
    r = ok(chain.tx('gatekeeper', 'stakePool.settle', { settlements: [], offline: ['w1'] }));
    assert.deepEqual(
      sp(r.events).map((e) => [e.name, e.args]),
      [['MinerEnterUnresponsive', { miner }]],
    );
    assert.equal(workerOf(chain, 'w1').state, 'MiningUnresponsive');
    // Heights 2–4: V decays; w1 is settled with payout 0; w2 and w4 split the whole budget.
    const decayed = [11997537886173694942558n, 11997497894380741030354n, 11997457902721093094663n];
    let v = ve;
    for (const [i, expectedV] of decayed.entries()) {
      const treasury0 = balance(chain, 'treasury');
      r = ok(chain.advance({ seconds: 12, blocks: 1 }));
      v = v - mul(v, SLASH_RATE);
      assert.equal(v, expectedV);
      const s = settledOf(chain, r.events, names);
      assert.deepEqual(
        s.map((x) => [x.worker, x.vBits, x.payoutBits]),
        [
          ['w2', 23217072091170841664072n, 1126339669904564801135n],
          ['w4', 7215812879312965305691n, 349399855992199328084n],
          ['w1', expectedV, 0n],
        ],
        `block ${i + 2}`,
      );
      // payout + treasury of w2 and w4 cover the budget up to the truncation of two div/mul (102 bits here)
      const treasuryBits = [281584917476141200264n, 87349963998049832015n];
      const used = 1126339669904564801135n + 349399855992199328084n + treasuryBits[0]! + treasuryBits[1]!;
      assert.equal(B100 - used, 102n);
      assert.equal(balance(chain, 'treasury') - treasury0, fromFixed(treasuryBits[0]!) + fromFixed(treasuryBits[1]!));
      // only w2's and w4's payouts reach the pool
      const rewards = sp(r.events).filter((e) => e.name === 'RewardReceived');
      assert.equal(rewards.length, 2);
      assert.deepEqual(
        rewards.map((e) => (e.args.toOwner as bigint) + (e.args.toStakers as bigint)),
        [fromFixed(1126339669904564801135n), fromFixed(349399855992199328084n)],
      );
      const w1 = workerOf(chain, 'w1');
      assert.equal(w1.v, expectedV);
      assert.equal(w1.vDeductible, 0n);
      assert.equal(w1.vUpdatedAt, chain.time);
    }
    // Recovered: w1 earns again, with its decayed V.
    r = ok(chain.tx('gatekeeper', 'stakePool.settle', { settlements: [], recoveredToOnline: ['w1'] }));
    assert.deepEqual(
      sp(r.events).map((e) => [e.name, e.args]),
      [['MinerExitUnresponsive', { miner }]],
    );
    r = ok(chain.advance({ seconds: 12, blocks: 1 }));
    assert.deepEqual(
      settledOf(chain, r.events, names).map((s) => [s.worker, s.vBits, s.payoutBits]),
      [
        ['w2', 23217072091170841664072n, 808216307554545290010n],
        ['w4', 7215812879312965305691n, 250715365014207727363n],
        ['w1', 11997457902721093094663n, 416807853328011111765n],
      ],
    );
    // Stopped, w1 is no longer settled, its V stays, and the reclaim slashes min(V/Ve, 1) of its stake.
    ok(chain.tx('owner', 'stakePool.stopComputing', { pid: 0, worker: 'w1' }));
    r = ok(chain.advance({ seconds: 604_800, blocks: 1 }));
    assert.deepEqual(
      settledOf(chain, r.events, names).map((s) => s.worker),
      ['w2', 'w4'],
    );
    assert.equal(workerOf(chain, 'w1').v, 11997457902721093094663n);
    r = ok(chain.tx('d1', 'stakePool.reclaimWorker', { pid: 0, worker: 'w1' }));
    // rate = div(v, ve) = 18446559606883705306; returned = fromFixed(mul(rate, toFixed(500 PHA))) = 499995000016666
    assert.equal(div(11997457902721093094663n, ve), 18446559606883705306n);
    assert.equal(fromFixed(mul(18446559606883705306n, toFixed(500n * PHA))), 499995000016666n);
    assert.deepEqual(
      sp(r.events)
        .filter((e) => e.name === 'MinerReclaimed' || e.name === 'PoolSlashed')
        .map((e) => [e.name, e.name === 'PoolSlashed' ? e.args.amount : e.args.slashed]),
      [
        ['MinerReclaimed', 4999983334n],
        ['PoolSlashed', 4999983334n],
      ],
    );
    assert.deepEqual(chain.invariants(), []);
  });

  it('offline and recovered lists ignore workers that are not mining: such a report changes nothing', () => {
    const chain = build({ workers });
    ok(chain.tx('owner', 'stakePool.create'));
    ok(chain.tx('owner', 'stakePool.addWorker', { pid: 0, worker: 'w1' }));
    const root = chain.stateRoot();
    // w1 is bound but Ready; w2 is not bound at all.
    const r = ok(chain.tx('gatekeeper', 'stakePool.settle', { settlements: [], offline: ['w1', 'w2'], recoveredToOnline: ['w1'] }));
    assert.deepEqual(sp(r.events), []);
    assert.equal(chain.stateRoot(), root);
    assert.equal(workerOf(chain, 'w1').state, 'Ready');
  });
});

// ---------------------------------------------------------------------------------------------
// Confidence levels.
// ---------------------------------------------------------------------------------------------

describe('stakePool §9: confidence levels', () => {
  // Same P and stake; ids in ascending order: w8 < w5 < w6 < w7.
  const workers: WorkerSpec[] = [
    { name: 'w5', p: 20, level: 9 },
    { name: 'w6', p: 20, level: 1 },
    { name: 'w7', p: 20, level: 4 },
    { name: 'w8', p: 20, level: 5 },
  ];
  const names = workers.map((w) => w.name);

  function started(): { chain: Chain; initV: Map<string, bigint> } {
    const chain = build({ workers });
    ok(chain.tx('owner', 'stakePool.create'));
    for (const w of names) ok(chain.tx('owner', 'stakePool.addWorker', { pid: 0, worker: w }));
    ok(chain.tx('d0', 'stakePool.contribute', { pid: 0, amount: 2400n * PHA }));
    const initV = new Map<string, bigint>();
    for (const w of names) {
      const r = ok(chain.tx('owner', 'stakePool.startComputing', { pid: 0, worker: w, stake: 600n * PHA }));
      initV.set(w, sp(r.events).find((e) => e.name === 'MinerStarted')!.args.initV as bigint);
    }
    return { chain, initV };
  }

  it('at start (§6.10) level 9 scores like level 1; levels 4 and 5 use 0.8 and 0.7', () => {
    const { initV } = started();
    assert.deepEqual(Object.fromEntries(initV), {
      w5: 14532344981268384763211n,
      w6: 14532344981268384763211n,
      w7: 13861621366748305466428n,
      w8: 13526259559488265817734n,
    });
  });

  it('in the model level 9 has conf 0 (share = sqrt(mul(v, v)) exactly), levels 4 and 5 use the 0.8 / 0.7 bits', () => {
    const { chain, initV } = started();
    const r = ok(chain.advance({ seconds: 12, blocks: 1 }));
    const share = (w: string, conf: bigint) => {
      const v = initV.get(w)!;
      const x = mul(mul(int(2), int(20)), conf);
      return sqrt(add(mul(v, v), mul(x, x)));
    };
    const shares = { w5: sqrt(mul(initV.get('w5')!, initV.get('w5')!)), w6: share('w6', ONE), w7: share('w7', CONF_L4), w8: share('w8', CONF_L5) };
    assert.deepEqual(shares, {
      w5: 14532344981264948789248n,
      w6: 14551065336999049166848n,
      w7: 13874184518693667471360n,
      w8: 13536117576551742046208n,
    });
    const total = shares.w5 + shares.w6 + shares.w7 + shares.w8;
    const payout = (s: bigint) => mul(mul(div(s, total), B100), ONE - TREASURY_RATIO);
    const got = settledOf(chain, r.events, names);
    assert.deepEqual(
      got.map((s) => [s.worker, s.payoutBits]),
      [
        ['w8', payout(shares.w8)],
        ['w5', payout(shares.w5)],
        ['w6', payout(shares.w6)],
        ['w7', payout(shares.w7)],
      ],
    );
    assert.deepEqual(
      got.map((s) => s.payoutBits),
      [353593043924769424884n, 379616686116236868485n, 380105702817661038565n, 362424093038096797124n],
    );
    // Same V, same P: only the confidence separates w5 (level 9) from w6 (level 1).
    assert.ok(got[1]!.payoutBits < got[2]!.payoutBits);
  });
});

// ---------------------------------------------------------------------------------------------
// A subsidy pool too poor for the treasury part (§7.21 steps 3–4).
// ---------------------------------------------------------------------------------------------

describe('stakePool §9 with a poor subsidy pool', () => {
  // budget fx:0.0001 = 1844674407370955 bits; a lone worker: payout 1475739525896764 bits
  // (79999999 pico), treasury 368934881474190 bits (19999999 pico). The payout is below the V
  // growth, so V moves: v' = v + dv − payout.
  function chainWithSubsidy(subsidy: bigint): Chain {
    const chain = build({ workers: [{ name: 'w1', p: 1, level: 128 }], budget: 'fx:0.0001', subsidy });
    ok(chain.tx('owner', 'stakePool.create'));
    ok(chain.tx('owner', 'stakePool.setCommission', { pid: 0, commission: 200_000 }));
    ok(chain.tx('owner', 'stakePool.addWorker', { pid: 0, worker: 'w1' }));
    ok(chain.tx('d0', 'stakePool.contribute', { pid: 0, amount: 500n * PHA }));
    ok(chain.tx('owner', 'stakePool.startComputing', { pid: 0, worker: 'w1', stake: 500n * PHA }));
    return chain;
  }

  it('one pico short: InternalErrorMinerSettleFailed, no transfer, the new V stays and the pool is still credited', () => {
    const chain = chainWithSubsidy(19_999_998n);
    assert.equal(workerOf(chain, 'w1').v, 11997577878099955275630n);
    const r = ok(chain.advance({ seconds: 12, blocks: 1 }));
    assert.deepEqual(
      sp(r.events).map((e) => [e.name, e.args]),
      [
        ['InternalErrorMinerSettleFailed', { worker: keccakText('w1') }],
        ['RewardReceived', { pid: 0, toOwner: 16_000_000n, toStakers: 63_999_999n }],
      ],
    );
    assert.equal(balance(chain, 'subsidy'), 19_999_998n);
    assert.equal(balance(chain, 'treasury'), 0n);
    const w = workerOf(chain, 'w1');
    assert.equal(w.v, 11997585022107261842266n);
    assert.equal(w.vDeductible, 0n);
    assert.equal(w.vUpdatedAt, 12);
    const pool = poolOf(chain, 0);
    assert.equal(pool.ownerReward, 16_000_000n);
    assert.equal(pool.rewardAcc, 2361183204541n);
    assert.deepEqual(chain.invariants(), []);
  });

  it('exactly enough: MinerSettled and 19999999 pico to the treasury', () => {
    const chain = chainWithSubsidy(19_999_999n);
    const r = ok(chain.advance({ seconds: 12, blocks: 1 }));
    assert.deepEqual(
      sp(r.events).map((e) => e.name),
      ['MinerSettled', 'RewardReceived'],
    );
    assert.deepEqual(settledOf(chain, r.events, ['w1']).map((s) => [s.vBits, s.payoutBits]), [[11997585022107261842266n, 1475739525896764n]]);
    assert.equal(balance(chain, 'subsidy'), 0n);
    assert.equal(balance(chain, 'treasury'), 19_999_999n);
  });
});

// ---------------------------------------------------------------------------------------------
// Atomicity with the model on.
// ---------------------------------------------------------------------------------------------

describe('stakePool §9: failed transactions and queries leave the state root unchanged', () => {
  function running(): Chain {
    const chain = build({ workers: FIVE, halvingInterval: 2 });
    ok(chain.tx('owner', 'stakePool.create'));
    ok(chain.tx('d0', 'stakePool.contribute', { pid: 0, amount: 3000n * PHA }));
    for (const w of ['w1', 'w2', 'w5']) {
      ok(chain.tx('owner', 'stakePool.addWorker', { pid: 0, worker: w }));
      ok(chain.tx('owner', 'stakePool.startComputing', { pid: 0, worker: w, stake: STAKE_OF[w] }));
    }
    ok(chain.advance({ seconds: 12, blocks: 3 }));
    ok(chain.tx('gatekeeper', 'stakePool.settle', { settlements: [], offline: ['w2'] }));
    ok(chain.advance({ seconds: 12, blocks: 1 }));
    return chain;
  }

  it('failures of every kind roll back completely, and the next block is the same as without them', () => {
    const chain = running();
    const twin = running();
    const root = chain.stateRoot();
    assert.equal(twin.stateRoot(), root);
    const failures: [string, string, Record<string, unknown>, string][] = [
      ['d0', 'stakePool.settle', { settlements: [{ worker: 'w1', v: '1', payout: 'fx:10' }], offline: ['w1'] }, 'BAD_SENDER'],
      ['owner', 'stakePool.startComputing', { pid: 0, worker: 'w3', stake: 10n * PHA }, 'WORKER_DOES_NOT_EXIST'],
      // stops w1, reclaims it without cooldown, then refuses the smaller stake: all of it undone
      ['owner', 'stakePool.restartComputing', { pid: 0, worker: 'w1', stake: 100n * PHA }, 'CANNOT_RESTART_WITH_LESS_STAKE'],
      // stops the unresponsive w2 and reclaims it (with a slash, its V has decayed), then the
      // start finds too little free stake (≈ 1899.99 PHA free, 1950 asked): all of it undone
      ['owner', 'stakePool.restartComputing', { pid: 0, worker: 'w2', stake: 1950n * PHA }, 'INSUFFICIENT_FREE_STAKE'],
      ['d1', 'stakePool.reclaimWorker', { pid: 0, worker: 'w1' }, 'COOL_DOWN_NOT_READY'],
      ['d0', 'stakePool.withdraw', { pid: 0, shares: 3001n * PHA }, 'INVALID_WITHDRAWAL_AMOUNT'],
      ['d0', 'stakePool.contribute', { pid: 0, amount: 7001n * PHA }, 'INSUFFICIENT_BALANCE'],
      ['d2', 'stakePool.claimRewards', { pid: 0 }, 'NO_REWARD_TO_CLAIM'],
    ];
    for (const [from, call, args, code] of failures) {
      const r = chain.tx(from, call, args);
      assert.equal(r.ok, false, call);
      assert.equal(r.error!.code, code, `${call}: ${r.error!.message}`);
      assert.deepEqual(r.events, [], `${call} left events`);
      assert.equal(chain.stateRoot(), root, `${call} changed the state root`);
    }
    for (const [call, args] of [
      ['stakePool.getTokenomic', {}],
      ['stakePool.getWorker', { worker: 'w2' }],
      ['stakePool.getMiner', { pid: 0, worker: 'w1' }],
      ['stakePool.getPool', { pid: 0 }],
      ['stakePool.pendingRewards', { pid: 0, user: 'd0' }],
      ['stakePool.getUserStake', { pid: 0, user: 'd0' }],
      ['stakePool.getStats', {}],
    ] as const) {
      ok(chain.query(call, args));
      assert.equal(chain.stateRoot(), root, `${call} changed the state root`);
    }
    // The next blocks (one with a decay) are identical with and without the failed attempts.
    const a = ok(chain.advance({ seconds: 12, blocks: 2 }));
    const b = ok(twin.advance({ seconds: 12, blocks: 2 }));
    assert.deepEqual(a.events, b.events);
    assert.ok(sp(a.events).some((e) => e.name === 'MinerSettled'));
    assert.equal(chain.stateRoot(), twin.stateRoot());
    assert.notEqual(chain.stateRoot(), root);
    assert.deepEqual(chain.invariants(), []);
  });
});

// ---------------------------------------------------------------------------------------------
// Edge cases found while writing these tests.
// ---------------------------------------------------------------------------------------------

describe('stakePool §9: edge cases', () => {
  it('V wraps modulo 2^128 when a carried vDeductible exceeds v1 (the spec text, kept as written; see the README)', () => {
    const chain = build({ workers: [{ name: 'w5', p: 20, level: 9 }] });
    ok(chain.tx('owner', 'stakePool.create'));
    ok(chain.tx('owner', 'stakePool.addWorker', { pid: 0, worker: 'w5' }));
    ok(chain.tx('d0', 'stakePool.contribute', { pid: 0, amount: 600n * PHA }));
    ok(chain.tx('owner', 'stakePool.startComputing', { pid: 0, worker: 'w5', stake: 600n * PHA }));
    // The gatekeeper reports V = 0 for a level-9 worker (conf 0): share 0, S = 0, no payout;
    // V grows to dv0 = mul(costK, int(20)) + costB and vDeductible carries it.
    const dv0 = 627701708063710n;
    ok(chain.tx('gatekeeper', 'stakePool.settle', { settlements: [{ worker: 'w5', v: '0', payout: '0' }] }));
    ok(chain.advance({ seconds: 12, blocks: 1 }));
    assert.deepEqual([workerOf(chain, 'w5').v, workerOf(chain, 'w5').vDeductible], [dv0, dv0]);
    // Reported V = 0 once more: again no payout, vDeductible = 2·dv0 while V = dv0.
    ok(chain.tx('gatekeeper', 'stakePool.settle', { settlements: [{ worker: 'w5', v: '0', payout: '0' }] }));
    ok(chain.advance({ seconds: 12, blocks: 1 }));
    assert.deepEqual([workerOf(chain, 'w5').v, workerOf(chain, 'w5').vDeductible], [dv0, 2n * dv0]);
    // Now the share is not 0 and the whole budget is paid (payout > 2·dv0 + dv): v1 = dv0 + dv,
    // deducted 2·dv0 + dv, so v' = v1 − deducted = −dv0, which wraps to 2^128 − dv0.
    ok(chain.advance({ seconds: 12, blocks: 1 }));
    assert.equal(workerOf(chain, 'w5').v, (1n << 128n) - dv0);
    assert.deepEqual(chain.invariants(), []);
  });

  it('a subsidy account whose PHA is partly delegated pays treasury parts and claims only from its spendable PHA', () => {
    const chain = build({ workers: [{ name: 'w1', p: 1, level: 1 }], subsidy: 100n * PHA });
    ok(chain.tx('owner', 'stakePool.create'));
    ok(chain.tx('owner', 'stakePool.addWorker', { pid: 0, worker: 'w1' }));
    ok(chain.tx('d0', 'stakePool.contribute', { pid: 0, amount: 500n * PHA }));
    // The subsidy account delegates 90 of its 100 PHA: balance 100, spendable 10, treasury part ≈ 20.
    ok(chain.tx('subsidy', 'stakePool.contribute', { pid: 0, amount: 90n * PHA }));
    ok(chain.tx('owner', 'stakePool.startComputing', { pid: 0, worker: 'w1', stake: 500n * PHA }));
    const r = ok(chain.advance({ seconds: 12, blocks: 1 }));
    assert.equal(chain.height, 2);
    assert.deepEqual(
      sp(r.events).map((e) => e.name),
      ['InternalErrorMinerSettleFailed', 'RewardReceived'],
    );
    assert.equal(balance(chain, 'subsidy'), 100n * PHA);
    // A claim larger than the spendable 10 PHA is refused with the mechanism's own error.
    const claim = chain.tx('d0', 'stakePool.claimStakerRewards', { pid: 0 });
    assert.equal(claim.ok, false);
    assert.equal(claim.error!.code, 'INTERNAL_SUBSIDY_POOL_CANNOT_WITHDRAW');
    assert.deepEqual(chain.invariants(), []);
  });
});
