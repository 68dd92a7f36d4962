import type { ProverPoolErrorCode } from './errors.js';
import { ZERO_ADDRESS, type Address, type Hex, type JCell, type JList, type JMap, type MechanismContext, type Scope } from '../../kernel/index.js';
import type { ProverPoolParams } from './params.js';
import { SlotIndex } from './slotIndex.js';

/** A pool slot: the reference's `Prover` record plus its owner (zero address when empty). */
export interface Slot {
  readonly owner: Address;
  readonly stakedAmount: bigint; // uint64
  readonly rewardPerGas: number; // uint32
  readonly currentCapacity: number; // uint32
}

/** The reference's `Staker` record. An all-zero record is the same as no record. */
export interface Staker {
  readonly exitRequestedAt: number; // uint64 seconds
  readonly exitAmount: bigint; // uint64
  readonly maxCapacity: number; // uint32
  readonly proverId: number; // uint32 slot, 0 = not in the pool
}

export interface ForkChoice {
  readonly parentHash: Hex;
  readonly blockHash: Hex;
  readonly prover: Address;
  readonly provenAt: number;
  readonly gasUsed: number;
}

export interface Block {
  readonly blockId: number;
  readonly proposer: Address;
  readonly proposedAt: number;
  readonly gasLimit: number;
  readonly feePerGas: number;
  readonly txListHash: Hex;
  readonly l1Height: number;
  readonly l1Hash: Hex;
  readonly assignedProver: Address;
  readonly rewardPerGas: bigint;
  readonly proofWindow: number;
  readonly proverReleased: boolean;
  readonly backupProver: Address;
  readonly backupRewardPerGas: bigint;
  readonly backupWindow: number;
  readonly forkChoices: readonly ForkChoice[];
  readonly verifiedForkChoiceId: number;
}

export interface Totals {
  readonly burned: bigint;
  readonly minted: bigint;
  readonly slashed: bigint;
  readonly blockFees: bigint;
  readonly refunds: bigint;
  readonly rewards: bigint;
}

export const EMPTY_SLOT: Slot = { owner: ZERO_ADDRESS, stakedAmount: 0n, rewardPerGas: 0, currentCapacity: 0 };
/** What the reference writes into a slot its owner left (functionally empty). */
export const EXITED_SLOT: Slot = { owner: ZERO_ADDRESS, stakedAmount: 0n, rewardPerGas: 1, currentCapacity: 0 };
export const NO_STAKER: Staker = { exitRequestedAt: 0, exitAmount: 0n, maxCapacity: 0, proverId: 0 };

/**
 * The mechanism's state. Every field is a named journaled container, so the kernel can undo a
 * failed action, hash the state and snapshot it. The O(log n) caches (`index`) follow every slot
 * write, also on rollback, through the slot list's change observer.
 */
export class PoolState {
  readonly slots: JList<Slot>; // slot k at index k − 1
  readonly stakers: JMap<Address, Staker>;
  readonly balances: JMap<Address, bigint>;
  readonly blocks: JMap<number, Block>;
  readonly feePerGas: JCell<number>;
  readonly avgProofDelay: JCell<number>;
  readonly numBlocks: JCell<number>;
  readonly lastVerifiedBlockId: JCell<number>;
  readonly lastVerifiedAt: JCell<number>;
  readonly numOpenBlocks: JCell<number>;
  readonly totals: JCell<Totals>;
  private readonly genesis: JCell<{ readonly height: number; readonly timestamp: number }>;
  index: SlotIndex;

  constructor(store: Scope, readonly params: ProverPoolParams, time: number, height: number) {
    this.index = new SlotIndex(params.maxProvers);
    this.slots = store.list('slots', { onChange: (k, prev, next) => this.index.onWrite(k + 1, prev, next) });
    for (let i = 0; i < params.maxProvers; i++) this.slots.push(EMPTY_SLOT);
    this.stakers = store.map('stakers');
    this.balances = store.map('balances');
    this.blocks = store.map('blocks');
    this.feePerGas = store.cell('feePerGas', params.initFeePerGas);
    this.avgProofDelay = store.cell('avgProofDelay', params.initAvgProofDelay);
    this.numBlocks = store.cell('numBlocks', 1);
    this.lastVerifiedBlockId = store.cell('lastVerifiedBlockId', 0);
    this.lastVerifiedAt = store.cell('lastVerifiedAt', time);
    this.numOpenBlocks = store.cell('numOpenBlocks', 0);
    this.totals = store.cell<Totals>('totals', { burned: 0n, minted: 0n, slashed: 0n, blockFees: 0n, refunds: 0n, rewards: 0n });
    this.genesis = store.cell('genesis', { height, timestamp: time });
    this.blocks.set(0, genesisBlock(params, time, height));
  }

  get genesisHeight(): number {
    return this.genesis.get().height;
  }
  get genesisTimestamp(): number {
    return this.genesis.get().timestamp;
  }

  /** Rebuilds the slot caches from the slots (after a restore). */
  rebuildIndex(): void {
    this.index = new SlotIndex(this.params.maxProvers);
    this.slots.toArray().forEach((s, k) => this.index.onWrite(k + 1, EMPTY_SLOT, s));
  }

  slot(i: number): Slot {
    return this.slots.at(i - 1)!;
  }

  writeSlot(i: number, next: Slot): void {
    this.slots.set(i - 1, next);
  }

  staker(a: Address): Staker {
    return this.stakers.get(a) ?? NO_STAKER;
  }

  writeStaker(a: Address, s: Staker): void {
    if (s.exitRequestedAt === 0 && s.exitAmount === 0n && s.maxCapacity === 0 && s.proverId === 0) this.stakers.delete(a);
    else this.stakers.set(a, s);
  }

  balance(a: Address): bigint {
    return this.balances.get(a) ?? 0n;
  }

  writeBalance(a: Address, v: bigint): void {
    if (v === 0n) this.balances.delete(a);
    else this.balances.set(a, v);
  }

  addTotals(delta: Partial<Totals>): void {
    const t = this.totals.get();
    this.totals.set({
      burned: t.burned + (delta.burned ?? 0n),
      minted: t.minted + (delta.minted ?? 0n),
      slashed: t.slashed + (delta.slashed ?? 0n),
      blockFees: t.blockFees + (delta.blockFees ?? 0n),
      refunds: t.refunds + (delta.refunds ?? 0n),
      rewards: t.rewards + (delta.rewards ?? 0n),
    });
  }

  block(id: number): Block | undefined {
    return this.blocks.get(id);
  }
}

function genesisBlock(params: ProverPoolParams, time: number, height: number): Block {
  return {
    blockId: 0,
    proposer: ZERO_ADDRESS,
    proposedAt: time,
    gasLimit: 0,
    feePerGas: 0,
    txListHash: `0x${'0'.repeat(64)}`,
    l1Height: height,
    l1Hash: `0x${'0'.repeat(64)}`,
    assignedProver: ZERO_ADDRESS,
    rewardPerGas: 0n,
    proofWindow: 0,
    proverReleased: true,
    backupProver: ZERO_ADDRESS,
    backupRewardPerGas: 0n,
    backupWindow: 0,
    forkChoices: [{ parentHash: `0x${'0'.repeat(64)}`, blockHash: params.genesisBlockHash, prover: ZERO_ADDRESS, provenAt: time, gasUsed: 0 }],
    verifiedForkChoiceId: 1,
  };
}

/** Everything an action or procedure of this mechanism works with. */
export interface Pool {
  readonly ctx: MechanismContext<ProverPoolErrorCode>;
  readonly params: ProverPoolParams;
  readonly state: PoolState;
}
