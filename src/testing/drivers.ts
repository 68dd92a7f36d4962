import fc from 'fast-check';
import { Chain, type AdvanceSpec, type ChainConfig, type Outcome } from '../chain/chain.js';
import type { Hex } from '../kernel/index.js';

/**
 * Random-action drivers of the three mechanisms for the chain-level properties (restore,
 * incremental state root). A driver builds a chain in an interesting starting state, generates
 * actions (a mix that succeeds and fails, with clock and block advances so that block hooks and
 * time-driven work run) and applies one action through a `Session`, which records the outcome of
 * every call it makes: transactions, queries (an action may read state to pick its arguments)
 * and advances. Apart from those calls an action reads nothing, so two chains in one state given
 * one action make the same calls.
 */
export class Session {
  readonly outcomes: Outcome[] = [];
  /** What each outcome was: the call of a tx or query, or `advance`. */
  readonly calls: string[] = [];
  constructor(
    readonly chain: Chain,
    /** Called around every state-changing call (tx, advance): returns the after-check. */
    private readonly around?: (what: string) => (o: Outcome) => void,
  ) {}

  tx(from: string, call: string, args: unknown = {}): Outcome {
    const after = this.around?.(`tx ${call}`);
    const o = this.chain.tx(from, call, args);
    after?.(o);
    this.outcomes.push(o);
    this.calls.push(call);
    return o;
  }

  advance(spec: AdvanceSpec): Outcome {
    const after = this.around?.(`advance ${JSON.stringify(spec)}`);
    const o = this.chain.advance(spec);
    after?.(o);
    this.outcomes.push(o);
    this.calls.push('advance');
    return o;
  }

  query(call: string, args: unknown = {}): Outcome {
    const o = this.chain.query(call, args);
    this.outcomes.push(o);
    this.calls.push(call);
    return o;
  }

  /** A query's result, or undefined when it failed. */
  read<T>(call: string, args: unknown = {}): T | undefined {
    const o = this.query(call, args);
    return o.ok ? (o.result as T) : undefined;
  }
}

export interface Driver<C> {
  readonly label: string;
  readonly config: ChainConfig;
  build(): Chain;
  readonly cmd: fc.Arbitrary<C>;
  apply(s: Session, c: C): void;
  /** Names of interesting features of a chain's state, read through queries (for coverage checks). */
  probe(chain: Chain): string[];
}

function read<T>(chain: Chain, call: string, args: unknown = {}): T {
  const o = chain.query(call, args);
  if (!o.ok) throw new Error(`${call}: ${o.error!.message}`);
  return o.result as T;
}

export const show = (v: unknown): string => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));

/** For the queries a driver cannot do without (they answer in every state). */
const fail = (): never => {
  throw new Error('a query every state answers failed');
};

// ---------------------------------------------------------------------------------------------
// Prover pool: the pool part (stakes, exits, withdrawals, assignments, releases, slashes,
// deposits) and the block lifecycle (proposals, proofs in time, late, by others, by the oracle,
// verifications), 4 slots for 6 provers so the pool fills and evicts.
// ---------------------------------------------------------------------------------------------

const T = 100_000_000n;
const PP_ACTORS = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
const ORACLE = '0x0000000000000000000000000000000000000001';

export type PpCmd =
  | { k: 'stake'; who: number; amount: bigint; rpg: number; cap: number }
  | { k: 'exit'; who: number }
  | { k: 'withdraw'; who: number }
  | { k: 'assign'; protocol: boolean; blockId: number; fee: number }
  | { k: 'release'; who: number }
  | { k: 'slash'; who: number; blockId: number; reward: bigint }
  | { k: 'deposit'; who: number; amount: bigint }
  | { k: 'withdrawToken'; who: number; amount: bigint }
  | { k: 'propose' }
  | { k: 'prove'; back: number; who: 'assigned' | 'backup' | 'other' | 'oracle'; gas: number; altHash: boolean }
  | { k: 'verify'; max: number }
  | { k: 'advance'; seconds: number; blocks: number; hash: Hex | null };

const ppWho = fc.nat(PP_ACTORS.length - 1);
const ppCmd: fc.Arbitrary<PpCmd> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      k: fc.constant('stake' as const),
      who: ppWho,
      amount: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(320_000n, T, 1000n * T, 2000n * T) },
        { weight: 3, arbitrary: fc.bigInt({ min: 320_000n, max: 5000n * T }) },
        { weight: 1, arbitrary: fc.constantFrom(0n, 100n, 1_000_000n * T) },
      ),
      rpg: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 30 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 100_000) }),
      cap: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(32, 64) }, { weight: 1, arbitrary: fc.constantFrom(0, 31) }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('exit' as const), who: ppWho }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('withdraw' as const), who: ppWho }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('assign' as const), protocol: fc.boolean(), blockId: fc.nat(1_000_000), fee: fc.integer({ min: 0, max: 30 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('release' as const), who: ppWho }) },
  {
    weight: 2,
    arbitrary: fc.record({ k: fc.constant('slash' as const), who: ppWho, blockId: fc.nat(1000), reward: fc.oneof(fc.bigInt({ min: 0n, max: 100_000n }), fc.constant(1n << 62n)) }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('deposit' as const), who: ppWho, amount: fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 10n * T })) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('withdrawToken' as const), who: ppWho, amount: fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 10n * T })) }) },
  { weight: 5, arbitrary: fc.constant({ k: 'propose' as const }) },
  {
    weight: 5,
    arbitrary: fc.record({
      k: fc.constant('prove' as const),
      back: fc.nat(5),
      who: fc.constantFrom('assigned' as const, 'backup' as const, 'other' as const, 'oracle' as const),
      gas: fc.constantFrom(1, 1_000_000, 6_180_000, 6_180_001),
      altHash: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('verify' as const), max: fc.nat(4) }) },
  {
    weight: 5,
    arbitrary: fc.record({
      k: fc.constant('advance' as const),
      seconds: fc.constantFrom(0, 1, 12, 600, 1801, 5400, 7201, 14401, 86_401, 86_401, 604_801),
      blocks: fc.nat(2),
      hash: fc.option(
        fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => `0x${Buffer.from(b).toString('hex')}` as Hex),
        { freq: 3 },
      ),
    }),
  },
);

export function proverPoolDriver(preset: 'taiko-a4' | 'staking-proposal'): Driver<PpCmd> {
  // Exits mature after a day rather than a week, so that withdrawals are common.
  const config: ChainConfig = { mechanisms: { proverPool: { preset, maxProvers: 4, exitPeriod: 86_400 } } };
  return {
    label: `proverPool ${preset}`,
    config,
    cmd: ppCmd,
    build() {
      const balances: Record<string, Record<string, string>> = { paul: { TKO: `${1_000_000n * T}` } };
      for (const p of PP_ACTORS) balances[p] = { TKO: `${100_000n * T}` };
      const chain = Chain.build(config, { time: 1_700_000_000, height: 1, balances });
      for (let k = 0; k < 3; k++) {
        const o = chain.tx(PP_ACTORS[k]!, 'proverPool.stake', { amount: `${BigInt(k + 1) * 1000n * T}`, rewardPerGas: 5 + 3 * k, maxCapacity: 32 });
        if (!o.ok) throw new Error(`prover pool set-up: ${o.error!.message}`);
      }
      if (!chain.tx('paul', 'proverPool.depositTaikoToken', { amount: `${1_000_000n * T}` }).ok) throw new Error('prover pool set-up: deposit');
      return chain;
    },
    probe(chain) {
      const out: string[] = [];
      const st = read<{ numBlocks: number; lastVerifiedBlockId: number }>(chain, 'proverPool.getState');
      if (st.numBlocks - 1 > st.lastVerifiedBlockId) out.push('unverifiedBlocks');
      const stakers = PP_ACTORS.map((p) => read<{ staker: { exitAmount: bigint; proverId: number } }>(chain, 'proverPool.getStaker', { addr: p }).staker);
      if (stakers.some((x) => BigInt(x.exitAmount) > 0n)) out.push('exitPending');
      if (stakers.filter((x) => x.proverId !== 0).length === 4) out.push('poolFull');
      return out;
    },
    apply(s, c) {
      const P = 'proverPool.';
      const who = (i: number) => PP_ACTORS[i]!;
      switch (c.k) {
        case 'stake':
          s.tx(who(c.who), `${P}stake`, { amount: `${c.amount}`, rewardPerGas: c.rpg, maxCapacity: c.cap });
          return;
        case 'exit':
          s.tx(who(c.who), `${P}exit`);
          return;
        case 'withdraw':
          s.tx(who(c.who), `${P}withdraw`);
          return;
        case 'assign':
          s.tx(c.protocol ? 'protocol' : 'p0', `${P}assignProver`, { blockId: c.blockId, feePerGas: c.fee });
          return;
        case 'release':
          s.tx('protocol', `${P}releaseProver`, { addr: who(c.who) });
          return;
        case 'slash':
          s.tx('protocol', `${P}slashProver`, { blockId: c.blockId, addr: who(c.who), proofReward: `${c.reward}` });
          return;
        case 'deposit':
          s.tx(who(c.who), `${P}depositTaikoToken`, { amount: `${c.amount}` });
          return;
        case 'withdrawToken':
          s.tx(who(c.who), `${P}withdrawTaikoToken`, { amount: `${c.amount}` });
          return;
        case 'propose':
          s.tx('paul', `${P}proposeBlock`, {});
          return;
        case 'prove': {
          const st = s.read<{ numBlocks: number }>(`${P}getState`) ?? fail();
          const blockId = Math.max(1, st.numBlocks - 1 - c.back);
          const b = s.read<{ assignedProver?: string; backupProver?: string }>(`${P}getBlock`, { blockId }) ?? {};
          const args: Record<string, unknown> = { blockId, gasUsed: c.gas };
          if (c.altHash) args.blockHash = `0x${'ab'.repeat(32)}`;
          let from = 'outsider';
          if (c.who === 'oracle') {
            from = 'oracle';
            args.prover = ORACLE;
          } else if (c.who === 'assigned' && b.assignedProver) from = b.assignedProver;
          else if (c.who === 'backup' && b.backupProver) from = b.backupProver;
          s.tx(from, `${P}proveBlock`, args);
          return;
        }
        case 'verify':
          s.tx('anyone', `${P}verifyBlocks`, { maxBlocks: c.max });
          return;
        case 'advance':
          s.advance(c.hash ? { seconds: c.seconds, blocks: Math.max(1, c.blocks), blockHash: c.hash } : { seconds: c.seconds, blocks: c.blocks });
          return;
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Sequencer staking: registrations (whitelist, then register; delivered over the bridge after
// an advance), withdrawals, owner removals, claims, delegations, undelegations, redelegations,
// commissions, startReward, epochs (auto-recorded by advances), reward and commission claims,
// batches, challenges, proofs, verdicts, finalisation and reverts.
// ---------------------------------------------------------------------------------------------

const E = 10n ** 18n;
const SQ_INITIAL = ['p0', 'p1', 'p2', 'p3', 'p4'];
const SQ_NEW = ['n0', 'n1', 'n2'];
const SQ_DELEGATORS = ['d0', 'd1', 'd2', 'd3'];
const SQ_STAKERS = [...SQ_INITIAL, ...SQ_NEW];

export type SqCmd =
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
  | { t: 'transfer'; d: number; to: number; amount: number }
  | { t: 'commit'; s: number }
  | { t: 'challenge'; back: number }
  | { t: 'prove'; s: number; proof: boolean }
  | { t: 'resolve'; win: boolean }
  | { t: 'finalize' }
  | { t: 'revert' }
  | { t: 'claimChallengeReward'; s: number }
  | { t: 'moveStart'; days: number }
  | { t: 'clean'; s: number; target: number }
  | { t: 'advance'; seconds: number; blocks: number };

function sqCmd(batches: boolean, ownerResets: boolean): fc.Arbitrary<SqCmd> {
  const st = fc.nat(SQ_STAKERS.length - 1);
  const d = fc.nat(SQ_DELEGATORS.length - 1);
  const w = batches ? 1 : 0;
  const arms: Array<{ weight: number; arbitrary: fc.Arbitrary<SqCmd> }> = [
    { weight: 2, arbitrary: fc.record({ t: fc.constant('register' as const), who: fc.nat(SQ_NEW.length - 1) }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('withdraw' as const), who: st }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('remove' as const), who: st }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('claimWithdrawal' as const), who: st }) },
    {
      weight: 6,
      arbitrary: fc.record({ t: fc.constant('delegate' as const), d, s: st, amount: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 5 }) }, { weight: 1, arbitrary: fc.constant(0) }) }),
    },
    { weight: 3, arbitrary: fc.record({ t: fc.constant('undelegate' as const), d, s: st }) },
    { weight: 3, arbitrary: fc.record({ t: fc.constant('redelegate' as const), d, from: st, to: st }) },
    { weight: 3, arbitrary: fc.record({ t: fc.constant('claimUndelegation' as const), d }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('commission' as const), s: st, rate: fc.nat(22) }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('start' as const) }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('claimReward' as const), d, s: fc.nat(SQ_STAKERS.length), target: fc.nat(4) }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('claimCommission' as const), s: st }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('transfer' as const), d, to: d, amount: fc.integer({ min: 0, max: 200 }) }) },
    { weight: 2 * w, arbitrary: fc.record({ t: fc.constant('commit' as const), s: st }) },
    { weight: w, arbitrary: fc.record({ t: fc.constant('challenge' as const), back: fc.nat(2) }) },
    { weight: w, arbitrary: fc.record({ t: fc.constant('prove' as const), s: st, proof: fc.boolean() }) },
    { weight: w, arbitrary: fc.record({ t: fc.constant('resolve' as const), win: fc.boolean() }) },
    { weight: w, arbitrary: fc.record({ t: fc.constant('finalize' as const) }) },
    { weight: w, arbitrary: fc.record({ t: fc.constant('revert' as const) }) },
    { weight: w, arbitrary: fc.record({ t: fc.constant('claimChallengeReward' as const), s: fc.nat(SQ_STAKERS.length) }) },
    { weight: ownerResets ? 1 : 0, arbitrary: fc.record({ t: fc.constant('moveStart' as const), days: fc.integer({ min: 1, max: 4 }) }) },
    { weight: ownerResets ? 1 : 0, arbitrary: fc.record({ t: fc.constant('clean' as const), s: st, target: fc.nat(4) }) },
    {
      weight: 5,
      arbitrary: fc.record({
        t: fc.constant('advance' as const),
        seconds: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 40_000, max: 200_000 })),
        blocks: fc.integer({ min: 0, max: 3 }),
      }),
    },
  ];
  return fc.oneof(...arms.filter((a) => a.weight > 0));
}

interface RollupView {
  lastCommittedBatchIndex: number;
  lastFinalizedBatchIndex: number;
  batchChallenged: number;
  revertReqIndex: number;
}

const batchHash = (i: number): string => `0x${(i + 1).toString(16).padStart(64, '0')}`;

/**
 * `ownerResets` adds the owner's updateRewardStartTime and cleanDistributions, which write keys
 * in a map's insertion order (history): the change sets must still be canonical.
 */
export function sequencerDriver(preset: 'morph-v0.4' | 'morph-bls', options: { ownerResets?: boolean } = {}): Driver<SqCmd> {
  const config: ChainConfig = {
    mechanisms: {
      sequencerStaking: { preset, initialStakers: SQ_INITIAL, sequencerSetMaxSize: 3, undelegateLockEpochs: 2, autoRecord: true, challengers: ['challenger'] },
    },
  };
  // Batches under BLS cost an aggregate signature and a pairing each (~0.1 s): left out there.
  const batches = preset !== 'morph-bls';
  return {
    label: `sequencerStaking ${preset}`,
    config,
    cmd: sqCmd(batches, options.ownerResets ?? false),
    build() {
      const balances: Record<string, Record<string, string>> = { challenger: { ETH: `${20n * E}` } };
      for (const n of SQ_NEW) balances[n] = { ETH: `${2n * E}` };
      for (const d of SQ_DELEGATORS) balances[d] = { MORPH: `${100n * E}` };
      const chain = Chain.build(config, { time: 0, height: 1, balances });
      // Delegations to start from, so that undelegations and redelegations have something to move.
      SQ_DELEGATORS.forEach((d, i) => {
        for (const k of [i % 3, (i + 1) % 3]) {
          const o = chain.tx(d, 'sequencerStaking.delegateStake', { delegatee: SQ_INITIAL[k]!, amount: `${BigInt(5 + i + k) * E}` });
          if (!o.ok) throw new Error(`sequencer set-up: ${o.error!.message}`);
        }
      });
      return chain;
    },
    probe(chain) {
      const S = 'sequencerStaking.';
      const out: string[] = [];
      const undelegations = SQ_DELEGATORS.flatMap((d) => read<{ undelegations: Array<{ redelegateTo: string }> }>(chain, `${S}getUndelegations`, { delegator: d }).undelegations);
      if (undelegations.some((u) => u.redelegateTo !== '0x0000000000000000000000000000000000000000')) out.push('pendingRedelegation');
      if (undelegations.length > 0) out.push('undelegations');
      if (read<{ messages: unknown[] }>(chain, `${S}getBridgeQueue`).messages.length > 0) out.push('bridgeQueued');
      if (read<{ rewardStarted: boolean }>(chain, `${S}getL2Staking`).rewardStarted) out.push('rewardStarted');
      return out;
    },
    apply(s, c) {
      const S = 'sequencerStaking.';
      const rollup = () => s.read<RollupView>(`${S}getRollup`) ?? fail();
      switch (c.t) {
        case 'register': {
          const n = SQ_NEW[c.who]!;
          s.tx('owner', `${S}updateWhitelist`, { add: [n], remove: [] });
          s.tx(n, `${S}register`, { tmKey: `testkey:${n}`, blsKey: `testkey:${n}`, blsPop: `testkey:${n}`, value: `${E}` });
          return;
        }
        case 'withdraw':
          s.tx(SQ_STAKERS[c.who]!, `${S}withdraw`);
          return;
        case 'remove':
          s.tx('owner', `${S}removeStaker`, { stakers: [SQ_STAKERS[c.who]!] });
          return;
        case 'claimWithdrawal':
          s.tx(SQ_STAKERS[c.who]!, `${S}claimWithdrawal`, { receiver: SQ_STAKERS[c.who]! });
          return;
        case 'delegate':
          s.tx(SQ_DELEGATORS[c.d]!, `${S}delegateStake`, { delegatee: SQ_STAKERS[c.s]!, amount: `${BigInt(c.amount) * E}` });
          return;
        case 'undelegate':
          s.tx(SQ_DELEGATORS[c.d]!, `${S}undelegateStake`, { delegatee: SQ_STAKERS[c.s]! });
          return;
        case 'redelegate':
          s.tx(SQ_DELEGATORS[c.d]!, `${S}redelegateStake`, { from: SQ_STAKERS[c.from]!, to: SQ_STAKERS[c.to]! });
          return;
        case 'claimUndelegation':
          s.tx(SQ_DELEGATORS[c.d]!, `${S}claimUndelegation`);
          return;
        case 'commission':
          s.tx(SQ_STAKERS[c.s]!, `${S}setCommissionRate`, { commission: c.rate });
          return;
        case 'start':
          s.tx('owner', `${S}startReward`);
          return;
        case 'claimReward':
          s.tx(SQ_DELEGATORS[c.d]!, `${S}claimReward`, {
            delegatee: c.s === SQ_STAKERS.length ? '0x0000000000000000000000000000000000000000' : SQ_STAKERS[c.s]!,
            targetEpochIndex: c.target,
          });
          return;
        case 'claimCommission':
          s.tx(SQ_STAKERS[c.s]!, `${S}claimCommission`);
          return;
        case 'transfer':
          s.tx(SQ_DELEGATORS[c.d]!, `${S}transfer`, { to: SQ_DELEGATORS[c.to]!, amount: `${BigInt(c.amount) * E}` });
          return;
        case 'commit': {
          const i = rollup().lastCommittedBatchIndex + 1;
          s.tx(SQ_STAKERS[c.s]!, `${S}commitBatch`, { batchIndex: i, batchHash: batchHash(i) });
          return;
        }
        case 'challenge': {
          const i = Math.max(1, rollup().lastCommittedBatchIndex - c.back);
          s.tx('challenger', `${S}challengeState`, { batchIndex: i, batchHash: batchHash(i), value: `${E}` });
          return;
        }
        case 'prove': {
          const i = rollup().batchChallenged;
          s.tx(SQ_STAKERS[c.s]!, `${S}proveState`, { batchIndex: i, batchHash: batchHash(i), proof: c.proof ? '0x01' : '0x' });
          return;
        }
        case 'resolve':
          s.tx('verifier', `${S}resolveChallenge`, { batchIndex: rollup().batchChallenged, defenderWins: c.win });
          return;
        case 'finalize':
          s.tx('anyone', `${S}finalizeBatch`, { batchIndex: rollup().lastFinalizedBatchIndex + 1 });
          return;
        case 'revert': {
          const r = rollup();
          const i = r.revertReqIndex || r.lastCommittedBatchIndex;
          s.tx('owner', `${S}revertBatch`, { batchIndex: i, batchHash: batchHash(i), count: r.lastCommittedBatchIndex - i + 1 });
          return;
        }
        case 'claimChallengeReward': {
          const who = c.s === SQ_STAKERS.length ? 'challenger' : SQ_STAKERS[c.s]!;
          s.tx(who, `${S}claimChallengeReward`, { receiver: who });
          return;
        }
        case 'moveStart':
          s.tx('owner', `${S}updateRewardStartTime`, { rewardStartTime: c.days * 86_400 });
          return;
        case 'clean':
          s.tx('owner', `${S}cleanDistributions`, { delegatee: SQ_STAKERS[c.s]!, targetEpochIndex: c.target });
          return;
        case 'advance':
          s.advance({ seconds: c.seconds, blocks: c.blocks });
          return;
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Stake pool (phala-khala-v1, built-in computation model on, slashing on, a short budget decay
// interval): two pools, five workers, contributions, withdrawals through the queue, starts,
// stops, restarts, reclaims, worker removals and additions, re-registrations, gatekeeper
// reports, claims, commissions, forced withdrawals and computation blocks.
// ---------------------------------------------------------------------------------------------

const PHA = 10n ** 12n;
const SP_USERS = ['d0', 'd1', 'd2', 'd3', 'owner'];
/** Khala's minInitP is 50: P = 20 cannot start; level 9 has confidence 0 in the model. */
const SP_WORKERS = [
  { name: 'w1', p: 50, level: 1 },
  { name: 'w2', p: 100, level: 4 },
  { name: 'w3', p: 400, level: 5 },
  { name: 'w4', p: 60, level: 128 },
  { name: 'w5', p: 200, level: 9 },
];
const SP_P = [20, 50, 100, 400, 2000];
const SP_LEVELS = [1, 4, 5, 128, 9, 2];

export type SpCmd =
  | { k: 'contribute'; u: number; pid: number; amount: bigint }
  | { k: 'withdraw'; u: number; pid: number; permille: number; raw: bigint }
  | { k: 'start'; w: number; pid: number; stake: bigint }
  | { k: 'stop'; w: number; pid: number }
  | { k: 'restart'; w: number; pid: number; stake: bigint }
  | { k: 'reclaim'; w: number; pid: number }
  | { k: 'remove'; w: number; pid: number }
  | { k: 'add'; w: number; pid: number }
  | { k: 'register'; w: number; p: number; level: number }
  | { k: 'report'; offline: number[]; recovered: number[]; settlements: Array<{ w: number; v: number; permille: number; payout: bigint; treasury: bigint }> }
  | { k: 'claim'; u: number; pid: number; which: number }
  | { k: 'commission'; pid: number; c: number }
  | { k: 'force'; pid: number }
  | { k: 'create' }
  | { k: 'advance'; seconds: number; blocks: number };

const spPid = fc.nat(2);
const spW = fc.nat(SP_WORKERS.length - 1);
const spWList = fc.uniqueArray(spW, { maxLength: 3 });
const spAmount = fc.oneof(fc.bigInt(0n, 4000n * PHA), fc.bigInt(0n, 2n * 10n ** 10n), fc.constantFrom(100n * PHA, 1500n * PHA, 10n ** 10n));
const spStake = fc.oneof(fc.bigInt(90n * PHA, 2500n * PHA), fc.constantFrom(354n * PHA, 500n * PHA, 1415n * PHA));
const spCmd: fc.Arbitrary<SpCmd> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant('contribute' as const), u: fc.nat(4), pid: spPid, amount: spAmount }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('withdraw' as const), u: fc.nat(4), pid: spPid, permille: fc.integer({ min: 0, max: 1000 }), raw: fc.bigInt(0n, 2n * 10n ** 10n) }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('start' as const), w: spW, pid: spPid, stake: spStake }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('stop' as const), w: spW, pid: spPid }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('restart' as const), w: spW, pid: spPid, stake: spStake }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('reclaim' as const), w: spW, pid: spPid }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('remove' as const), w: spW, pid: spPid }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('add' as const), w: spW, pid: spPid }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('register' as const), w: spW, p: fc.nat(SP_P.length - 1), level: fc.nat(SP_LEVELS.length - 1) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('report' as const),
      offline: spWList,
      recovered: spWList,
      settlements: fc.oneof(
        { weight: 3, arbitrary: fc.constant<Array<{ w: number; v: number; permille: number; payout: bigint; treasury: bigint }>>([]) },
        {
          weight: 1,
          arbitrary: fc.array(
            fc.record({ w: spW, v: fc.nat(4), permille: fc.integer({ min: 0, max: 1200 }), payout: fc.bigInt(0n, 30n * PHA), treasury: fc.bigInt(0n, PHA) }),
            { maxLength: 2 },
          ),
        },
      ),
    }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('claim' as const), u: fc.nat(4), pid: spPid, which: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('commission' as const), pid: spPid, c: fc.integer({ min: 0, max: 1_000_000 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('force' as const), pid: spPid }) },
  { weight: 1, arbitrary: fc.constant({ k: 'create' as const }) },
  {
    weight: 7,
    arbitrary: fc.record({
      k: fc.constant('advance' as const),
      seconds: fc.constantFrom(0, 6, 12, 3600, 86_400, 302_400, 604_800, 604_801),
      blocks: fc.integer({ min: 0, max: 3 }),
    }),
  },
);

interface SpWorkerView {
  pid: number | null;
  miner: string | null;
}

export function stakePoolDriver(): Driver<SpCmd> {
  const config: ChainConfig = {
    mechanisms: { stakePool: { preset: 'phala-khala-v1', slashEnabled: true, computation: { enabled: true, halvingInterval: 7 } } },
  };
  return {
    label: 'stakePool phala-khala-v1 (computation on, slashing on)',
    config,
    cmd: spCmd,
    build() {
      const balances: Record<string, Record<string, string>> = { subsidy: { PHA: `${1_000_000n * PHA}` } };
      for (const u of SP_USERS) balances[u] = { PHA: `${12_000n * PHA + 777n}` };
      const chain = Chain.build(config, {
        time: 0,
        height: 5,
        balances,
        stakePool: { workers: SP_WORKERS.map((w) => ({ worker: w.name, operator: 'owner', initialScore: w.p, confidenceLevel: w.level })) },
      });
      const ok = (o: Outcome) => {
        if (!o.ok) throw new Error(`stake pool set-up: ${o.error!.message}`);
      };
      ok(chain.tx('owner', 'stakePool.create'));
      ok(chain.tx('owner', 'stakePool.create'));
      for (const i of [4, 2, 0, 3, 1]) ok(chain.tx('owner', 'stakePool.addWorker', { pid: i % 2, worker: SP_WORKERS[i]!.name }));
      for (const [j, u] of SP_USERS.slice(0, 4).entries()) ok(chain.tx(u, 'stakePool.contribute', { pid: j % 2, amount: 2500n * PHA }));
      ok(chain.tx('owner', 'stakePool.startComputing', { pid: 0, worker: 'w1', stake: 1500n * PHA }));
      ok(chain.tx('owner', 'stakePool.startComputing', { pid: 1, worker: 'w2', stake: 1500n * PHA }));
      ok(chain.tx('owner', 'stakePool.startComputing', { pid: 0, worker: 'w5', stake: 1500n * PHA }));
      ok(chain.tx('owner', 'stakePool.startComputing', { pid: 1, worker: 'w4', stake: 1500n * PHA }));
      return chain;
    },
    probe(chain) {
      const S = 'stakePool.';
      const out: string[] = [];
      const { poolCount } = read<{ poolCount: number }>(chain, `${S}getStats`);
      for (let pid = 0; pid < poolCount; pid++) {
        if (read<{ queue: unknown[] }>(chain, `${S}withdrawQueue`, { pid }).queue.length > 0) out.push('withdrawQueue');
        for (const w of SP_WORKERS) {
          const q = chain.query(`${S}getMiner`, { pid, worker: w.name });
          if (q.ok) out.push(`miner:${(q.result as { miner: { state: string } }).miner.state}`);
        }
      }
      return out;
    },
    apply(s, c) {
      const S = 'stakePool.';
      const wName = (i: number) => SP_WORKERS[i]!.name;
      const worker = (i: number) => s.read<{ worker: SpWorkerView }>(`${S}getWorker`, { worker: wName(i) })?.worker;
      const pidFor = (w: number, pid: number) => worker(w)?.pid ?? pid;
      switch (c.k) {
        case 'contribute':
          s.tx(SP_USERS[c.u]!, `${S}contribute`, { pid: c.pid, amount: c.amount });
          return;
        case 'withdraw': {
          const r = s.read<{ stake: { shares: bigint } }>(`${S}getUserStake`, { pid: c.pid, user: SP_USERS[c.u] });
          const shares = r?.stake.shares ?? 0n;
          s.tx(SP_USERS[c.u]!, `${S}withdraw`, { pid: c.pid, shares: c.permille === 0 ? c.raw : (shares * BigInt(c.permille)) / 1000n });
          return;
        }
        case 'start':
          s.tx('owner', `${S}startComputing`, { pid: pidFor(c.w, c.pid), worker: wName(c.w), stake: c.stake });
          return;
        case 'stop':
          s.tx('owner', `${S}stopComputing`, { pid: pidFor(c.w, c.pid), worker: wName(c.w) });
          return;
        case 'restart':
          s.tx('owner', `${S}restartComputing`, { pid: pidFor(c.w, c.pid), worker: wName(c.w), stake: c.stake });
          return;
        case 'reclaim':
          s.tx('d0', `${S}reclaimWorker`, { pid: pidFor(c.w, c.pid), worker: wName(c.w) });
          return;
        case 'remove':
          s.tx('owner', `${S}removeWorker`, { pid: pidFor(c.w, c.pid), worker: wName(c.w) });
          return;
        case 'add':
          s.tx('owner', `${S}addWorker`, { pid: c.pid, worker: wName(c.w) });
          return;
        case 'register':
          s.tx('registry', `${S}registerWorker`, { worker: wName(c.w), operator: 'owner', initialScore: SP_P[c.p], confidenceLevel: SP_LEVELS[c.level] });
          return;
        case 'report': {
          const tok = s.read<{ vMax: bigint }>(`${S}getTokenomic`) ?? fail();
          const settlements = c.settlements.map((x) => {
            const w = worker(x.w);
            const ve = w?.miner ? (s.read<{ miner: { ve: bigint } }>(`${S}getMiner`, { pid: w.pid, worker: wName(x.w) })?.miner.ve ?? 0n) : 0n;
            const v = [undefined, (ve * BigInt(x.permille)) / 1000n, tok.vMax, tok.vMax - 1n, 0n][x.v];
            return { worker: wName(x.w), ...(v === undefined ? {} : { v: `${v}` }), payout: `${(x.payout << 64n) / PHA}`, treasury: `${(x.treasury << 64n) / PHA}` };
          });
          s.tx('gatekeeper', `${S}settle`, { settlements, offline: c.offline.map(wName), recoveredToOnline: c.recovered.map(wName) });
          return;
        }
        case 'claim':
          s.tx(SP_USERS[c.u]!, [`${S}claimRewards`, `${S}claimOwnerRewards`, `${S}claimStakerRewards`][c.which]!, { pid: c.pid });
          return;
        case 'commission':
          s.tx('owner', `${S}setCommission`, { pid: c.pid, commission: c.c });
          return;
        case 'force':
          s.tx('d1', `${S}checkAndMaybeForceWithdraw`, { pid: c.pid });
          return;
        case 'create':
          s.tx('d2', `${S}create`);
          return;
        case 'advance':
          s.advance({ seconds: c.seconds, blocks: c.blocks });
          return;
      }
    },
  };
}
