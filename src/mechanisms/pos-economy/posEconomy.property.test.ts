import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Chain } from '../../chain/chain.js';
import { parseAddress } from '../../kernel/index.js';
import { churnLimit } from './churn.js';
import type { posEconomyModule } from './index.js';

/**
 * Random deposits, exits, withdrawals, uptime and fee-revenue changes, slashings and
 * multi-epoch advances through the public Chain API, on four parameter sets. After every step:
 * every invariant holds (chain.invariants()), a failed action leaves the state root unchanged,
 * and no gwei is created or lost outside `issued` and `burned`: Σ balances of every account +
 * the escrow = genesis supply + issued − burned, with issued and burned also equal to the sums
 * the EpochProcessed events report. Every epoch (not only the last of a step) is checked against
 * its churn when it is emitted. POS_ECONOMY_SEED / POS_ECONOMY_RUNS override seed and run count.
 */
const ETH = 1_000_000_000n;
const operators = ['o0', 'o1', 'o2', 'd0', 'd1'] as const;
const accounts = [...operators, 'environment', 'slasher', 'stranger'];
type Instance = ReturnType<typeof posEconomyModule.create>;

type Cmd =
  | { k: 'deposit'; who: number; amount: bigint }
  | { k: 'exit'; who: number; amount: bigint | undefined }
  | { k: 'withdraw'; who: number }
  | { k: 'uptime'; byEnv: boolean; who: number; ppm: number }
  | { k: 'fees'; byEnv: boolean; amount: bigint }
  | { k: 'slash'; bySlasher: boolean; who: number }
  | { k: 'advance'; epochs: number; extra: number; blocks: number };

const amount = fc.oneof(fc.bigInt(0n, 60n * ETH), fc.bigInt(0n, 1000n), fc.constantFrom(32n * ETH, 40n * ETH, 41n * ETH, 500n * ETH));
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ k: fc.constant('deposit' as const), who: fc.nat(4), amount }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('exit' as const), who: fc.nat(4), amount: fc.option(amount, { nil: undefined }) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('withdraw' as const), who: fc.nat(4) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('uptime' as const), byEnv: fc.boolean(), who: fc.nat(4), ppm: fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom(0, 1_000_000, 1_000_001)) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('fees' as const), byEnv: fc.boolean(), amount: fc.oneof(fc.bigInt(0n, 5n * ETH), fc.bigInt(0n, 100n)) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('slash' as const), bySlasher: fc.boolean(), who: fc.nat(4) }) },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('advance' as const), epochs: fc.nat(6), extra: fc.nat(2), blocks: fc.nat(2) }) },
);

const configs: Array<{ label: string; overrides: Record<string, unknown>; waits: boolean }> = [
  // Small churn (40 ETH) so queues wait, a short delay so withdrawals come due, part of the fees burned.
  { label: 'ethereum, churn 40 ETH', overrides: { preset: 'ethereum', burnShare: 700_000, withdrawalDelayEpochs: 2, churn: { min: `${40n * ETH}`, maxPerEpoch: `${40n * ETH}` } }, waits: true },
  { label: 'ethereum-tempered, slashFraction 1/2', overrides: { preset: 'ethereum-tempered', burnShare: 0, withdrawalDelayEpochs: 1, slashFraction: 500_000 }, waits: false },
  { label: 'cosmos-hub (no churn limit)', overrides: { preset: 'cosmos-hub', epochSeconds: 384, withdrawalDelayEpochs: 3, asset: 'ETH', burnShare: 250_000 }, waits: false },
  { label: 'fixed, whole stake slashed', overrides: { preset: 'fixed', asset: 'ETH', withdrawalDelayEpochs: 0, slashFraction: 1_000_000, churn: { min: `${33n * ETH}`, maxPerEpoch: `${64n * ETH}`, quotient: 3 } }, waits: true },
];

function build(overrides: Record<string, unknown>): Chain {
  return Chain.build(
    { mechanisms: { posEconomy: overrides } },
    {
      time: 1_000,
      height: 1,
      balances: { o0: { ETH: 10n * ETH }, d0: { ETH: 300n * ETH + 7n }, d1: { ETH: 100n * ETH }, environment: { ETH: 50n * ETH } },
      posEconomy: { operators: [{ id: 'o0', stake: 100n * ETH }, { id: 'o1', stake: 64n * ETH, uptimePpm: 900_000 }, { id: 'o2', stake: 32n * ETH + 1n }] },
    },
  );
}

interface Seen {
  issued: bigint;
  burned: bigint;
  epochs: number;
  slashes: number;
  withdrawals: number;
  waits: number;
  errors: Map<string, number>;
}

function apply(chain: Chain, c: Cmd, epochSeconds: number): ReturnType<Chain['tx']> {
  const who = (i: number) => operators[i]!;
  switch (c.k) {
    case 'deposit':
      return chain.tx(who(c.who), 'posEconomy.deposit', { amount: c.amount });
    case 'exit':
      return chain.tx(who(c.who), 'posEconomy.exit', c.amount === undefined ? {} : { amount: c.amount });
    case 'withdraw':
      return chain.tx(who(c.who), 'posEconomy.withdraw');
    case 'uptime':
      return chain.tx(c.byEnv ? 'environment' : 'stranger', 'posEconomy.setUptime', { operator: who(c.who), uptimePpm: c.ppm });
    case 'fees':
      return chain.tx(c.byEnv ? 'environment' : 'o0', 'posEconomy.setFeeRevenue', { gweiPerEpoch: c.amount });
    case 'slash':
      return chain.tx(c.bySlasher ? 'slasher' : 'o1', 'posEconomy.slash', { operator: who(c.who) });
    case 'advance':
      return chain.advance({ seconds: c.epochs * epochSeconds + c.extra * 100, blocks: c.blocks });
  }
}

function checkRun(overrides: Record<string, unknown>, cmds: Cmd[], seen: Seen): void {
  const chain = build(overrides);
  const eco = chain.mechanism<Instance>('posEconomy').eco;
  const asset = eco.params.asset;
  const genesis = chain.ledger.totalsOf(asset).genesis;
  const addrs = accounts.map((a) => parseAddress(a));
  // Every epoch against its churn, as it is emitted (an advance may process several).
  chain.on((e) => {
    if (e.mechanism !== 'posEconomy' || e.name !== 'EpochProcessed') return;
    const r = eco.state.lastEpoch.get()!;
    assert.equal(r.epoch, e.args.epoch);
    const c = churnLimit(r.stake, eco.params.churn);
    assert.equal(r.churn, c);
    if (c !== null) assert.ok(r.activated <= c && r.exited <= c, `epoch ${r.epoch}: activated ${r.activated}, exited ${r.exited}, churn ${c}`);
    if (eco.state.queues.get().entryNext > eco.state.queues.get().entryHead) seen.waits++;
    seen.issued += e.args.issued as bigint;
    seen.burned += (e.args.feesBurned as bigint) + (e.args.slashed as bigint);
    seen.epochs++;
    if ((e.args.slashed as bigint) > 0n) seen.slashes++;
  });
  let issued = 0n;
  let burned = 0n;
  for (const [i, c] of cmds.entries()) {
    const root = chain.stateRoot();
    const before = { issued: seen.issued, burned: seen.burned };
    const o = apply(chain, c, eco.params.epochSeconds);
    const where = `step ${i + 1} ${JSON.stringify(c, (_k, v) => (typeof v === 'bigint' ? `${v}` : v))}`;
    if (!o.ok) {
      assert.equal(chain.stateRoot(), root, `${where}: failed with ${o.error!.code} and changed the state root`);
      assert.notEqual(o.error!.code, 'INTERNAL_ERROR', `${where}: ${o.error!.message}`);
      const key = `${c.k}:${o.error!.code}`;
      seen.errors.set(key, (seen.errors.get(key) ?? 0) + 1);
    } else if (c.k === 'withdraw') seen.withdrawals++;
    issued += seen.issued - before.issued;
    burned += seen.burned - before.burned;
    assert.deepEqual(chain.invariants(), [], where);
    const econ = chain.query('posEconomy.economy').result as Record<string, string>;
    assert.equal(BigInt(econ.issued!), issued, `${where}: issued ≠ Σ EpochProcessed.issued`);
    assert.equal(BigInt(econ.burned!), burned, `${where}: burned ≠ Σ EpochProcessed fee burns and slashings`);
    let held = chain.ledger.escrowOf(asset, 'posEconomy');
    for (const a of addrs) held += chain.ledger.balanceOf(asset, a);
    assert.equal(held, genesis + issued - burned, `${where}: Σ balances + escrow ≠ genesis + issued − burned`);
    assert.equal(BigInt(econ.supply!), held, where);
  }
}

const runs = Number(process.env.POS_ECONOMY_RUNS ?? 60);
const seed = process.env.POS_ECONOMY_SEED === undefined ? 424_242 : Number(process.env.POS_ECONOMY_SEED);

describe('posEconomy property: random sequences through the Chain API', () => {
  for (const [k, { label, overrides, waits }] of configs.entries()) {
    it(label, () => {
      const seen: Seen = { issued: 0n, burned: 0n, epochs: 0, slashes: 0, withdrawals: 0, waits: 0, errors: new Map() };
      fc.assert(
        fc.property(fc.array(cmd, { minLength: 1, maxLength: 60, size: 'max' }), (cmds) => checkRun(overrides, cmds, seen)),
        { numRuns: runs, seed: seed + k },
      );
      // Coverage: the interesting paths were exercised.
      assert.ok(seen.epochs > runs, `only ${seen.epochs} epochs`);
      assert.ok(seen.slashes > 0, 'no slashing was processed');
      assert.ok(seen.withdrawals > 0, `no withdrawal succeeded; errors: ${JSON.stringify([...seen.errors])}`);
      if (waits) assert.ok(seen.waits > 0, 'no deposit ever waited for churn');
    });
  }
});
