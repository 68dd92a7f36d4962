import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Chain } from '../../chain/chain.js';

/**
 * Random histories through the Chain API (spec 12): registrations, withdrawals, owner removals,
 * claims, delegations, undelegations, redelegations, startReward and clock advances. After every
 * step the invariants hold; a failed action leaves the state root unchanged; and passing time in
 * one advance or in two gives the same root (invariant 10).
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
  return Chain.build(
    { mechanisms: { sequencerStaking: { preset: 'morph-v0.4', initialStakers: initial, sequencerSetMaxSize: 3, undelegateLockEpochs: 2 } } },
    { time: 0, height: 1, balances },
  );
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
    case 'advance':
      if (split && c.seconds > 1) {
        const half = Math.floor(c.seconds / 2);
        chain.advance({ seconds: half });
        return chain.advance({ seconds: c.seconds - half, blocks: c.blocks });
      }
      return chain.advance({ seconds: c.seconds, blocks: c.blocks });
  }
}

describe('sequencerStaking property: random histories through the Chain API', () => {
  it('invariants hold, failures change nothing, sync is independent of how time passes', () => {
    fc.assert(
      fc.property(fc.array(cmd, { minLength: 5, maxLength: 40 }), (cmds) => {
        const a = build();
        const b = build();
        for (const c of cmds) {
          const before = a.stateRoot();
          const out = apply(a, c, false);
          if (!out.ok && c.t !== 'register') assert.equal(a.stateRoot(), before, `failed ${c.t} changed the state root`);
          assert.deepEqual(a.invariants(), [], `after ${JSON.stringify(c)}`);
          apply(b, c, true);
        }
        assert.equal(b.stateRoot(), a.stateRoot(), 'splitting advances changed the state root');
        assert.deepEqual(b.invariants(), []);
      }),
      { numRuns: 60 },
    );
  });
});
