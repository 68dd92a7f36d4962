import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Chain } from '../../chain/chain.js';

/**
 * Random histories through the Chain API (spec 12): registrations, withdrawals, owner removals,
 * claims, delegations, undelegations, redelegations, startReward, clock advances over epochs
 * (recorded by the built-in recorder), reward and commission claims, batches, challenges, proofs,
 * verdicts, finalisation and reverts, owner burns and sweeps of slashed ETH. After every step the
 * invariants hold (the economic account's identities among them); a failed action leaves the
 * state root and the economic account (MORPH and ETH) unchanged; and passing time in one advance
 * or in two gives the same root (invariant 10).
 */
const E = 10n ** 18n;
const initial = ['p0', 'p1', 'p2', 'p3', 'p4'];
const newcomers = ['n0', 'n1', 'n2'];
const delegators = ['d0', 'd1', 'd2', 'd3'];
const stakers = [...initial, ...newcomers];

type Cmd =
  | { t: 'register'; who: number }
  | { t: 'withdraw'; who: number }
  | { t: 'remove'; who: number }
  | { t: 'claimWithdrawal'; who: number }
  | { t: 'delegate'; d: number; s: number; amount: number }
  | { t: 'undelegate'; d: number; s: number }
  | { t: 'redelegate'; d: number; from: number; to: number }
  | { t: 'claimUndelegation'; d: number }
  | { t: 'commission'; s: number; rate: number }
  | { t: 'start' }
  | { t: 'claimReward'; d: number; s: number; target: number }
  | { t: 'claimCommission'; s: number }
  | { t: 'commit'; s: number }
  | { t: 'challenge'; back: number }
  | { t: 'prove'; s: number; proof: boolean }
  | { t: 'resolve'; win: boolean }
  | { t: 'finalize' }
  | { t: 'revert' }
  | { t: 'claimChallengeReward'; s: number }
  | { t: 'challengeWin'; s: number }
  | { t: 'burn'; amount: bigint }
  | { t: 'claimSlashRemaining' }
  | { t: 'advance'; seconds: number; blocks: number };

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ t: fc.constant('register' as const), who: fc.nat(newcomers.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('withdraw' as const), who: fc.nat(stakers.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('remove' as const), who: fc.nat(stakers.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('claimWithdrawal' as const), who: fc.nat(stakers.length - 1) }) },
  { weight: 5, arbitrary: fc.record({ t: fc.constant('delegate' as const), d: fc.nat(3), s: fc.nat(stakers.length - 1), amount: fc.integer({ min: 0, max: 5 }) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('undelegate' as const), d: fc.nat(3), s: fc.nat(stakers.length - 1) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('redelegate' as const), d: fc.nat(3), from: fc.nat(stakers.length - 1), to: fc.nat(stakers.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('claimUndelegation' as const), d: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('commission' as const), s: fc.nat(stakers.length - 1), rate: fc.nat(22) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('start' as const) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('claimReward' as const), d: fc.nat(3), s: fc.nat(stakers.length), target: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('claimCommission' as const), s: fc.nat(stakers.length - 1) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('commit' as const), s: fc.nat(stakers.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('challenge' as const), back: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('prove' as const), s: fc.nat(stakers.length - 1), proof: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('resolve' as const), win: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('finalize' as const) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('revert' as const) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('claimChallengeReward' as const), s: fc.nat(stakers.length) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('challengeWin' as const), s: fc.nat(stakers.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('burn' as const), amount: fc.constantFrom(0n, 1n, 3n * E, 10n ** 40n) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('claimSlashRemaining' as const) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('advance' as const),
      seconds: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 40_000, max: 200_000 })),
      blocks: fc.integer({ min: 0, max: 3 }),
    }),
  },
);

function build(): Chain {
  const balances: Record<string, Record<string, string>> = {};
  for (const n of newcomers) balances[n] = { ETH: `${2n * E}` };
  for (const d of delegators) balances[d] = { MORPH: `${100n * E}` };
  balances['challenger'] = { ETH: `${20n * E}` };
  return Chain.build(
    { mechanisms: { sequencerStaking: { preset: 'morph-v0.4', initialStakers: initial, sequencerSetMaxSize: 3, undelegateLockEpochs: 2, autoRecord: true, challengers: ['challenger'] } } },
    { time: 0, height: 1, balances },
  );
}

const hashOf = (i: number): string => `0x${(i + 1).toString(16).padStart(64, '0')}`;
function rollup(chain: Chain): { lastCommittedBatchIndex: number; lastFinalizedBatchIndex: number; batchChallenged: number; revertReqIndex: number } {
  return chain.query('sequencerStaking.getRollup').result as never;
}

function apply(chain: Chain, c: Cmd, split: boolean): { ok: boolean } {
  const S = 'sequencerStaking.';
  switch (c.t) {
    case 'register': {
      const n = newcomers[c.who]!;
      chain.tx('owner', `${S}updateWhitelist`, { add: [n], remove: [] });
      return chain.tx(n, `${S}register`, { tmKey: `testkey:${n}`, blsKey: `testkey:${n}`, blsPop: `testkey:${n}`, value: `${E}` });
    }
    case 'withdraw':
      return chain.tx(stakers[c.who]!, `${S}withdraw`);
    case 'remove':
      return chain.tx('owner', `${S}removeStaker`, { stakers: [stakers[c.who]!] });
    case 'claimWithdrawal':
      return chain.tx(stakers[c.who]!, `${S}claimWithdrawal`, { receiver: stakers[c.who]! });
    case 'delegate':
      return chain.tx(delegators[c.d]!, `${S}delegateStake`, { delegatee: stakers[c.s]!, amount: `${BigInt(c.amount) * E}` });
    case 'undelegate':
      return chain.tx(delegators[c.d]!, `${S}undelegateStake`, { delegatee: stakers[c.s]! });
    case 'redelegate':
      return chain.tx(delegators[c.d]!, `${S}redelegateStake`, { from: stakers[c.from]!, to: stakers[c.to]! });
    case 'claimUndelegation':
      return chain.tx(delegators[c.d]!, `${S}claimUndelegation`);
    case 'commission':
      return chain.tx(stakers[c.s]!, `${S}setCommissionRate`, { commission: c.rate });
    case 'start':
      return chain.tx('owner', `${S}startReward`);
    case 'claimReward':
      return chain.tx(delegators[c.d]!, `${S}claimReward`, { delegatee: c.s === stakers.length ? '0x0000000000000000000000000000000000000000' : stakers[c.s]!, targetEpochIndex: c.target });
    case 'claimCommission':
      return chain.tx(stakers[c.s]!, `${S}claimCommission`);
    case 'commit': {
      const i = rollup(chain).lastCommittedBatchIndex + 1;
      return chain.tx(stakers[c.s]!, `${S}commitBatch`, { batchIndex: i, batchHash: hashOf(i) });
    }
    case 'challenge': {
      const i = Math.max(1, rollup(chain).lastCommittedBatchIndex - c.back);
      return chain.tx('challenger', `${S}challengeState`, { batchIndex: i, batchHash: hashOf(i), value: `${E}` });
    }
    case 'prove': {
      const i = rollup(chain).batchChallenged;
      return chain.tx(stakers[c.s]!, `${S}proveState`, { batchIndex: i, batchHash: hashOf(i), proof: c.proof ? '0x01' : '0x' });
    }
    case 'resolve':
      return chain.tx('verifier', `${S}resolveChallenge`, { batchIndex: rollup(chain).batchChallenged, defenderWins: c.win });
    case 'finalize':
      return chain.tx('anyone', `${S}finalizeBatch`, { batchIndex: rollup(chain).lastFinalizedBatchIndex + 1 });
    case 'revert': {
      const r = rollup(chain);
      const i = r.revertReqIndex || r.lastCommittedBatchIndex;
      return chain.tx('owner', `${S}revertBatch`, { batchIndex: i, batchHash: hashOf(i), count: r.lastCommittedBatchIndex - i + 1 });
    }
    case 'claimChallengeReward': {
      const who = c.s === stakers.length ? 'challenger' : stakers[c.s]!;
      return chain.tx(who, `${S}claimChallengeReward`, { receiver: who });
    }
    case 'challengeWin': {
      // A commit, a challenge in its window, the proof window passes, an active staker times it out: a slash.
      const i = rollup(chain).lastCommittedBatchIndex + 1;
      chain.tx(stakers[c.s]!, `${S}commitBatch`, { batchIndex: i, batchHash: hashOf(i) });
      chain.tx('challenger', `${S}challengeState`, { batchIndex: i, batchHash: hashOf(i), value: `${E}` });
      chain.advance({ seconds: 101, blocks: 1 });
      const prover = stakers.find((s) => s !== stakers[c.s]) ?? stakers[0]!;
      return chain.tx(prover, `${S}proveState`, { batchIndex: i, batchHash: hashOf(i), proof: '0x' });
    }
    case 'burn':
      return chain.tx('owner', `${S}burn`, { amount: `${c.amount}` });
    case 'claimSlashRemaining':
      return chain.tx('owner', `${S}claimSlashRemaining`, { receiver: 'owner' });
    case 'advance':
      if (split && c.seconds > 1) {
        const half = Math.floor(c.seconds / 2);
        chain.advance({ seconds: half });
        return chain.advance({ seconds: c.seconds - half, blocks: c.blocks });
      }
      return chain.advance({ seconds: c.seconds, blocks: c.blocks });
  }
}

const accounts = (chain: Chain) => ({ MORPH: chain.query('sequencerStaking.economy').result, ETH: chain.query('sequencerStaking.economy', { asset: 'ETH' }).result });

describe('sequencerStaking property: random histories through the Chain API', () => {
  it('checks the economic account among the invariants of every step', () => {
    assert.ok(build().invariantChecks().some((i) => i.owner === 'sequencerStaking' && i.name === 'economyIdentity' && i.tier === 'cheap'));
  });

  it('invariants hold, failures change nothing, sync is independent of how time passes', () => {
    // Account fields some run moved: guards against a vacuous property.
    const moved = new Set<string>();
    fc.assert(
      fc.property(fc.array(cmd, { minLength: 5, maxLength: 40, size: 'max' }), (cmds) => {
        const a = build();
        const b = build();
        for (const c of cmds) {
          const before = a.stateRoot();
          const account = accounts(a);
          const out = apply(a, c, false);
          // register and challengeWin are several transactions: only the last may have failed.
          if (!out.ok && c.t !== 'register' && c.t !== 'challengeWin') {
            assert.equal(a.stateRoot(), before, `failed ${c.t} changed the state root`);
            assert.deepEqual(accounts(a), account, `failed ${c.t} changed the economic account`);
          }
          assert.deepEqual(a.invariants(), [], `after ${JSON.stringify(c, (_k, v) => (typeof v === 'bigint' ? `${v}` : v))}`);
          apply(b, c, true);
        }
        assert.equal(b.stateRoot(), a.stateRoot(), 'splitting advances changed the state root');
        assert.deepEqual(b.invariants(), []);
        for (const [asset, acc] of Object.entries(accounts(a))) {
          for (const [k, v] of Object.entries(acc ?? {})) if (k !== 'asset' && k !== 'supply' && v !== '0') moved.add(`${asset}.${k}`);
        }
      }),
      { numRuns: 60 },
    );
    for (const f of ['MORPH.issued', 'MORPH.burned', 'MORPH.rewardsToStakers', 'MORPH.staked', 'ETH.staked', 'ETH.slashed']) assert.ok(moved.has(f), `no run moved ${f}: ${[...moved].join(', ')}`);
  });
});
