import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Chain } from '../../chain/chain.js';
import { addressOf } from '../../kernel/index.js';

/**
 * The block lifecycle property: random proposals, proofs (in time, late, by others, by the
 * backup, by the oracle), verifications and clock advances, under both presets. After every step every
 * invariant holds (§7, including the TKO identity and Fenwick = linear, and the economic account's
 * identities), a failed transaction leaves the state root and the economic account unchanged, and
 * capacity never drops below maxCapacity minus the prover's unreleased unverified blocks.
 */
const ORACLE = '0x0000000000000000000000000000000000000001';
const provers = ['p1', 'p2', 'p3', 'p4'];

type Op =
  | { kind: 'propose' }
  | { kind: 'prove'; back: number; who: 'assigned' | 'backup' | 'other' | 'oracle'; gas: number; altHash: boolean }
  | { kind: 'advance'; seconds: number; blocks: number }
  | { kind: 'verify'; max: number }
  | { kind: 'restake'; who: number; rpg: number }
  | { kind: 'exit'; who: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'propose' as const }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('prove' as const),
      back: fc.nat(5),
      who: fc.constantFrom('assigned' as const, 'backup' as const, 'other' as const, 'oracle' as const),
      gas: fc.constantFrom(1, 1_000_000, 6_180_000, 6_180_001),
      altHash: fc.boolean(),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('advance' as const), seconds: fc.constantFrom(0, 1, 600, 1801, 5400, 7201, 14401), blocks: fc.nat(2) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('verify' as const), max: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restake' as const), who: fc.nat(3), rpg: fc.integer({ min: 1, max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('exit' as const), who: fc.nat(3) }) },
);

function build(preset: string): Chain {
  const balances: Record<string, Record<string, string>> = { paul: { TKO: '100000000000000' } };
  for (const p of provers) balances[p] = { TKO: '10000000000000' };
  const chain = Chain.build({ mechanisms: { proverPool: { preset } } }, { time: 1_700_000_000, height: 1, balances });
  provers.forEach((p, k) => assert.ok(chain.tx(p, 'proverPool.stake', { amount: `${(k + 1) * 100_000_000_000}`, rewardPerGas: 5 + 3 * k, maxCapacity: 32 }).ok));
  assert.ok(chain.tx('paul', 'proverPool.depositTaikoToken', { amount: '100000000000000' }).ok);
  return chain;
}

/** Event names seen across runs: guards against a vacuous property (nothing ever verified or slashed). */
const seen = new Map<string, number>();

function apply(chain: Chain, o: Op): void {
  const before = chain.stateRoot();
  const accountBefore = chain.query('proverPool.economy').result;
  let out;
  const state = chain.query('proverPool.getState').result as { numBlocks: number; lastVerifiedBlockId: number };
  switch (o.kind) {
    case 'propose':
      out = chain.tx('paul', 'proverPool.proposeBlock', {});
      break;
    case 'prove': {
      const blockId = Math.max(1, state.numBlocks - 1 - o.back);
      const blk = chain.query('proverPool.getBlock', { blockId });
      const b = (blk.ok ? blk.result : {}) as { assignedProver?: string; backupProver?: string };
      const args: Record<string, unknown> = { blockId, gasUsed: o.gas };
      if (o.altHash) args.blockHash = `0x${'ab'.repeat(32)}`;
      let from = 'p1';
      if (o.who === 'oracle') {
        from = 'oracle';
        args.prover = ORACLE;
      } else if (o.who === 'assigned' && b.assignedProver) from = b.assignedProver;
      else if (o.who === 'backup' && b.backupProver) from = b.backupProver;
      else from = 'outsider';
      out = chain.tx(from, 'proverPool.proveBlock', args);
      break;
    }
    case 'advance':
      out = chain.advance({ seconds: o.seconds, blocks: o.blocks });
      break;
    case 'verify':
      out = chain.tx('anyone', 'proverPool.verifyBlocks', { maxBlocks: o.max });
      break;
    case 'restake':
      out = chain.tx(provers[o.who]!, 'proverPool.stake', { amount: '500000000000', rewardPerGas: o.rpg, maxCapacity: 32 });
      break;
    case 'exit':
      out = chain.tx(provers[o.who]!, 'proverPool.exit', {});
      break;
  }
  for (const e of out.events) seen.set(e.name, (seen.get(e.name) ?? 0) + 1);
  if (!out.ok) {
    seen.set(out.error!.code, (seen.get(out.error!.code) ?? 0) + 1);
    assert.notEqual(out.error!.code, 'INTERNAL_ERROR', out.error!.message);
    assert.equal(chain.stateRoot(), before, `failed ${o.kind} (${out.error!.code}) changed the state root`);
    assert.deepEqual(chain.query('proverPool.economy').result, accountBefore, `failed ${o.kind} (${out.error!.code}) changed the economic account`);
  }
  assert.deepEqual(chain.invariants(), [], `after ${JSON.stringify(o)}`);
  checkCapacityFloor(chain);
}

/** §7.2: currentCapacity ≥ maxCapacity − unverified blocks assigned to the owner and not released. */
function checkCapacityFloor(chain: Chain): void {
  const s = chain.query('proverPool.getState').result as { numBlocks: number; lastVerifiedBlockId: number };
  const outstanding = new Map<string, number>();
  for (let id = s.lastVerifiedBlockId + 1; id < s.numBlocks; id++) {
    const b = chain.query('proverPool.getBlock', { blockId: id }).result as { assignedProver: string; proverReleased: boolean };
    if (!b.proverReleased) outstanding.set(b.assignedProver, (outstanding.get(b.assignedProver) ?? 0) + 1);
  }
  for (const p of provers) {
    const r = chain.query('proverPool.getStaker', { addr: p }).result as { staker: { maxCapacity: number; proverId: number }; prover: { currentCapacity: number } };
    if (r.staker.proverId === 0) continue;
    const floor = r.staker.maxCapacity - (outstanding.get(addressOf(p)) ?? 0);
    assert.ok(r.prover.currentCapacity >= floor, `${p}: capacity ${r.prover.currentCapacity} below ${floor}`);
  }
}

for (const preset of ['taiko-a4', 'staking-proposal']) {
  describe(`prover pool lifecycle properties (${preset})`, () => {
    it('checks the economic account among the invariants of every step', () => {
      const names = build(preset).invariantChecks().map((i) => `${i.owner}.${i.name}:${i.tier}`);
      for (const n of ['proverPool.economyLedger:cheap', 'proverPool.economyIdentity:full', 'proverPool.tokenIdentity:full']) assert.ok(names.includes(n), n);
    });

    it('invariants hold and failures change nothing over random lifecycles', () => {
      fc.assert(
        fc.property(fc.array(op, { minLength: 5, maxLength: 60 }), (ops) => {
          const chain = build(preset);
          for (const o of ops) apply(chain, o);
        }),
        { numRuns: 60, seed: preset === 'taiko-a4' ? 20261121 : 11212026 },
      );
      for (const name of ['BlockProposed', 'BlockProven', 'BlockVerified', 'Slashed', 'CrossChainSynced', 'L1_NOT_PROVEABLE', 'L1_ALREADY_PROVEN', 'L1_INVALID_EVIDENCE']) {
        assert.ok((seen.get(name) ?? 0) > 0, `the random runs never produced ${name}: ${JSON.stringify([...seen])}`);
      }
    });

    it('two chains replaying the same steps end with the same state root', () => {
      fc.assert(
        fc.property(fc.array(op, { minLength: 5, maxLength: 40 }), (ops) => {
          const a = build(preset);
          const b = build(preset);
          for (const o of ops) {
            apply(a, o);
            apply(b, o);
          }
          assert.equal(a.stateRoot(), b.stateRoot());
        }),
        { numRuns: 10 },
      );
    });
  });
}
