import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Chain } from '../../chain/chain.js';
import { parseAddress, type ChainEvent } from '../../kernel/index.js';

/**
 * Random sequences of contributions, withdrawals, starts, stops, restarts, reclaims,
 * settlements, claims and clock advances through the public Chain API. After every step:
 * every invariant holds (the economic account's identities among them), a failed tx leaves the
 * state root and the economic account unchanged, and PHA is conserved over the accounts
 * involved (dust and slashes to the treasury included; nothing minted).
 */
const PHA = 10n ** 12n;
const users = ['d0', 'd1', 'd2', 'd3', 'owner'] as const;
const workers = ['w1', 'w2', 'w3'] as const;
const accounts = [...users, 'subsidy', 'treasury', 'gatekeeper', 'registry'];

type Cmd =
  | { k: 'contribute'; u: number; amount: bigint }
  | { k: 'withdraw'; u: number; permille: number; raw: bigint }
  | { k: 'start'; w: number; stake: bigint }
  | { k: 'stop'; w: number }
  | { k: 'restart'; w: number; stake: bigint }
  | { k: 'reclaim'; w: number }
  | { k: 'settle'; w: number; payout: bigint; vPermille: number; treasury: bigint }
  | { k: 'claim'; u: number; which: number }
  | { k: 'commission'; c: number }
  | { k: 'force' }
  | { k: 'remove'; w: number }
  | { k: 'add'; w: number }
  | { k: 'advance'; seconds: number; blocks: number };

const amount = fc.oneof(fc.bigInt(0n, 3000n * PHA), fc.bigInt(0n, 2000n), fc.constantFrom(100n * PHA, 1000n * PHA, 10n ** 10n));
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant('contribute' as const), u: fc.nat(4), amount }) },
  { weight: 5, arbitrary: fc.record({ k: fc.constant('withdraw' as const), u: fc.nat(4), permille: fc.integer({ min: 0, max: 1000 }), raw: fc.bigInt(0n, 2000n) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('start' as const), w: fc.nat(2), stake: fc.oneof(fc.bigInt(90n * PHA, 1500n * PHA), fc.constant(100n * PHA)) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('stop' as const), w: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('restart' as const), w: fc.nat(2), stake: fc.bigInt(100n * PHA, 2000n * PHA) }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('reclaim' as const), w: fc.nat(2) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('settle' as const),
      w: fc.nat(2),
      payout: fc.oneof(fc.bigInt(0n, 50n * PHA), fc.bigInt(0n, 5000n)),
      vPermille: fc.integer({ min: 0, max: 1200 }),
      treasury: fc.bigInt(0n, PHA),
    }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('claim' as const), u: fc.nat(4), which: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('commission' as const), c: fc.integer({ min: 0, max: 1_000_000 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('force' as const) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('remove' as const), w: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('add' as const), w: fc.nat(2) }) },
  {
    weight: 5,
    arbitrary: fc.record({ k: fc.constant('advance' as const), seconds: fc.constantFrom(1, 3600, 86_400, 302_400, 604_800, 604_801, 604_801), blocks: fc.nat(2) }),
  },
);

function build(slashEnabled: boolean): Chain {
  const balances: Record<string, Record<string, string>> = { subsidy: { PHA: (1_000_000n * PHA).toString() } };
  for (const u of users) balances[u] = { PHA: (5000n * PHA + 777n).toString() };
  const chain = Chain.build(
    { mechanisms: { stakePool: { preset: 'phala-test-v1', slashEnabled } } },
    {
      time: 0,
      height: 1,
      balances,
      stakePool: { workers: workers.map((w) => ({ worker: w, operator: 'owner', initialScore: 1, confidenceLevel: 128 })) },
    },
  );
  assert.ok(chain.tx('owner', 'stakePool.create').ok);
  for (const w of workers) assert.ok(chain.tx('owner', 'stakePool.addWorker', { pid: 0, worker: w }).ok);
  // A running pool to start from: 4000 PHA delegated, two workers computing, 1500 PHA free.
  for (const u of users.slice(0, 4)) assert.ok(chain.tx(u, 'stakePool.contribute', { pid: 0, amount: 1000n * PHA }).ok);
  assert.ok(chain.tx('owner', 'stakePool.startComputing', { pid: 0, worker: 'w1', stake: 1000n * PHA }).ok);
  assert.ok(chain.tx('owner', 'stakePool.startComputing', { pid: 0, worker: 'w2', stake: 1500n * PHA }).ok);
  return chain;
}

function totalPha(chain: Chain): bigint {
  return accounts.reduce((s, a) => s + chain.ledger.balanceOf('PHA', parseAddress(a)), 0n);
}

function veOf(chain: Chain, w: string): bigint {
  const r = chain.query('stakePool.getMiner', { pid: 0, worker: w });
  return r.ok ? BigInt((r.result as { miner: { ve: bigint } }).miner.ve) : 0n;
}

/**
 * The plain reference for rewards, side by side with the accumulator: walks every reward as it
 * is received and credits each user toStakers × shares / totalShares in (almost) exact rationals.
 * The engine may differ by the truncations of §3: at most one pico per change of the user's
 * shares (each debt reset) plus one for the final conversion.
 */
const SCALE = 10n ** 30n;
class RewardModel {
  readonly ideal = new Map<string, bigint>();
  readonly claimed = new Map<string, bigint>();
  readonly resets = new Map<string, bigint>();
  commission = 0n;

  shares(chain: Chain): Map<string, bigint> {
    const m = new Map<string, bigint>();
    for (const u of users) {
      const q = chain.query('stakePool.getUserStake', { pid: 0, user: u });
      m.set(u, q.ok ? BigInt((q.result as { stake: { shares: bigint } }).stake.shares) : 0n);
    }
    return m;
  }

  observe(before: Map<string, bigint>, after: Map<string, bigint>, events: readonly ChainEvent[]): void {
    const total = [...before.values()].reduce((a, b) => a + b, 0n);
    const dustDismissed = events.some((e) => e.name === 'RewardDismissedDust');
    for (const e of events) {
      if (e.name === 'RewardReceived') {
        this.commission += e.args.toOwner as bigint;
        if (!dustDismissed) for (const u of users) this.add(this.ideal, u, ((e.args.toStakers as bigint) * before.get(u)! * SCALE) / total);
      }
      if (e.name.endsWith('RewardsWithdrawn')) this.add(this.claimed, users.find((u) => parseAddress(u) === e.args.user)!, e.args.amount as bigint);
    }
    for (const u of users) if (before.get(u) !== after.get(u)) this.add(this.resets, u, 1n);
  }

  check(chain: Chain): void {
    const pool = (chain.query('stakePool.getPool', { pid: 0 }).result as { pool: { ownerReward: bigint } }).pool;
    for (const u of users) {
      const r = chain.query('stakePool.pendingRewards', { pid: 0, user: u }).result as { pending: bigint; availableRewards: bigint };
      const engine = (this.claimed.get(u) ?? 0n) + BigInt(r.pending) + BigInt(r.availableRewards) + (u === 'owner' ? BigInt(pool.ownerReward) : 0n);
      const model = (this.ideal.get(u) ?? 0n) / SCALE + (u === 'owner' ? this.commission : 0n);
      const slack = (this.resets.get(u) ?? 0n) + 2n;
      const diff = engine - model;
      assert.ok(diff <= slack && -diff <= slack, `${u}: accumulator gives ${engine}, history walk ${model} (slack ${slack})`);
    }
  }

  private add(m: Map<string, bigint>, k: string, v: bigint): void {
    m.set(k, (m.get(k) ?? 0n) + v);
  }
}

/** What the runs exercised: successful actions by kind and events by name (checked for coverage). */
const seen = new Map<string, number>();
const tally = (k: string) => seen.set(k, (seen.get(k) ?? 0) + 1);

function apply(chain: Chain, c: Cmd, model: RewardModel): void {
  const sharesBefore = model.shares(chain);
  if (c.k === 'advance') {
    const out = chain.advance({ seconds: c.seconds, blocks: c.blocks });
    assert.ok(out.ok, out.error?.message);
    for (const e of out.events) tally(`hook:${e.name}`);
    return;
  }
  const before = chain.stateRoot();
  const account = chain.query('stakePool.economy').result;
  let out;
  switch (c.k) {
    case 'contribute':
      out = chain.tx(users[c.u]!, 'stakePool.contribute', { pid: 0, amount: c.amount });
      break;
    case 'withdraw': {
      const q = chain.query('stakePool.getUserStake', { pid: 0, user: users[c.u] });
      const shares = q.ok ? BigInt((q.result as { stake: { shares: bigint } }).stake.shares) : 0n;
      out = chain.tx(users[c.u]!, 'stakePool.withdraw', { pid: 0, shares: c.permille === 0 ? c.raw : (shares * BigInt(c.permille)) / 1000n });
      break;
    }
    case 'start':
      out = chain.tx('owner', 'stakePool.startComputing', { pid: 0, worker: workers[c.w], stake: c.stake });
      break;
    case 'stop':
      out = chain.tx('owner', 'stakePool.stopComputing', { pid: 0, worker: workers[c.w] });
      break;
    case 'restart':
      out = chain.tx('owner', 'stakePool.restartComputing', { pid: 0, worker: workers[c.w], stake: c.stake });
      break;
    case 'reclaim':
      out = chain.tx('d0', 'stakePool.reclaimWorker', { pid: 0, worker: workers[c.w] });
      break;
    case 'settle': {
      const ve = veOf(chain, workers[c.w]!);
      out = chain.tx('gatekeeper', 'stakePool.settle', {
        settlements: [{ worker: workers[c.w], v: ((ve * BigInt(c.vPermille)) / 1000n).toString(), payout: (c.payout << 64n) / PHA, treasury: ((c.treasury << 64n) / PHA).toString() }],
      });
      break;
    }
    case 'claim':
      out = chain.tx(users[c.u]!, ['stakePool.claimRewards', 'stakePool.claimOwnerRewards', 'stakePool.claimStakerRewards'][c.which]!, { pid: 0 });
      break;
    case 'commission':
      out = chain.tx('owner', 'stakePool.setCommission', { pid: 0, commission: c.c });
      break;
    case 'force':
      out = chain.tx('d1', 'stakePool.checkAndMaybeForceWithdraw', { pid: 0 });
      break;
    case 'remove':
      out = chain.tx('owner', 'stakePool.removeWorker', { pid: 0, worker: workers[c.w] });
      break;
    case 'add':
      out = chain.tx('owner', 'stakePool.addWorker', { pid: 0, worker: workers[c.w] });
      break;
  }
  if (out.ok) {
    model.observe(sharesBefore, model.shares(chain), out.events);
    tally(c.k);
    for (const e of out.events) tally(e.name);
  } else {
    assert.notEqual(out.error!.code, 'INTERNAL_ERROR', `${c.k}: ${out.error!.message}\n${String(out.error!.details.stack ?? '')}`);
    assert.equal(chain.stateRoot(), before, `failed ${c.k} (${out.error!.code}) changed the state root`);
    assert.deepEqual(chain.query('stakePool.economy').result, account, `failed ${c.k} (${out.error!.code}) changed the economic account`);
  }
}

function run(slashEnabled: boolean, numRuns: number): void {
  fc.assert(
    fc.property(fc.array(cmd, { minLength: 5, maxLength: 60, size: 'max' }), (cmds) => {
      const chain = build(slashEnabled);
      const total = totalPha(chain);
      const model = new RewardModel();
      for (const c of cmds) {
        apply(chain, c, model);
        model.check(chain);
        assert.deepEqual(chain.invariants(), [], `after ${JSON.stringify(c, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
        assert.equal(totalPha(chain), total, 'PHA moved outside the known accounts');
      }
    }),
    { numRuns: Number(process.env.STAKEPOOL_RUNS ?? numRuns), seed: process.env.STAKEPOOL_SEED ? Number(process.env.STAKEPOOL_SEED) : slashEnabled ? 42 : 4242 },
  );
}

describe('stakePool property test', () => {
  it('checks the economic account among the invariants of every step', () => {
    const names = build(true).invariantChecks().map((i) => `${i.owner}.${i.name}:${i.tier}`);
    for (const n of ['stakePool.economyIdentity:cheap', 'stakePool.economyBooks:full']) assert.ok(names.includes(n), n);
  });
  it('invariants, atomic failures and PHA conservation (slashing off)', () => run(false, 150));
  it('invariants, atomic failures and PHA conservation (slashing on)', () => run(true, 150));
  it('the runs exercised every path', () => {
    const must = ['contribute', 'withdraw', 'start', 'stop', 'restart', 'reclaim', 'settle', 'claim', 'remove', 'add', 'WithdrawalQueued', 'RewardReceived', 'PoolSlashed', 'SlashSettled', 'hook:MinerStopped'];
    const missing = must.filter((k) => !seen.has(k));
    assert.deepEqual(missing, [], `never exercised: ${missing.join(', ')}; seen ${JSON.stringify(Object.fromEntries(seen))}`);
  });
});
