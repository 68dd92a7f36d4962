import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Chain, type ChainConfig, type Outcome } from './chain.js';
import { addressOf, parseAddress } from '../kernel/index.js';
import { proverPoolDriver, sequencerDriver, Session, show, stakePoolDriver, type Driver } from '../testing/drivers.js';

/**
 * The incremental state root (crit-bit trie updated from the leaves written since the last root)
 * against the plain recomputation from every leaf, on real chains under random use; the root's
 * canonicality (equal states, whatever the history, have one root); and the atomicity of failed
 * actions as the roots see it.
 *
 * ROOT_RUNS and ROOT_SEED override the run count and the seed of every property.
 */

const envRuns = process.env.ROOT_RUNS ? Number(process.env.ROOT_RUNS) : undefined;
const envSeed = process.env.ROOT_SEED ? Number(process.env.ROOT_SEED) : undefined;

function rootProperty<C>(d: Driver<C>, opts: { runs: number; steps: number; seed: number }): void {
  let failures = 0;
  let changed = 0;
  fc.assert(
    fc.property(fc.array(d.cmd, { minLength: Math.floor(opts.steps / 2), maxLength: opts.steps, size: 'max' }), (cmds) => {
      const chain = d.build();
      assert.equal(chain.stateRoot(), chain.fullStateRoot(), 'after the set-up');
      cmds.forEach((c, i) => {
        const where = `step ${i}: ${show(c)}`;
        const s = new Session(chain, (what) => {
          const before = chain.stateRoot();
          return (o: Outcome) => {
            const after = chain.stateRoot();
            if (!o.ok) {
              failures++;
              assert.notEqual(o.error!.code, 'INTERNAL_ERROR', `${where}, ${what}: ${o.error!.message}`);
              assert.equal(after, before, `${where}: failed ${what} (${o.error!.code}) changed the incremental root`);
            } else if (after !== before) {
              changed++;
              // A root that moved has a change set that says what moved.
              assert.ok(o.changes!.length > 0, `${where}: ${what} changed the root but reported no changes`);
            }
          };
        });
        d.apply(s, c);
        assert.equal(chain.stateRoot(), chain.fullStateRoot(), `${where}: incremental root ≠ full recomputation`);
      });
    }),
    { numRuns: envRuns ?? opts.runs, seed: envSeed ?? opts.seed },
  );
  assert.ok(failures > 0 && changed > 0, `the runs saw ${failures} failed and ${changed} root-changing calls`);
}

describe('incremental state root = recomputation from every leaf, after every step', () => {
  for (const [i, preset] of (['taiko-a4', 'staking-proposal'] as const).entries()) {
    const d = proverPoolDriver(preset);
    it(d.label, () => rootProperty(d, { runs: 12, steps: 50, seed: 8001 + i }));
  }
  // A sequencer chain has ~340 leaves (255 of them the L1 staker slots): a full recomputation
  // costs ~20 ms, so few runs. The owner's start-time moves and distribution clean-ups are in.
  const sq = sequencerDriver('morph-v0.4', { ownerResets: true });
  it(sq.label, () => rootProperty(sq, { runs: 3, steps: 50, seed: 8101 }));
  const sp = stakePoolDriver();
  it(sp.label, () => rootProperty(sp, { runs: 10, steps: 50, seed: 8301 }));
});

const E = 10n ** 18n;
const seqConfig: ChainConfig = { mechanisms: { sequencerStaking: { preset: 'morph-v0.4', initialStakers: ['p0', 'p1', 'p2'] } } };
const seqChain = (balances: Record<string, bigint>): Chain =>
  Chain.build(seqConfig, { time: 0, height: 1, balances: Object.fromEntries(Object.entries(balances).map(([k, v]) => [k, { MORPH: v }])) });

function ok(o: Outcome): Outcome {
  assert.ok(o.ok, o.error?.message);
  return o;
}

describe('canonical roots: equal states have one root, whatever the history', () => {
  it('a MORPH transfer there and back gives the untouched chain\'s root (the emptied balance entry comes back)', () => {
    const a = seqChain({ d0: 10n * E, d1: 3n * E });
    const fresh = seqChain({ d0: 10n * E, d1: 3n * E });
    const r0 = fresh.stateRoot();
    ok(a.tx('d0', 'sequencerStaking.transfer', { to: 'd1', amount: `${10n * E}` }));
    assert.notEqual(a.stateRoot(), r0);
    assert.equal(a.ledger.balanceOf('MORPH', parseAddress('d0')), 0n);
    ok(a.tx('d1', 'sequencerStaking.transfer', { to: 'd0', amount: `${10n * E}` }));
    assert.equal(a.stateRoot(), r0);
    assert.equal(a.fullStateRoot(), r0);
  });

  it('leaves inserted and removed on the way (new accounts, emptied again) leave no trace', () => {
    const a = seqChain({ d0: 10n * E });
    const b = seqChain({ d0: 10n * E });
    for (const e of ['e1', 'e2', 'e3', 'e4']) ok(a.tx('d0', 'sequencerStaking.transfer', { to: e, amount: `${E}` }));
    for (const e of ['e1', 'e3', 'e4']) ok(a.tx(e, 'sequencerStaking.transfer', { to: 'd0', amount: `${E}` }));
    ok(b.tx('d0', 'sequencerStaking.transfer', { to: 'e2', amount: `${E}` }));
    assert.equal(a.stateRoot(), b.stateRoot());
    assert.equal(a.fullStateRoot(), b.stateRoot());
  });

  it('random MORPH transfers give the root of the chain whose genesis holds the final balances', () => {
    const names = ['d0', 'd1', 'd2', 'd3'];
    const initial = { d0: 10n * E, d1: 5n * E, d2: 1n, d3: 0n };
    fc.assert(
      fc.property(fc.array(fc.record({ from: fc.nat(3), to: fc.nat(3), amount: fc.oneof(fc.bigInt(0n, 10n * E), fc.constantFrom(1n, E, 5n * E)) }), { minLength: 1, maxLength: 25 }), (ts) => {
        const a = seqChain(initial);
        for (const t of ts) a.tx(names[t.from]!, 'sequencerStaking.transfer', { to: names[t.to]!, amount: `${t.amount}` });
        const final = Object.fromEntries(names.map((n) => [n, a.ledger.balanceOf('MORPH', addressOf(n))]));
        assert.equal(Object.values(final).reduce((x, y) => x + y, 0n), 15n * E + 1n);
        const b = seqChain(final);
        assert.equal(a.stateRoot(), b.stateRoot(), `transfers ${show(ts)}`);
        assert.equal(a.fullStateRoot(), b.stateRoot());
      }),
      { numRuns: envRuns ?? 10, seed: envSeed ?? 8401 },
    );
  });

  it('prover pool: an assignment and the release of its capacity give the untouched chain\'s root', () => {
    const build = () => {
      const c = Chain.build({ mechanisms: { proverPool: { preset: 'taiko-a4' } } }, { time: 1_700_000_000, height: 1, balances: { p0: { TKO: '100000000000000' } } });
      ok(c.tx('p0', 'proverPool.stake', { amount: '100000000000', rewardPerGas: 10, maxCapacity: 32 }));
      return c;
    };
    const a = build();
    const r0 = build().stateRoot();
    assert.equal(a.stateRoot(), r0);
    const o = ok(a.tx('protocol', 'proverPool.assignProver', { blockId: 7, feePerGas: 10 }));
    assert.equal((o.result as { prover: string }).prover, addressOf('p0'));
    assert.notEqual(a.stateRoot(), r0, 'the draw used one unit of capacity');
    ok(a.tx('protocol', 'proverPool.releaseProver', { addr: 'p0' }));
    assert.equal(a.stateRoot(), r0);
    assert.equal(a.fullStateRoot(), r0);
  });

  it('stake pool: contributions to two pools in either order give one root', () => {
    const PHA = 10n ** 12n;
    const build = () => {
      const c = Chain.build(
        { mechanisms: { stakePool: { preset: 'phala-khala-v1', computation: { enabled: true } } } },
        { time: 0, height: 1, balances: { d0: { PHA: `${1000n * PHA}` }, d1: { PHA: `${1000n * PHA}` }, owner: { PHA: '1' } } },
      );
      ok(c.tx('owner', 'stakePool.create'));
      ok(c.tx('owner', 'stakePool.create'));
      return c;
    };
    const a = build();
    const b = build();
    ok(a.tx('d0', 'stakePool.contribute', { pid: 0, amount: 100n * PHA }));
    ok(a.tx('d1', 'stakePool.contribute', { pid: 1, amount: 300n * PHA }));
    ok(a.tx('d0', 'stakePool.contribute', { pid: 1, amount: 7n * PHA }));
    ok(b.tx('d0', 'stakePool.contribute', { pid: 1, amount: 7n * PHA }));
    ok(b.tx('d1', 'stakePool.contribute', { pid: 1, amount: 300n * PHA }));
    ok(b.tx('d0', 'stakePool.contribute', { pid: 0, amount: 100n * PHA }));
    assert.equal(a.stateRoot(), b.stateRoot());
    assert.equal(a.fullStateRoot(), b.fullStateRoot());
    assert.equal(a.stateRoot(), a.fullStateRoot());
  });

  it('different states have different roots (one pico of PHA)', () => {
    const mk = (x: bigint) => Chain.build({ mechanisms: { stakePool: { preset: 'phala-khala-v1' } } }, { time: 0, height: 1, balances: { d0: { PHA: `${x}` } } });
    assert.notEqual(mk(10n ** 12n).stateRoot(), mk(10n ** 12n + 1n).stateRoot());
  });
});

describe('a failed action leaves both roots as they were', () => {
  const cases: Array<{ label: string; chain: () => Chain; from: string; call: string; args: unknown; code: string }> = [
    { label: 'sequencer: transfer above the balance', chain: () => seqChain({ d0: E }), from: 'd0', call: 'sequencerStaking.transfer', args: { to: 'd1', amount: `${E + 1n}` }, code: 'TRANSFER_AMOUNT_EXCEEDS_BALANCE' },
    { label: 'sequencer: delegation to a non-staker', chain: () => seqChain({ d0: E }), from: 'd0', call: 'sequencerStaking.delegateStake', args: { delegatee: 'nobody', amount: `${E}` }, code: 'NOT_STAKER' },
    { label: 'sequencer: unknown argument', chain: () => seqChain({ d0: E }), from: 'd0', call: 'sequencerStaking.transfer', args: { to: 'd1', amount: '1', memo: 'x' }, code: 'INVALID_ARGUMENT' },
    {
      label: 'prover pool: deposit above the wallet (the burn fails after nothing else)',
      chain: () => Chain.build({ mechanisms: { proverPool: { preset: 'taiko-a4' } } }, { time: 1_700_000_000, height: 1, balances: { p0: { TKO: '1000' } } }),
      from: 'p0',
      call: 'proverPool.depositTaikoToken',
      args: { amount: '1001' },
      code: 'ERC20_BURN_AMOUNT_EXCEEDS_BALANCE',
    },
    {
      label: 'stake pool: contribution to a missing pool',
      chain: () => Chain.build({ mechanisms: { stakePool: { preset: 'phala-khala-v1' } } }, { time: 0, height: 1, balances: { d0: { PHA: '100000000000000' } } }),
      from: 'd0',
      call: 'stakePool.contribute',
      args: { pid: 3, amount: '10000000000000' },
      code: 'POOL_DOES_NOT_EXIST',
    },
  ];
  for (const c of cases) {
    it(c.label, () => {
      const chain = c.chain();
      const before = chain.stateRoot();
      const o = chain.tx(c.from, c.call, c.args);
      assert.equal(o.ok, false);
      assert.equal(o.error!.code, c.code, o.error!.message);
      assert.equal(chain.stateRoot(), before);
      assert.equal(chain.fullStateRoot(), before);
    });
  }

  it('a transaction that writes, mints and then fails (the prover pool stake that is not good enough) changes neither root', () => {
    const chain = Chain.build(
      { mechanisms: { proverPool: { preset: 'taiko-a4', maxProvers: 1 } } },
      { time: 1_700_000_000, height: 1, balances: { p0: { TKO: '100000000000000' }, p1: { TKO: '100000000000000' } } },
    );
    ok(chain.tx('p0', 'proverPool.stake', { amount: '500000000000', rewardPerGas: 10, maxCapacity: 32 }));
    const before = chain.stateRoot();
    const o = chain.tx('p1', 'proverPool.stake', { amount: '400000000000', rewardPerGas: 10, maxCapacity: 32 });
    assert.equal(o.error?.code, 'PROVER_NOT_GOOD_ENOUGH');
    assert.deepEqual(o.events, []);
    assert.deepEqual(o.changes, []);
    assert.equal(chain.stateRoot(), before);
    assert.equal(chain.fullStateRoot(), before);
  });
});
