import type { SequencerStakingErrorCode } from './errors.js';
import { ZERO_ADDRESS, type Address, type Hex, type JCell, type JList, type JMap, type Key, type MechanismContext, type Scope } from '../../kernel/index.js';
import { SLOT_COUNT, type SequencerStakingParams } from './params.js';
import { RankIndex } from './rankIndex.js';
import { ZERO_TOTALS, type AccountTotals } from '../../economy/account.js';

/** economy §2, MORPH: the account's totals, plus what Distribute has paid out of its escrow (bookkeeping). */
export interface MorphTotals extends AccountTotals {
  readonly paidOut: bigint;
}

/** economy §2, ETH: the account's totals, plus where slashed ETH went (challengers, the owner's sweeps). */
export interface EthTotals extends AccountTotals {
  readonly slashedToChallengers: bigint;
  readonly slashRemainingClaimed: bigint;
}

/** Registration data (L1 `stakers{addr}`, mirrored on L2). */
export interface StakerInfo {
  readonly tmKey: Hex;
  readonly blsKey: Hex;
}

export type MessageKind = 'addStaker' | 'removeStakers';
export interface BridgeMessage {
  readonly seq: number;
  readonly kind: MessageKind;
  readonly payload: { readonly addr: Address; readonly tmKey: Hex; readonly blsKey: Hex } | { readonly stakers: readonly Address[] };
  readonly sentAt: number;
  readonly deliverAt: number;
}

export interface Undelegation {
  readonly delegatee: Address;
  readonly amount: bigint;
  readonly unlockEpoch: number;
  readonly redelegateTo: Address; // zero for a plain undelegation
  readonly seq: number;
}

export interface SequencerSets {
  readonly blockHeight0: number;
  readonly sequencerSet0: readonly Address[];
  readonly blockHeight1: number;
  readonly sequencerSet1: readonly Address[];
  readonly blockHeight2: number;
  readonly sequencerSet2: readonly Address[];
  readonly updateTime: number;
}

export interface EpochBlocks {
  readonly sequencer: Address;
  readonly blocks: bigint;
}

export interface RewardEpochInfo {
  readonly index: number;
  readonly blockCount: bigint;
  readonly sequencers: readonly Address[];
  readonly sequencerBlocks: readonly bigint[];
  readonly sequencerRatios: readonly bigint[];
  readonly sequencerCommissions: readonly bigint[];
}

export interface BatchData {
  readonly originTimestamp: number;
  readonly finalizeTimestamp: number;
  readonly signedSequencersBitmap: bigint;
  readonly submitter: Address;
  readonly sequencerSetAfter?: readonly Address[];
}

export interface Challenge {
  readonly challenger: Address;
  readonly challengeDeposit: bigint;
  readonly startTime: number;
  readonly finished: boolean;
  readonly challengeSuccess: boolean;
  readonly pendingProver: Address;
}

export interface CommissionEntry {
  readonly rate: number;
  readonly fromEpoch: number;
}

/** Parameters that live in state after genesis and change only through owner actions. */
export interface Updatable {
  readonly stakingValue: bigint;
  readonly rewardPercentage: bigint;
  readonly challengeDeposit: bigint;
  readonly gasLimitAddStaker: bigint;
  readonly gasLimitRemoveStakers: bigint;
  readonly finalizationPeriodSeconds: number;
  readonly proofWindow: number;
  readonly proofRewardPercent: bigint;
  readonly verifier: Address;
  readonly oracle: Address;
  readonly sequencerSetMaxSize: number;
  readonly rewardStartTime: number;
}

/**
 * An ordered set per group (the release's EnumerableSet), journaled with O(1) add and remove:
 * remove moves the last element into the freed position (spec 3.1).
 */
export class OrderedSets<G extends string, V extends string> {
  private readonly items: JMap<string, V>; // `${g}#${i}` → value
  private readonly pos: JMap<string, number>; // `${g}|${v}` → position
  private readonly len: JMap<G, number>;
  constructor(store: Scope) {
    this.items = store.map('items');
    this.pos = store.map('pos');
    this.len = store.map('len');
  }
  size(g: G): number {
    return this.len.get(g) ?? 0;
  }
  has(g: G, v: V): boolean {
    return this.pos.has(`${g}|${v}`);
  }
  at(g: G, i: number): V {
    return this.items.get(`${g}#${i}`)!;
  }
  add(g: G, v: V): boolean {
    if (this.has(g, v)) return false;
    const n = this.size(g);
    this.items.set(`${g}#${n}`, v);
    this.pos.set(`${g}|${v}`, n);
    this.len.set(g, n + 1);
    return true;
  }
  remove(g: G, v: V): boolean {
    const i = this.pos.get(`${g}|${v}`);
    if (i === undefined) return false;
    const last = this.size(g) - 1;
    if (i !== last) {
      const moved = this.items.get(`${g}#${last}`)!;
      this.items.set(`${g}#${i}`, moved);
      this.pos.set(`${g}|${moved}`, i);
    }
    this.items.delete(`${g}#${last}`);
    this.pos.delete(`${g}|${v}`);
    if (last === 0) this.len.delete(g);
    else this.len.set(g, last);
    return true;
  }
  values(g: G): V[] {
    const out: V[] = [];
    for (let i = 0; i < this.size(g); i++) out.push(this.at(g, i));
    return out;
  }
  /** Groups with at least one element, sorted (canonical serialisation). */
  groups(): G[] {
    return [...this.len.keys()].sort();
  }
}

/** Map helpers keeping "default value = absent" (spec 3.1). */
export function setOrDelete<K extends Key, V>(m: JMap<K, V>, k: K, v: V, isDefault: boolean): void {
  if (isDefault) m.delete(k);
  else m.set(k, v);
}

export const pairKey = (a: Address, b: Address): string => `${a}|${b}`;

export class SeqState {
  // params
  readonly updatable: JCell<Updatable>;
  // l1
  readonly whitelist: JMap<Address, true>;
  readonly removedList: JMap<Address, true>;
  readonly stakerSet: JList<Address>;
  readonly stakerIndexes: JMap<Address, number>;
  readonly deleteList: JList<Address>;
  readonly deleteableHeight: JMap<Address, number>;
  readonly l1Stakers: JMap<Address, StakerInfo>;
  readonly stakedAmount: JMap<Address, bigint>;
  readonly tmKeys: JMap<Hex, true>;
  readonly blsKeys: JMap<Hex, true>;
  readonly withdrawals: JMap<Address, number>;
  readonly slashRemaining: JCell<bigint>;
  // bridge
  readonly nextMessageSeq: JCell<number>;
  readonly queue: JList<BridgeMessage>;
  // rollup
  readonly lastCommittedBatchIndex: JCell<number>;
  readonly lastFinalizedBatchIndex: JCell<number>;
  readonly committedBatches: JMap<number, Hex>;
  readonly isChallenger: JMap<Address, true>;
  readonly latestSequencerSet: JCell<readonly Address[]>;
  readonly batchData: JMap<number, BatchData>;
  readonly challenges: JMap<number, Challenge>;
  readonly inChallenge: JCell<boolean>;
  readonly batchChallenged: JCell<number>;
  readonly revertReqIndex: JCell<number>;
  readonly paused: JCell<boolean>;
  readonly batchChallengeReward: JMap<Address, bigint>;
  readonly proveRemaining: JCell<bigint>;
  // l2
  readonly rewardStarted: JCell<boolean>;
  readonly latestSequencerSetSize: JCell<number>;
  readonly candidateNumber: JCell<number>;
  readonly ranking: RankIndex;
  readonly l2Stakers: JMap<Address, StakerInfo>;
  readonly commissions: JMap<Address, number>;
  readonly commissionSchedule: JMap<Address, readonly CommissionEntry[]>;
  readonly stakerDelegations: JMap<Address, bigint>;
  readonly delegators: OrderedSets<Address, Address>;
  readonly delegations: JMap<string, bigint>; // pairKey(staker, delegator)
  readonly undelegations: JMap<Address, readonly Undelegation[]>;
  readonly nextUndelegationSeq: JCell<number>;
  /** Cache: seq → delegator of every record with a non-zero `redelegateTo` (not serialised). */
  readonly pendingRedelegations: JMap<number, Address>;
  /** Cache: the same records by unlock epoch (count, and `${epoch}#${i}` → seq in increasing seq). */
  private readonly unlockCount: JMap<number, number>;
  private readonly unlockItems: JMap<string, number>;
  /** Cache: the unlock epochs present, ascending. */
  private readonly unlockEpochs: JCell<readonly number[]>;
  // sequencer
  readonly sets: JCell<SequencerSets>;
  // production
  readonly syncedTime: JCell<number>;
  readonly accountedHeight: JCell<number>;
  readonly epochBlocks: JMap<number, readonly EpochBlocks[]>;
  // token / record
  readonly inflationRates: JCell<readonly { rate: bigint; effectiveEpochIndex: number }[]>;
  readonly nextRewardEpochIndex: JCell<number>;
  readonly inflations: JMap<number, bigint>;
  readonly inflationMintedEpochs: JCell<number>;
  readonly allowances: JMap<string, bigint>; // pairKey(owner, spender)
  readonly nextBatchSubmissionIndex: JCell<bigint>;
  readonly nextRollupEpochIndex: JCell<bigint>;
  readonly latestRewardEpochBlock: JCell<bigint>;
  readonly startBlockSet: JCell<boolean>;
  readonly batchSubmissions: JMap<string, unknown>; // decimal index → item
  readonly rollupEpochs: JMap<string, unknown>;
  readonly rewardEpochs: JMap<number, RewardEpochInfo>;
  readonly mintedEpochCount: JCell<number>;
  readonly distDelegatorReward: JMap<string, bigint>; // `${delegatee}|${epoch}`
  readonly oldestDistribution: JMap<Address, number>;
  readonly distCommissions: JMap<Address, bigint>;
  // distribute: the delegation records reward code reads (spec 8.10 notify*)
  readonly distDelegationAmount: JMap<string, bigint>; // `${delegatee}|${epoch}`
  readonly distDelegators: OrderedSets<string, Address>; // group `${delegatee}|${epoch}`
  readonly distAmounts: JMap<string, bigint>; // `${delegatee}|${epoch}|${delegator}`
  readonly unclaimedDelegatees: OrderedSets<Address, Address>; // group delegator
  readonly unclaimedUndelegated: JMap<string, true>; // pairKey(delegator, delegatee)
  readonly unclaimedStart: JMap<string, number>;
  readonly unclaimedEnd: JMap<string, number>;
  // escrow books
  readonly escrowL1Staking: JCell<bigint>;
  readonly escrowRollup: JCell<bigint>;
  readonly escrowL2Staking: JCell<bigint>;
  readonly escrowDistribute: JCell<bigint>;
  // economic account (economy §2), one record per asset
  readonly economyMorph: JCell<MorphTotals>;
  readonly economyEth: JCell<EthTotals>;
  private readonly genesis: JCell<number>;

  constructor(store: Scope, params: SequencerStakingParams, time: number) {
    this.updatable = store.cell<Updatable>('updatable', {
      stakingValue: params.stakingValue,
      rewardPercentage: params.rewardPercentage,
      challengeDeposit: params.challengeDeposit,
      gasLimitAddStaker: params.gasLimitAddStaker,
      gasLimitRemoveStakers: params.gasLimitRemoveStakers,
      finalizationPeriodSeconds: params.finalizationPeriodSeconds,
      proofWindow: params.proofWindow,
      proofRewardPercent: params.proofRewardPercent,
      verifier: params.verifier,
      oracle: params.oracle,
      sequencerSetMaxSize: params.sequencerSetMaxSize,
      rewardStartTime: params.rewardStartTime,
    });
    this.whitelist = store.map('whitelist');
    this.removedList = store.map('removedList');
    this.stakerSet = store.list('stakerSet');
    for (let i = 0; i < SLOT_COUNT; i++) this.stakerSet.push(ZERO_ADDRESS);
    this.stakerIndexes = store.map('stakerIndexes');
    this.deleteList = store.list('deleteList');
    this.deleteableHeight = store.map('deleteableHeight');
    this.l1Stakers = store.map('l1Stakers');
    this.stakedAmount = store.map('stakedAmount');
    this.tmKeys = store.map('tmKeys');
    this.blsKeys = store.map('blsKeys');
    this.withdrawals = store.map('withdrawals');
    this.slashRemaining = store.cell('slashRemaining', 0n);
    this.nextMessageSeq = store.cell('nextMessageSeq', 0);
    this.queue = store.list('queue');
    this.lastCommittedBatchIndex = store.cell('lastCommittedBatchIndex', 0);
    this.lastFinalizedBatchIndex = store.cell('lastFinalizedBatchIndex', 0);
    this.committedBatches = store.map('committedBatches');
    this.isChallenger = store.map('isChallenger');
    this.latestSequencerSet = store.cell<readonly Address[]>('latestSequencerSet', []);
    this.batchData = store.map('batchData');
    this.challenges = store.map('challenges');
    this.inChallenge = store.cell('inChallenge', false);
    this.batchChallenged = store.cell('batchChallenged', 0);
    this.revertReqIndex = store.cell('revertReqIndex', 0);
    this.paused = store.cell('paused', false);
    this.batchChallengeReward = store.map('batchChallengeReward');
    this.proveRemaining = store.cell('proveRemaining', 0n);
    this.rewardStarted = store.cell('rewardStarted', false);
    this.latestSequencerSetSize = store.cell('latestSequencerSetSize', 0);
    this.candidateNumber = store.cell('candidateNumber', 0);
    this.ranking = store.register((name) => new RankIndex(store.journal, name), 'ranking');
    this.l2Stakers = store.map('l2Stakers');
    this.commissions = store.map('commissions');
    this.commissionSchedule = store.map('commissionSchedule');
    this.stakerDelegations = store.map('stakerDelegations');
    this.delegators = new OrderedSets(store.scope('delegators'));
    this.delegations = store.map('delegations');
    this.undelegations = store.map('undelegations');
    this.nextUndelegationSeq = store.cell('nextUndelegationSeq', 0);
    this.pendingRedelegations = store.map('pendingRedelegations', { cache: true });
    this.unlockCount = store.map('redelegationUnlockCount', { cache: true });
    this.unlockItems = store.map('redelegationUnlockItems', { cache: true });
    this.unlockEpochs = store.cell<readonly number[]>('redelegationUnlockEpochs', [], { cache: true });
    this.sets = store.cell<SequencerSets>('sets', {
      blockHeight0: 0,
      sequencerSet0: [],
      blockHeight1: 0,
      sequencerSet1: [],
      blockHeight2: 0,
      sequencerSet2: [],
      updateTime: time,
    });
    this.syncedTime = store.cell('syncedTime', time);
    this.accountedHeight = store.cell('accountedHeight', 0);
    this.epochBlocks = store.map('epochBlocks');
    this.inflationRates = store.cell<readonly { rate: bigint; effectiveEpochIndex: number }[]>('inflationRates', [{ rate: params.dailyInflationRate, effectiveEpochIndex: 0 }]);
    this.nextRewardEpochIndex = store.cell('nextRewardEpochIndex', 0);
    this.inflations = store.map('inflations');
    this.inflationMintedEpochs = store.cell('inflationMintedEpochs', 0);
    this.allowances = store.map('allowances');
    this.nextBatchSubmissionIndex = store.cell('nextBatchSubmissionIndex', params.nextBatchSubmissionIndex);
    this.nextRollupEpochIndex = store.cell('nextRollupEpochIndex', 0n);
    this.latestRewardEpochBlock = store.cell('latestRewardEpochBlock', 0n);
    this.startBlockSet = store.cell('startBlockSet', false);
    this.batchSubmissions = store.map('batchSubmissions');
    this.rollupEpochs = store.map('rollupEpochs');
    this.rewardEpochs = store.map('rewardEpochs');
    this.mintedEpochCount = store.cell('mintedEpochCount', 0);
    this.distDelegatorReward = store.map('distDelegatorReward');
    this.oldestDistribution = store.map('oldestDistribution');
    this.distCommissions = store.map('distCommissions');
    this.distDelegationAmount = store.map('distDelegationAmount');
    this.distDelegators = new OrderedSets(store.scope('distDelegators'));
    this.distAmounts = store.map('distAmounts');
    this.unclaimedDelegatees = new OrderedSets(store.scope('unclaimedDelegatees'));
    this.unclaimedUndelegated = store.map('unclaimedUndelegated');
    this.unclaimedStart = store.map('unclaimedStart');
    this.unclaimedEnd = store.map('unclaimedEnd');
    this.escrowL1Staking = store.cell('escrowL1Staking', 0n);
    this.escrowRollup = store.cell('escrowRollup', 0n);
    this.escrowL2Staking = store.cell('escrowL2Staking', 0n);
    this.escrowDistribute = store.cell('escrowDistribute', 0n);
    this.economyMorph = store.cell<MorphTotals>('economyMorph', { ...ZERO_TOTALS, paidOut: 0n });
    this.economyEth = store.cell<EthTotals>('economyEth', { ...ZERO_TOTALS, slashedToChallengers: 0n, slashRemainingClaimed: 0n });
    this.genesis = store.cell('genesisTime', time);
  }

  /** Chain genesis time g: origin of L2 heights (spec 3.4). */
  get genesisTime(): number {
    return this.genesis.get();
  }

  /** Rebuilds the caches from state (after a restore): the pending redelegations. */
  rebuildCaches(): void {
    for (const s of [...this.pendingRedelegations.keys()]) this.pendingRedelegations.delete(s);
    for (const k of [...this.unlockCount.keys()]) this.unlockCount.delete(k);
    for (const k of [...this.unlockItems.keys()]) this.unlockItems.delete(k);
    this.unlockEpochs.set([]);
    const pending: Array<[Undelegation, Address]> = [];
    for (const [delegator, list] of this.undelegations.entries()) {
      for (const u of list) if (u.redelegateTo !== ZERO_ADDRESS) pending.push([u, delegator]);
    }
    pending.sort((x, y) => x[0].seq - y[0].seq);
    for (const [u, delegator] of pending) this.addPendingRedelegation(u.seq, delegator, u.unlockEpoch);
  }

  /** Records a redelegation (a record with a non-zero `redelegateTo`) for conversion at its unlock epoch. */
  addPendingRedelegation(seq: number, delegator: Address, unlockEpoch: number): void {
    this.pendingRedelegations.set(seq, delegator);
    const n = this.unlockCount.get(unlockEpoch) ?? 0;
    this.unlockItems.set(`${unlockEpoch}#${n}`, seq);
    this.unlockCount.set(unlockEpoch, n + 1);
    if (n === 0) {
      const epochs = this.unlockEpochs.get();
      let i = epochs.length;
      while (i > 0 && epochs[i - 1]! > unlockEpoch) i--;
      this.unlockEpochs.set([...epochs.slice(0, i), unlockEpoch, ...epochs.slice(i)]);
    }
  }

  /**
   * The seqs of the pending redelegations with unlockEpoch ≤ k, increasing, taken out of the
   * unlock index (they stay in `pendingRedelegations` until converted or cancelled). O(1) when
   * none is due, whatever the number pending: sync asks at every epoch boundary.
   */
  takeRedelegationsDue(k: number): number[] {
    const epochs = this.unlockEpochs.get();
    if (epochs.length === 0 || epochs[0]! > k) return [];
    let taken = 0;
    const out: number[] = [];
    while (taken < epochs.length && epochs[taken]! <= k) {
      const e = epochs[taken++]!;
      const n = this.unlockCount.get(e)!;
      for (let i = 0; i < n; i++) {
        out.push(this.unlockItems.get(`${e}#${i}`)!);
        this.unlockItems.delete(`${e}#${i}`);
      }
      this.unlockCount.delete(e);
    }
    this.unlockEpochs.set(epochs.slice(taken));
    return taken > 1 ? out.sort((x, y) => x - y) : out;
  }

  get u(): Updatable {
    return this.updatable.get();
  }

  // ---- derived predicates (spec 6) ----
  isStaker(a: Address): boolean {
    const i = this.stakerIndexes.get(a) ?? 0;
    return i !== 0 && this.stakerSet.at(i - 1) === a;
  }
  inDeleteList(a: Address): boolean {
    return (this.deleteableHeight.get(a) ?? 0) > 0;
  }
  isActiveStaker(a: Address): boolean {
    return this.isStaker(a) && !this.inDeleteList(a);
  }

  ranking1(a: Address): number {
    return this.ranking.rankOf(a);
  }
  total(a: Address): bigint {
    return this.stakerDelegations.get(a) ?? 0n;
  }
  delegation(staker: Address, delegator: Address): bigint {
    return this.delegations.get(pairKey(staker, delegator)) ?? 0n;
  }
  undelegationsOf(d: Address): readonly Undelegation[] {
    return this.undelegations.get(d) ?? [];
  }
}

/** Everything an action or procedure of this mechanism works with. */
export interface Seq {
  readonly ctx: MechanismContext<SequencerStakingErrorCode>;
  readonly params: SequencerStakingParams;
  readonly state: SeqState;
  /** Chain genesis time g: origin of L2 heights (spec 3.4). */
  readonly genesisTime: number;
}

/** The mechanism object of one chain; `genesisTime` reads state, so a restored chain has the snapshot's. */
export function seqOf(ctx: MechanismContext<SequencerStakingErrorCode>, params: SequencerStakingParams, state: SeqState): Seq {
  return {
    ctx,
    params,
    state,
    get genesisTime() {
      return state.genesisTime;
    },
  };
}
