import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { addressOf, argsOf, invariant, keccakText, noArgs, smallUint, StakeworksError, type Hex, type Mechanism, type MechanismModule } from '../kernel/index.js';
import { proverPoolModule } from '../mechanisms/prover-pool/index.js';
import { Chain, type Outcome } from './chain.js';

const T = 100_000_000n;
const t0 = 1_700_000_000;
const pool = { mechanisms: { proverPool: { preset: 'taiko-a4' } } };
const genesis = { time: t0, height: 1, balances: { alice: { TKO: (1000n * T).toString() }, bob: { TKO: '5000000' } } };

/** A tiny mechanism for testing the chain itself: a counter, a failing action, a block hook that records what it saw. */
const counterModule: MechanismModule<{ step: number; failHookAt: number }, undefined> = {
  kind: 'counter',
  summary: 'test mechanism',
  presets: { default: { step: 1, failHookAt: -1 } },
  defaultPreset: 'default',
  params: (raw) => ({ step: Number(raw.step), failHookAt: Number(raw.failHookAt) }),
  assets: () => [{ symbol: 'CNT', decimals: 0 }],
  errors: { NOPE: 'always fails', HOOK_FAILED: 'a hook that fails after writing' },
  create(ctx, params): Mechanism {
    const count = ctx.store.cell('count', 0);
    const hooks = ctx.store.list<{ height: number; time: number; parent: Hex }>('hooks');
    return {
      actions: {
        inc: {
          summary: 'count up',
          args: argsOf({ by: smallUint(32) }),
          run: (sender, { by }) => {
            count.set(count.get() + by * params.step);
            ctx.emit('Counted', { by, sender });
            return { parentHash: ctx.clock.parentHash(), height: ctx.clock.height };
          },
        },
        incThenFail: {
          summary: 'writes, mints, emits, then fails',
          args: noArgs,
          run: (sender) => {
            count.set(count.get() + 100);
            ctx.ledger.mint('CNT', sender, 5n, ctx.name);
            ctx.emit('Counted', { by: 100 });
            ctx.fail('NOPE', 'always fails');
          },
        },
        crash: { summary: 'a bug', args: noArgs, run: () => { count.set(-1); throw new TypeError('oops'); } },
      },
      queries: {
        get: { summary: 'count', args: noArgs, run: () => ({ count: count.get(), hooks: hooks.toArray() }) },
        sneaky: { summary: 'a query that writes (must be rolled back)', args: noArgs, run: () => { count.set(999); ctx.emit('Sneaky', {}); return { count: count.get() }; } },
      },
      onBlock: () => {
        hooks.push({ height: ctx.clock.height, time: ctx.clock.time, parent: ctx.clock.parentHash() });
        ctx.emit('Block', { height: ctx.clock.height });
        if (ctx.clock.height === params.failHookAt) ctx.fail('HOOK_FAILED', 'a hook that fails after writing');
      },
      invariants: [invariant('nonNegativeCount', 'cheap', () => (count.get() < 0 ? ['negative count'] : []))],
    };
  },
};
const registry = new Map<string, MechanismModule>([
  ['counter', counterModule],
  ['proverPool', proverPoolModule],
]);

function errorOf(o: Outcome): StakeworksError {
  assert.equal(o.ok, false, 'expected a failure');
  return o.error!;
}

function buildError(fn: () => unknown): StakeworksError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof StakeworksError, String(e));
    return e;
  }
  assert.fail('no error');
}

describe('chain routing errors', () => {
  const chain = Chain.build(pool, genesis);

  it('unknown mechanism lists the chain\'s mechanisms', () => {
    const e = errorOf(chain.tx('alice', 'stakePool.stake', {}));
    assert.equal(e.code, 'INVALID_ARGUMENT');
    assert.equal(e.message, 'unknown mechanism stakePool; this chain has: proverPool');
    assert.equal(errorOf(chain.query('nope.get')).message, 'unknown mechanism nope; this chain has: proverPool');
  });

  it('unknown action lists the actions; a query called as an action says so', () => {
    const e = errorOf(chain.tx('alice', 'proverPool.stak', {}));
    assert.equal(e.code, 'INVALID_ARGUMENT');
    const actions = chain.describe().proverPool!.actions;
    assert.deepEqual(actions.slice(0, 8), ['stake', 'exit', 'withdraw', 'assignProver', 'releaseProver', 'slashProver', 'depositTaikoToken', 'withdrawTaikoToken']);
    assert.equal(e.message, `unknown action proverPool.stak; proverPool actions: ${actions.join(', ')}`);
    const q = errorOf(chain.tx('alice', 'proverPool.getState'));
    assert.match(q.message, /^unknown action proverPool\.getState \(proverPool\.getState is a query: use query\); proverPool actions: stake, /);
  });

  it('unknown query lists the queries; an action called as a query says so', () => {
    const e = errorOf(chain.query('proverPool.getStakers'));
    assert.equal(e.code, 'INVALID_ARGUMENT');
    const queries = chain.describe().proverPool!.queries;
    for (const q of ['getStaker', 'getCapacity', 'getProvers', 'getProverWeights', 'getBlock', 'getConfig', 'getState', 'balanceOf', 'getBlockFee']) assert.ok(queries.includes(q), q);
    assert.equal(e.message, `unknown query proverPool.getStakers; proverPool queries: ${queries.join(', ')}`);
    assert.match(errorOf(chain.query('proverPool.stake')).message, /\(proverPool\.stake is an action: use tx\)/);
  });

  it('a call string without a dot, or not a string', () => {
    assert.equal(errorOf(chain.tx('alice', 'stake')).message, 'call must be "mechanism.action", got "stake"');
    assert.equal(errorOf(chain.query('getState')).message, 'call must be "mechanism.query", got "getState"');
    assert.equal(errorOf(chain.tx('alice', 42 as unknown as string)).code, 'INVALID_ARGUMENT');
  });

  it('unknown, missing and ill-typed arguments name the field and list what the action takes', () => {
    const u = errorOf(chain.tx('alice', 'proverPool.stake', { amount: '320000', rewardPerGas: 10, maxCapacity: 32, fee: 1 }));
    assert.equal(u.code, 'INVALID_ARGUMENT');
    assert.equal(u.mechanism, 'proverPool');
    assert.equal(u.message, 'proverPool.stake: unknown argument(s) fee; proverPool.stake takes amount, rewardPerGas, maxCapacity');
    assert.equal(errorOf(chain.tx('alice', 'proverPool.stake', { rewardPerGas: 10, maxCapacity: 32 })).message, 'proverPool.stake: amount: missing (required)');
    assert.match(errorOf(chain.tx('alice', 'proverPool.stake', { amount: '-1', rewardPerGas: 10, maxCapacity: 32 })).message, /^proverPool\.stake: amount: expected an unsigned integer of 64 bits/);
    assert.match(errorOf(chain.tx('alice', 'proverPool.stake', { amount: (1n << 64n).toString(), rewardPerGas: 10, maxCapacity: 32 })).message, /amount: expected an unsigned integer of 64 bits \(0 … 2\^64 − 1\), got 18446744073709551616/);
    assert.match(errorOf(chain.tx('alice', 'proverPool.stake', { amount: 1.5, rewardPerGas: 10, maxCapacity: 32 })).message, /amount: expected an integer, got 1\.5/);
    assert.match(errorOf(chain.tx('alice', 'proverPool.exit', { now: 1 })).message, /unknown argument\(s\) now; proverPool\.exit takes no arguments/);
    assert.match(errorOf(chain.query('proverPool.getStaker', { addr: '0x12' })).message, /^proverPool\.getStaker: addr: not an address or account name: "0x12"/);
    assert.equal(errorOf(chain.tx('not a name', 'proverPool.exit')).code, 'INVALID_ARGUMENT');
  });
});

describe('chain atomicity, queries and the state root', () => {
  it('a failed tx leaves the state root and the event count unchanged', () => {
    const chain = Chain.build(pool, genesis);
    assert.equal(chain.tx('alice', 'proverPool.stake', { amount: (10n * T).toString(), rewardPerGas: 10, maxCapacity: 32 }).ok, true);
    // restaking less leaves 5 T exiting with a fresh timer: the change lock is armed
    assert.equal(chain.tx('alice', 'proverPool.stake', { amount: (5n * T).toString(), rewardPerGas: 10, maxCapacity: 32 }).ok, true);
    const root = chain.stateRoot();
    const n = chain.events.length;
    const cases: Array<[string, string, Record<string, unknown>, string]> = [
      ['bob', 'proverPool.stake', { amount: '320000000', rewardPerGas: 10, maxCapacity: 32 }, 'ERC20_BURN_AMOUNT_EXCEEDS_BALANCE'],
      ['bob', 'proverPool.stake', { amount: '319999', rewardPerGas: 10, maxCapacity: 32 }, 'INVALID_PARAMS'],
      ['alice', 'proverPool.exit', {}, 'CHANGE_TOO_FREQUENT'], // writes the slot before failing
      ['alice', 'proverPool.stake', { amount: (20n * T).toString(), rewardPerGas: 10, maxCapacity: 32 }, 'CHANGE_TOO_FREQUENT'],
      ['alice', 'proverPool.withdraw', {}, 'NO_MATURE_EXIT'],
      ['alice', 'proverPool.withdrawTaikoToken', { amount: '1' }, 'L1_INSUFFICIENT_TOKEN'],
      ['alice', 'proverPool.assignProver', { blockId: 1, feePerGas: 10 }, 'UNAUTHORIZED'],
      ['alice', 'proverPool.nope', {}, 'INVALID_ARGUMENT'],
    ];
    for (const [from, call, args, code] of cases) {
      const o = chain.tx(from, call, args);
      assert.equal(errorOf(o).code, code, call);
      assert.deepEqual(o.events, []);
      assert.equal(chain.stateRoot(), root, `${call} changed the root`);
      assert.equal(chain.events.length, n);
    }
    assert.deepEqual(chain.invariants(), []);
  });

  it('a failing mechanism action undoes its state, ledger and event writes; a non-engine throw becomes INTERNAL_ERROR', () => {
    const chain = Chain.build({ mechanisms: { counter: {} } }, { time: 5 }, { registry });
    assert.equal(chain.tx('alice', 'counter.inc', { by: 2 }).ok, true);
    const root = chain.stateRoot();
    const n = chain.events.length;
    const e = errorOf(chain.tx('alice', 'counter.incThenFail'));
    assert.equal(e.code, 'NOPE');
    assert.equal(e.mechanism, 'counter');
    const c = errorOf(chain.tx('alice', 'counter.crash'));
    assert.equal(c.code, 'INTERNAL_ERROR');
    assert.equal(c.message, 'internal error (a bug in Stakeworks, please report it): oops');
    assert.equal(chain.stateRoot(), root);
    assert.equal(chain.events.length, n);
    assert.equal(chain.ledger.supply('CNT'), 0n);
    assert.deepEqual((chain.query('counter.get').result as { count: number }).count, 2);
    assert.deepEqual(chain.invariants(), []);
  });

  it('queries never change the root, not even a query that writes', () => {
    const chain = Chain.build({ mechanisms: { counter: {}, proverPool: {} } }, genesis, { registry });
    chain.tx('alice', 'proverPool.stake', { amount: (10n * T).toString(), rewardPerGas: 10, maxCapacity: 32 });
    const root = chain.stateRoot();
    const n = chain.events.length;
    const s = chain.query('counter.sneaky');
    assert.equal(s.ok, true);
    assert.deepEqual(s.result, { count: 999 });
    assert.deepEqual(s.events, []);
    for (const [call, args] of [
      ['proverPool.getStaker', { addr: 'alice' }], ['proverPool.getCapacity', {}], ['proverPool.getProvers', {}], ['proverPool.getProverWeights', { feePerGas: 10 }],
      ['proverPool.getBlock', { blockId: 0 }], ['proverPool.getBlock', { blockId: 1 }], ['proverPool.getConfig', {}], ['proverPool.getState', {}],
      ['proverPool.balanceOf', { addr: 'alice' }], ['proverPool.getBlockFee', { gasLimit: 6_000_000 }], ['counter.get', {}],
    ] as const) {
      chain.query(call, args);
      assert.equal(chain.stateRoot(), root, call);
      assert.equal(chain.events.length, n);
    }
    assert.equal(errorOf(chain.query('proverPool.getBlock', { blockId: 1 })).code, 'L1_BLOCK_ID');
    assert.deepEqual(chain.query('counter.get').result, { count: 0, hooks: [] });
  });

  it('two chains replaying the same steps have the same root; different steps differ', () => {
    const run = (amount: bigint) => {
      const c = Chain.build(pool, genesis);
      const outs = [
        c.tx('alice', 'proverPool.stake', { amount: amount.toString(), rewardPerGas: 10, maxCapacity: 32 }),
        c.advance({ seconds: 12, blocks: 1 }),
        c.tx('protocol', 'proverPool.assignProver', { blockId: 1, feePerGas: 10 }),
        c.tx('alice', 'proverPool.depositTaikoToken', { amount: '7' }),
        c.advance({ seconds: 3700, blocks: 2, blockHash: `0x${'11'.repeat(32)}` }),
        c.tx('alice', 'proverPool.exit'),
      ];
      outs.forEach((o, k) => assert.ok(o.ok, `step ${k}: ${o.error?.message}`));
      return c;
    };
    const a = run(10n * T);
    const b = run(10n * T);
    assert.equal(a.stateRoot(), b.stateRoot());
    assert.equal(a.events.length, b.events.length);
    assert.notEqual(run(11n * T).stateRoot(), a.stateRoot());
    assert.match(a.stateRoot(), /^0x[0-9a-f]{64}$/);
    assert.notEqual(Chain.build(pool, genesis).stateRoot(), Chain.build(pool, { ...genesis, time: t0 + 1 }).stateRoot());
  });
});

describe('chain clock and block hooks', () => {
  it('advance runs the block hooks once per block, at the new time, and closes each block', () => {
    const chain = Chain.build({ mechanisms: { counter: {} } }, { time: 100, height: 7 }, { registry });
    const o = chain.advance({ seconds: 30, blocks: 3 });
    assert.equal(o.ok, true);
    assert.deepEqual(o.events.map((e) => [e.name, e.args.height, e.height, e.time]), [['Block', 7, 7, 130], ['Block', 8, 8, 130], ['Block', 9, 9, 130]]);
    assert.equal(chain.height, 10);
    assert.equal(chain.time, 130);
    const hooks = (chain.query('counter.get').result as { hooks: Array<{ height: number; parent: string }> }).hooks;
    assert.deepEqual(hooks.map((h) => h.height), [7, 8, 9]);
    assert.deepEqual(hooks.map((h) => h.parent), [keccakText('block:6'), keccakText('block:7'), keccakText('block:8')]);
    assert.equal(chain.advance({ seconds: 10 }).events.length, 0);
    assert.equal(chain.height, 10);
    assert.equal(chain.advance({ to: { time: 200, height: 12 } }).events.length, 2);
    assert.equal(chain.time, 200);
    assert.equal(chain.height, 12);
  });

  it('a failing hook: the first block rolls back with the time move; a later one keeps the complete blocks before it', () => {
    const first = Chain.build({ mechanisms: { counter: { failHookAt: 7 } } }, { time: 100, height: 7 }, { registry });
    const root = first.stateRoot();
    assert.equal(errorOf(first.advance({ seconds: 30, blocks: 3 })).code, 'HOOK_FAILED');
    assert.deepEqual([first.time, first.height, first.stateRoot()], [100, 7, root]);
    assert.equal(first.events.length, 0);

    const later = Chain.build({ mechanisms: { counter: { failHookAt: 9 } } }, { time: 100, height: 7 }, { registry });
    const o = later.advance({ seconds: 30, blocks: 3 });
    assert.equal(errorOf(o).code, 'HOOK_FAILED');
    assert.deepEqual(o.events.map((e) => e.args.height), [7, 8]);
    assert.deepEqual([later.time, later.height], [130, 9]);
    const twin = Chain.build({ mechanisms: { counter: { failHookAt: 9 } } }, { time: 100, height: 7 }, { registry });
    assert.equal(twin.advance({ seconds: 30, blocks: 2 }).ok, true);
    assert.equal(later.stateRoot(), twin.stateRoot());
  });

  it('blockHash sets the hash of the last block passed: the parentHash of the next tx', () => {
    const chain = Chain.build({ mechanisms: { counter: {} } }, { time: 0, height: 1 }, { registry });
    assert.deepEqual(chain.tx('alice', 'counter.inc', { by: 1 }).result, { parentHash: keccakText('block:0'), height: 1 });
    const h = `0x${'ab'.repeat(32)}` as Hex;
    chain.advance({ blocks: 3, blockHash: h });
    assert.equal(chain.height, 4);
    assert.equal(chain.clock.blockHash(3), h);
    assert.equal(chain.clock.blockHash(2), keccakText('block:2'));
    assert.deepEqual(chain.tx('alice', 'counter.inc', { by: 1 }).result, { parentHash: h, height: 4 });
    chain.advance({ blocks: 1 });
    assert.deepEqual(chain.tx('alice', 'counter.inc', { by: 1 }).result, { parentHash: keccakText('block:4'), height: 5 });
    const withHash = Chain.build({ mechanisms: { counter: {} } }, {}, { registry });
    const without = Chain.build({ mechanisms: { counter: {} } }, {}, { registry });
    withHash.advance({ blocks: 1, blockHash: keccakText('block:1') });
    without.advance({ blocks: 1 });
    assert.notEqual(withHash.stateRoot(), without.stateRoot()); // a hash set explicitly is part of the clock state
  });

  it('advance validation: errors leave the clock unchanged', () => {
    const chain = Chain.build({ mechanisms: { counter: {} } }, { time: 100, height: 5 }, { registry });
    const cases: Array<[Parameters<Chain['advance']>[0], RegExp]> = [
      [{ blocks: 0, blockHash: `0x${'00'.repeat(32)}` }, /blockHash needs at least one block/],
      [{ seconds: -1 }, /advance\.seconds must be a non-negative integer, got -1/],
      [{ blocks: 1.5 }, /advance\.blocks must be a non-negative integer/],
      [{ to: { time: 99 } }, /advance\.to\.time 99 is before the current time 100/],
      [{ to: { height: 4 } }, /advance\.to\.height 4 is below the current height 5/],
      [{ seconds: 1, to: { time: 200 } }, /either seconds\/blocks or to/],
    ];
    for (const [spec, re] of cases) {
      const e = errorOf(chain.advance(spec));
      assert.equal(e.code, 'INVALID_ARGUMENT');
      assert.match(e.message, re);
      assert.equal(chain.time, 100);
      assert.equal(chain.height, 5);
    }
  });

  it('proverPool draws use the parent hash set by advance', () => {
    const c1 = Chain.build(pool, genesis);
    const c2 = Chain.build(pool, genesis);
    for (const c of [c1, c2]) {
      for (const [who, amt] of [['alice', 10n * T]] as const) c.tx(who, 'proverPool.stake', { amount: amt.toString(), rewardPerGas: 10, maxCapacity: 32 });
      c.advance({ blocks: 1, blockHash: c === c1 ? `0x${'01'.repeat(32)}` : `0x${'02'.repeat(32)}` });
    }
    assert.notEqual(c1.stateRoot(), c2.stateRoot());
    const a = c1.tx('protocol', 'proverPool.assignProver', { blockId: 1, feePerGas: 10 });
    assert.equal((a.result as { prover: string }).prover, addressOf('alice'));
  });
});

describe('chain construction', () => {
  it('bad genesis: unknown asset, unknown key, bad amounts and times fail clearly', () => {
    let e = buildError(() => Chain.build(pool, { balances: { alice: { ETH: '1' } } }));
    assert.equal(e.code, 'INVALID_ARGUMENT');
    assert.equal(e.message, 'unknown asset ETH; known: TKO');
    e = buildError(() => Chain.build(pool, { time: t0, stakePool: {} }));
    assert.equal(e.code, 'INVALID_ARGUMENT');
    assert.equal(e.message, 'unknown genesis key stakePool; allowed: time, height, balances, proverPool');
    e = buildError(() => Chain.build(pool, { balances: { alice: { TKO: '-5' } } }));
    assert.equal(e.message, 'genesis.balances.alice.TKO: expected a non-negative integer amount in decimal form, got "-5"');
    assert.equal(buildError(() => Chain.build(pool, { balances: { '0xbad': { TKO: '5' } } })).code, 'INVALID_ARGUMENT');
    assert.match(buildError(() => Chain.build(pool, { time: -1 })).message, /genesis\.time must be a non-negative integer, got -1/);
    assert.match(buildError(() => Chain.build(pool, { height: 1.5 })).message, /genesis\.height must be a non-negative integer/);
    assert.match(buildError(() => Chain.build(pool, { proverPool: { x: 1 } })).message, /^genesis\.proverPool/);
    // genesis above the TKO cap is refused outright
    e = buildError(() => Chain.build(pool, { balances: { alice: { TKO: (1n << 64n).toString() } } }));
    assert.equal(e.code, 'INVALID_ARGUMENT');
    assert.match(e.message, /would exceed the maximum supply 18446744073709551615/);
  });

  it('bad chain config: unknown mechanism, preset, parameter; configuration check', () => {
    let e = buildError(() => Chain.build({ mechanisms: { stakePol: {} } }, {}));
    assert.equal(e.code, 'INVALID_ARGUMENT');
    assert.match(e.message, /^unknown mechanism stakePol; available: .*proverPool/);
    e = buildError(() => Chain.build({ mechanisms: {} }, {}));
    assert.match(e.message, /^chain\.mechanisms is empty; available: /);
    e = buildError(() => Chain.build({ mechanisms: { proverPool: { preset: 'taiko-a5' } } }, {}));
    assert.equal(e.message, 'unknown preset taiko-a5 for proverPool; presets: taiko-a4, staking-proposal');
    e = buildError(() => Chain.build({ mechanisms: { proverPool: { maxProver: 3 } } }, {}));
    assert.equal(e.code, 'INVALID_ARGUMENT');
    assert.match(e.message, /unknown parameter\(s\) maxProver; proverPool parameters: maxProvers, /);
    e = buildError(() => Chain.build({ mechanisms: { proverPool: { maxProvers: 0 } } }, {}));
    assert.equal(e.code, 'L1_INVALID_CONFIG');
    assert.match(e.message, /maxProvers ≥ 1/);
    e = buildError(() => Chain.build({ mechanisms: { proverPool: { preset: 'staking-proposal', backupWindowMultiplier: 150 } } }, {}));
    assert.equal(e.code, 'L1_INVALID_CONFIG');
    assert.deepEqual(e.details.failed, ['backupWindowMultiplier = 0 or ≥ proofWindowMultiplier']);
  });

  it('a fresh chain is sound and describes itself', () => {
    const chain = Chain.build({ mechanisms: { counter: {}, proverPool: {} } }, genesis, { registry });
    assert.deepEqual(chain.invariants(), []);
    assert.deepEqual(chain.mechanismKinds(), ['counter', 'proverPool']);
    assert.deepEqual(chain.describe().counter, { actions: ['inc', 'incThenFail', 'crash'], queries: ['get', 'sneaky'] });
    assert.equal(chain.ledger.balanceOf('TKO', addressOf('alice')), 1000n * T);
    assert.equal(z.string().parse('ok'), 'ok');
  });
});

describe('events nobody observes are counted, not built', () => {
  /** A prover-pool lifecycle: stakes (ledger escrow events), proposals, proofs, verifications. */
  function lifecycle(chain: Chain): void {
    for (let k = 1; k <= 3; k++) {
      const o = chain.tx(`prover${k}`, 'proverPool.stake', { amount: BigInt(1000 + k) * T, rewardPerGas: 8 + k, maxCapacity: 1_000_000 });
      assert.ok(o.ok, o.error?.message);
    }
    assert.ok(chain.tx('paul', 'proverPool.depositTaikoToken', { amount: 1_000n * T }).ok);
    for (let b = 1; b <= 5; b++) {
      const p = chain.tx('paul', 'proverPool.proposeBlock', {});
      assert.ok(p.ok);
      assert.ok(chain.tx((p.result as { assignedProver: string }).assignedProver, 'proverPool.proveBlock', { blockId: b, gasUsed: 1_000_000 }).ok);
      assert.ok(chain.advance({ seconds: 3600, blocks: 1 }).ok);
    }
  }
  const balances = { paul: { TKO: 10_000n * T }, prover1: { TKO: 100_000n * T }, prover2: { TKO: 100_000n * T }, prover3: { TKO: 100_000n * T } };
  const build = (retainEvents: boolean) => Chain.build(pool, { time: t0, height: 1, balances }, { retainEvents });

  it('a listener on a chain that retains nothing sees exactly the events a retaining chain keeps', () => {
    const retaining = build(true);
    lifecycle(retaining);
    const seen: unknown[] = [];
    const listened = build(false);
    listened.on((e) => seen.push(e));
    lifecycle(listened);
    const silent = build(false);
    lifecycle(silent);
    assert.ok(retaining.events.since(0).length > 20, `${retaining.events.since(0).length} events`);
    assert.deepEqual(seen, retaining.events.since(0));
    assert.equal(silent.events.length, retaining.events.length);
    assert.equal(silent.stateRoot(), retaining.stateRoot());
  });

  it('argument builders run only when the event is observed', () => {
    let built = 0;
    const mod: MechanismModule<Record<string, never>, undefined> = {
      kind: 'noisy',
      summary: 'test mechanism',
      presets: { default: {} },
      defaultPreset: 'default',
      params: () => ({}),
      assets: () => [],
      errors: {},
      create: (ctx) => ({
        actions: {
          ping: {
            summary: 'emits one event',
            args: noArgs,
            run: () => ctx.emit('Ping', () => (built++, { n: built })),
          },
        },
        queries: {},
        invariants: [],
      }),
    };
    const registry = new Map([['noisy', mod as MechanismModule]]);
    const chain = Chain.build({ mechanisms: { noisy: {} } }, {}, { retainEvents: false, registry });
    assert.ok(chain.tx('a', 'noisy.ping').ok);
    assert.equal(built, 0);
    assert.equal(chain.events.length, 1);
    const names: string[] = [];
    const off = chain.on((e) => names.push(`${e.name}:${(e.args as { n: number }).n}`));
    assert.ok(chain.tx('a', 'noisy.ping').ok);
    off();
    assert.ok(chain.tx('a', 'noisy.ping').ok);
    assert.deepEqual(names, ['Ping:1']);
    assert.equal(built, 1);
    assert.equal(chain.events.length, 3);
  });
});
