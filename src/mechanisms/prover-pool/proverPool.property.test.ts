import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Chain, type Outcome } from '../../chain/chain.js';
import { addressOf, bytesToBigInt, keccak256, ZERO_ADDRESS, type Hex } from '../../kernel/index.js';
import { linearFind } from '../../kernel/structures/fenwick.js';
import { drawSeed } from './draw.js';

/**
 * Model-based property test of the prover pool's pool part (spec prover-pool.md §5.0–5.8, §7),
 * through the Chain API only. After every step: no invariant is violated (they include Fenwick vs
 * linear weights, min-tree vs linear slot search, the TKO accounting identity and the economic
 * account's), a failed tx left the state root, the event log and the economic account unchanged
 * (PROVER_NOT_GOOD_ENOUGH comes after the stake was burned) and failed with a protocol error (never
 * INTERNAL_ERROR), Σ Slashed.amount = totals.slashed, and every assignment drew the slot the linear
 * procedure (getProverWeights + keccak seed) picks, backup included.
 */

const T = 100_000_000n;
const t0 = 1_700_000_000;
const MAX_U64 = (1n << 64n) - 1n;
const PROTOCOL = 'protocol';

/** Codes a pool-part action may legitimately fail with. */
const EXPECTED_CODES = new Set([
  'INVALID_ARGUMENT',
  'INVALID_PARAMS',
  'CHANGE_TOO_FREQUENT',
  'PROVER_NOT_GOOD_ENOUGH',
  'ERC20_BURN_AMOUNT_EXCEEDS_BALANCE',
  'TKO_MINT_DISALLOWED',
  'NO_MATURE_EXIT',
  'UNAUTHORIZED',
  'L1_INSUFFICIENT_TOKEN',
]);

type Cmd =
  | { k: 'stake'; who: number; amount: bigint; rpg: number; cap: number }
  | { k: 'exit'; who: number }
  | { k: 'withdraw'; who: number }
  | { k: 'assign'; by: number | 'protocol'; blockId: number; fee: number }
  | { k: 'release'; by: number | 'protocol'; who: number }
  | { k: 'slash'; by: number | 'protocol'; who: number; blockId: number; reward: bigint }
  | { k: 'deposit'; who: number; amount: bigint }
  | { k: 'withdrawToken'; who: number; amount: bigint }
  | { k: 'advance'; seconds: number; blocks: number; hash: Hex | null };

function cmdArb(actors: number): fc.Arbitrary<Cmd> {
  const who = fc.nat(actors - 1);
  const by = fc.oneof({ weight: 5, arbitrary: fc.constant('protocol' as const) }, { weight: 1, arbitrary: who });
  const amount = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(320_000n, 640_000n, T, 2n * T, 5n * T, 10n * T) }, // ties
    { weight: 3, arbitrary: fc.bigInt({ min: 320_000n, max: 1_000n * T }) },
    { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 400_000n }) }, // zero and below the floor
    { weight: 1, arbitrary: fc.constantFrom(0n, MAX_U64, 1_000_000n * T) }, // more than any wallet
  );
  const cap = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(32, 33, 64) }, { weight: 1, arbitrary: fc.constantFrom(0, 1, 31, 1000) });
  const rpg = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 30 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 1, 100_000, 4_294_967_295) });
  const fee = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 5, max: 25 }) },
    { weight: 1, arbitrary: fc.constantFrom(0, 1, 10, 692, 34_359_739, 57_266_231, 4_294_967_295) },
  );
  const small = fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 10n * T }));
  const hash = fc.option(fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => `0x${Buffer.from(b).toString('hex')}` as Hex), { freq: 3 });
  return fc.oneof(
    { weight: 8, arbitrary: fc.record({ k: fc.constant('stake' as const), who, amount, rpg, cap }) },
    { weight: 2, arbitrary: fc.record({ k: fc.constant('exit' as const), who }) },
    { weight: 2, arbitrary: fc.record({ k: fc.constant('withdraw' as const), who }) },
    { weight: 6, arbitrary: fc.record({ k: fc.constant('assign' as const), by, blockId: fc.nat(1_000_000), fee }) },
    { weight: 3, arbitrary: fc.record({ k: fc.constant('release' as const), by, who }) },
    { weight: 3, arbitrary: fc.record({ k: fc.constant('slash' as const), by, who, blockId: fc.nat(1000), reward: fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 100_000n }), fc.constant(MAX_U64), fc.bigInt({ min: 0n, max: MAX_U64 })) }) },
    { weight: 2, arbitrary: fc.record({ k: fc.constant('deposit' as const), who, amount: small }) },
    { weight: 2, arbitrary: fc.record({ k: fc.constant('withdrawToken' as const), who, amount: small }) },
    {
      weight: 4,
      arbitrary: fc.record({
        k: fc.constant('advance' as const),
        seconds: fc.oneof(fc.constantFrom(0, 1, 12, 3_600, 3_601, 86_400, 86_401, 604_800, 604_801), fc.nat(700_000)),
        blocks: fc.nat(3),
        hash,
      }),
    },
  );
}

interface Harness {
  chain: Chain;
  names: string[];
  backup: boolean;
  slashedSum: bigint;
  assigns: number;
  drawn: number;
}

function build(preset: string, maxProvers: number, actors: number): Harness {
  const names = Array.from({ length: actors }, (_, i) => `p${i}`);
  const balances: Record<string, Record<string, string>> = {};
  for (const n of names) balances[n] = { TKO: (100_000n * T).toString() };
  balances.poor = { TKO: '300000' };
  const chain = Chain.build({ mechanisms: { proverPool: { preset, maxProvers } } }, { time: t0, height: 1, balances }, { retainEvents: true });
  const backup = (chain.paramsOf('proverPool') as { backupWindowMultiplier: number }).backupWindowMultiplier > 0;
  return { chain, names, backup, slashedSum: 0n, assigns: 0, drawn: 0 };
}

const actor = (h: Harness, i: number | 'protocol') => (i === 'protocol' ? PROTOCOL : h.names[i]!);

/** The linear expectation of an assignment (§5.0 draw, steps 1–7), from queries and the keccak seed. */
function expectedDraw(h: Harness, blockId: number, fee: number) {
  const { chain } = h;
  const q = chain.query('proverPool.getProverWeights', { feePerGas: fee });
  assert.ok(q.ok);
  const { weights, erpg } = q.result as { weights: bigint[]; erpg: Array<number | bigint> };
  const owners = (chain.query('proverPool.getProvers').result as { stakers: string[] }).stakers;
  const total = weights.reduce((a, b) => a + b, 0n);
  if (total === 0n) return { slot: 0, prover: ZERO_ADDRESS, rpg: 0n, backup: ZERO_ADDRESS, backupRpg: 0n };
  const seed = drawSeed(chain.clock.parentHash(), BigInt(blockId));
  const slot = linearFind(weights, bytesToBigInt(seed) % total);
  const wi = weights[slot - 1]!;
  let backup: string = ZERO_ADDRESS;
  let backupRpg = 0n;
  if (h.backup && total - wi > 0n) {
    const others = weights.map((w, k) => (k === slot - 1 ? 0n : w));
    const j = linearFind(others, bytesToBigInt(keccak256(seed)) % (total - wi));
    assert.notEqual(j, slot);
    backup = owners[j - 1]!;
    backupRpg = BigInt(erpg[j - 1]!);
  }
  return { slot, prover: owners[slot - 1]!, rpg: BigInt(erpg[slot - 1]!), backup, backupRpg };
}

function capacityOf(h: Harness, slot: number): number {
  return (h.chain.query('proverPool.getProvers').result as { provers: Array<{ currentCapacity: number }> }).provers[slot - 1]!.currentCapacity;
}

function run(h: Harness, c: Cmd): Outcome {
  const { chain } = h;
  switch (c.k) {
    case 'stake':
      return chain.tx(actor(h, c.who), 'proverPool.stake', { amount: c.amount.toString(), rewardPerGas: c.rpg, maxCapacity: c.cap });
    case 'exit':
      return chain.tx(actor(h, c.who), 'proverPool.exit');
    case 'withdraw':
      return chain.tx(actor(h, c.who), 'proverPool.withdraw');
    case 'assign': {
      const want = c.by === 'protocol' ? expectedDraw(h, c.blockId, c.fee) : undefined;
      const capBefore = want && want.slot ? capacityOf(h, want.slot) : 0;
      const o = chain.tx(actor(h, c.by), 'proverPool.assignProver', { blockId: c.blockId, feePerGas: c.fee });
      if (want) {
        assert.ok(o.ok, `assignProver failed: ${o.error?.code} ${o.error?.message}`);
        const evs = o.events.filter((e) => e.name === 'ProverAssigned');
        assert.equal(evs.length, 1);
        const a = evs[0]!.args;
        // integers by value: the event may carry numbers or bigints (jsonInt)
        assert.deepEqual(
          { ...a, blockId: BigInt(a.blockId as number), rewardPerGas: BigInt(a.rewardPerGas as number), backupRewardPerGas: BigInt(a.backupRewardPerGas as number) },
          { blockId: BigInt(c.blockId), prover: want.prover, rewardPerGas: want.rpg, backupProver: want.backup, backupRewardPerGas: want.backupRpg },
        );
        const res = o.result as typeof a;
        assert.deepEqual([res.prover, BigInt(res.rewardPerGas as number), res.backupProver, BigInt(res.backupRewardPerGas as number)], [want.prover, want.rpg, want.backup, want.backupRpg]);
        h.assigns++;
        if (want.slot) {
          h.drawn++;
          assert.equal(capacityOf(h, want.slot), capBefore - 1, 'the drawn slot loses one unit of capacity');
        }
      }
      return o;
    }
    case 'release':
      return chain.tx(actor(h, c.by), 'proverPool.releaseProver', { addr: actor(h, c.who) });
    case 'slash':
      return chain.tx(actor(h, c.by), 'proverPool.slashProver', { blockId: c.blockId, addr: actor(h, c.who), proofReward: c.reward.toString() });
    case 'deposit':
      return chain.tx(actor(h, c.who), 'proverPool.depositTaikoToken', { amount: c.amount.toString() });
    case 'withdrawToken':
      return chain.tx(actor(h, c.who), 'proverPool.withdrawTaikoToken', { amount: c.amount.toString() });
    case 'advance':
      return chain.advance(c.hash ? { seconds: c.seconds, blocks: Math.max(1, c.blocks), blockHash: c.hash } : { seconds: c.seconds, blocks: c.blocks });
  }
}

const stats = new Map<string, number>();
function step(h: Harness, c: Cmd, check: boolean): void {
  const { chain } = h;
  const root = check ? chain.stateRoot() : undefined;
  const account = check ? chain.query('proverPool.economy').result : undefined;
  const n = chain.events.length;
  const o = run(h, c);
  if (!o.ok) {
    assert.ok(EXPECTED_CODES.has(o.error!.code), `${c.k} failed with ${o.error!.code}: ${o.error!.message}`);
    assert.ok(c.k !== 'advance', `advance failed: ${o.error!.message}`);
    assert.equal(chain.events.length, n, `failed ${c.k} left events`);
    assert.deepEqual(o.events, []);
    if (check) assert.equal(chain.stateRoot(), root, `failed ${c.k} (${o.error!.code}) changed the state root`);
    if (check) assert.deepEqual(chain.query('proverPool.economy').result, account, `failed ${c.k} (${o.error!.code}) changed the economic account`);
    if (c.k === 'assign' || c.k === 'release' || c.k === 'slash') {
      assert.equal(o.error!.code, c.by === 'protocol' ? 'INVALID_ARGUMENT' : 'UNAUTHORIZED');
    }
  } else if ((c.k === 'assign' || c.k === 'release' || c.k === 'slash') && c.by !== 'protocol') {
    assert.fail(`${c.k} by a non-protocol account succeeded`);
  }
  const key = `${c.k}:${o.ok ? 'ok' : o.error!.code}`;
  stats.set(key, (stats.get(key) ?? 0) + 1);
  for (const e of o.events) { const k2 = `ev:${e.name}`; stats.set(k2, (stats.get(k2) ?? 0) + 1); }
  for (const e of o.events) if (e.name === 'Slashed') h.slashedSum += e.args.amount as bigint;
  if (check) {
    assert.deepEqual(chain.invariants(), [], `after ${JSON.stringify(c, (_k, v) => (typeof v === 'bigint' ? `${v}` : v))}`);
    const totals = (chain.query('proverPool.getState').result as { totals: { slashed: bigint } }).totals;
    assert.equal(totals.slashed, h.slashedSum, 'totals.slashed = Σ Slashed.amount');
  }
}

function scenario(preset: string, maxProvers: number, actors: number, opts: { runs: number; steps: number; prefill: number }) {
  return () => {
    let assigns = 0;
    let drawn = 0;
    fc.assert(
      fc.property(fc.array(cmdArb(actors), { minLength: 1, maxLength: opts.steps, size: 'max' }), fc.integer(), (cmds, seed) => {
        const h = build(preset, maxProvers, actors);
        // Pre-fill (large pools): stakes with tied and random amounts, checked once at the end.
        let x = seed >>> 0;
        for (let i = 0; i < opts.prefill; i++) {
          x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
          const amount = x % 3 === 0 ? T : 320_000n + BigInt(x % 50_000) * 10_000n;
          const o = h.chain.tx(h.names[i % actors]!, 'proverPool.stake', { amount: amount.toString(), rewardPerGas: 1 + (x % 20), maxCapacity: 32 });
          assert.ok(o.ok || o.error!.code === 'PROVER_NOT_GOOD_ENOUGH', o.error?.message);
        }
        assert.deepEqual(h.chain.invariants(), []);
        for (const c of cmds) step(h, c, true);
        assigns += h.assigns;
        drawn += h.drawn;
      }),
      { numRuns: opts.runs },
    );
    assert.ok(drawn > 0 && assigns > drawn / 2, `the property exercised ${drawn} draws`);
    if (process.env.PP_STATS) console.error(preset, maxProvers, [...stats].sort().join(' '));
    stats.clear();
  };
}

describe('prover pool (pool part): model-based property', () => {
  it('taiko-a4, 32 slots, 40 actors (pool fills, evictions, ties)', scenario('taiko-a4', 32, 40, { runs: 50, steps: 80, prefill: 0 }));
  it('staking-proposal, 32 slots (backup draw)', scenario('staking-proposal', 32, 40, { runs: 50, steps: 80, prefill: 0 }));
  it('taiko-a4, 4 slots, 8 actors (crowded)', scenario('taiko-a4', 4, 8, { runs: 60, steps: 60, prefill: 0 }));
  it('taiko-a4, 200 slots, pre-filled', scenario('taiko-a4', 200, 240, { runs: 8, steps: 60, prefill: 260 }));
  it('staking-proposal, 2,000 slots, pre-filled', scenario('staking-proposal', 2_000, 2_100, { runs: 3, steps: 40, prefill: 2_100 }));
});

describe('prover pool: Fenwick draw = linear draw on random pools', () => {
  it('random pools, random parent hashes and block ids, both presets', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('taiko-a4', 'staking-proposal'),
        fc.integer({ min: 1, max: 300 }),
        fc.array(fc.record({ amount: fc.oneof(fc.constantFrom(320_000n, T), fc.bigInt({ min: 320_000n, max: 50_000n * T })), rpg: fc.integer({ min: 1, max: 40 }) }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.record({ blockId: fc.nat(), fee: fc.integer({ min: 1, max: 30 }), hash: fc.uint8Array({ minLength: 32, maxLength: 32 }), slashWho: fc.option(fc.nat(59)) }), { minLength: 1, maxLength: 25 }),
        (preset, maxProvers, stakers, draws) => {
          const h = build(preset, maxProvers, stakers.length);
          stakers.forEach((s, i) => h.chain.tx(h.names[i]!, 'proverPool.stake', { amount: s.amount.toString(), rewardPerGas: s.rpg, maxCapacity: 32 }));
          for (const d of draws) {
            assert.ok(h.chain.advance({ seconds: 12, blocks: 1, blockHash: `0x${Buffer.from(d.hash).toString('hex')}` as Hex }).ok);
            if (d.slashWho !== null) {
              // big slashes drive stakes to 0 (weight 1) and change the tree between draws
              step(h, { k: 'slash', by: 'protocol', who: d.slashWho % stakers.length, blockId: 1, reward: 1n << 62n }, false);
            }
            step(h, { k: 'assign', by: 'protocol', blockId: d.blockId, fee: d.fee }, false);
          }
          assert.deepEqual(h.chain.invariants(), []);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('a fixed pool: the draw for a known parent hash and block id', () => {
    const h = build('taiko-a4', 32, 3);
    for (const [i, amt, rpg] of [[0, 10n * T, 10], [1, 20n * T, 10], [2, 30n * T, 10]] as const) {
      assert.ok(h.chain.tx(h.names[i]!, 'proverPool.stake', { amount: amt.toString(), rewardPerGas: rpg, maxCapacity: 32 }).ok);
    }
    const w = (h.chain.query('proverPool.getProverWeights', { feePerGas: 10 }).result as { weights: bigint[] }).weights;
    assert.deepEqual(w.slice(0, 4), [10_000_000n, 20_000_000n, 30_000_000n, 0n]); // stake / 10 / 10
    const seed = drawSeed(h.chain.clock.parentHash(), 1n);
    const r = bytesToBigInt(seed) % 60_000_000n;
    const slot = r < 10_000_000n ? 1 : r < 30_000_000n ? 2 : 3;
    const o = h.chain.tx(PROTOCOL, 'proverPool.assignProver', { blockId: 1, feePerGas: 10 });
    assert.ok(o.ok);
    assert.equal((o.result as { prover: string }).prover, addressOf(h.names[slot - 1]!));
    assert.equal(BigInt((o.result as { rewardPerGas: number }).rewardPerGas), 10n);
  });
});
