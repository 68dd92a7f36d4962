import type { Address, JCell, JList, JMap, MechanismContext, Scope } from '../../kernel/index.js';
import type { PosEconomyErrorCode } from './errors.js';
import type { PosEconomyParams } from './params.js';

/** An exited amount: withdrawable once the count of processed epochs is ≥ `epoch`. */
export interface Withdrawal {
  readonly amount: bigint;
  readonly epoch: number;
}

/**
 * An operator's books apart from its active stake and uptime (those are per-index lists, read
 * and written every epoch). Records are immutable: replaced on change.
 */
export interface Book {
  /** Position in `order`, `active` and `uptime` (creation order: genesis list, then first deposit). */
  readonly index: number;
  /** Σ of its entries in the entry queue. */
  readonly pendingDeposit: bigint;
  /** Σ of its entries in the exit queue. */
  readonly exiting: bigint;
  /** Sequence numbers of its exit-queue entries, oldest first (slashing takes from the front). */
  readonly exitSeqs: readonly number[];
  /** Exited amounts, ascending `epoch` (one record per epoch). */
  readonly withdrawals: readonly Withdrawal[];
  readonly slashPending: boolean;
}

/** One request of the entry or the exit queue. */
export interface QueueEntry {
  readonly operator: Address;
  readonly amount: bigint;
}

/**
 * The two FIFO queues: entries live at sequence numbers `head … next − 1` of their map (the exit
 * queue may have holes there: entries emptied by a slashing are removed).
 */
export interface Queues {
  readonly entryHead: number;
  readonly entryNext: number;
  readonly exitHead: number;
  readonly exitNext: number;
}

/**
 * Running totals, kept where the tokens move (never rebuilt from events): the economic account
 * of §2 and the totals of the mechanism's books (what `escrow()` claims).
 */
export interface Totals {
  /** Issuance paid (minted into active stake). */
  readonly issued: bigint;
  /** Fee burns + slashings. */
  readonly burned: bigint;
  /** Issuance + fee shares. */
  readonly rewardsToStakers: bigint;
  /** Fees taken from `environment`. */
  readonly feesPaid: bigint;
  /** The burned part of `feesPaid`: burn share + remainders of the floors (+ all of F when D = 0). */
  readonly feesBurned: bigint;
  readonly slashed: bigint;
  /** Σ active (the `D` of the next epoch). */
  readonly staked: bigint;
  /** Σ entry-queue amounts. */
  readonly entryQueue: bigint;
  /** Σ exit-queue amounts. */
  readonly exitQueue: bigint;
  /** Σ exited amounts not yet withdrawn (locked or withdrawable). */
  readonly withdrawals: bigint;
}

/** What the last processed epoch did (the churn invariant reads it). */
export interface EpochRecord {
  readonly epoch: number;
  /** D at the epoch's start. */
  readonly stake: bigint;
  /** Its churn C; null = unlimited. */
  readonly churn: bigint | null;
  readonly activated: bigint;
  readonly exited: bigint;
}

const ZERO_TOTALS: Totals = {
  issued: 0n,
  burned: 0n,
  rewardsToStakers: 0n,
  feesPaid: 0n,
  feesBurned: 0n,
  slashed: 0n,
  staked: 0n,
  entryQueue: 0n,
  exitQueue: 0n,
  withdrawals: 0n,
};

export const FULL_UPTIME = 1_000_000n;

/**
 * The mechanism's state: every field a named journaled container (the kernel undoes a failed
 * action, hashes the state and snapshots it). No caches: nothing to rebuild on restore.
 */
export class EconomyState {
  /** Operator addresses in creation order; never shrinks (an operator stays one). */
  readonly order: JList<Address>;
  /** Active stake by operator index. */
  readonly active: JList<bigint>;
  /** Uptime (ppm) by operator index. */
  readonly uptime: JList<bigint>;
  readonly books: JMap<Address, Book>;
  readonly entryQueue: JMap<number, QueueEntry>;
  readonly exitQueue: JMap<number, QueueEntry>;
  readonly queues: JCell<Queues>;
  /** Operators with a pending slash, in the order the `slash` transactions were applied. */
  readonly slashQueue: JCell<readonly Address[]>;
  /** Count of processed epochs. */
  readonly epoch: JCell<number>;
  readonly feeRevenue: JCell<bigint>;
  /** cosmos inflation, 10⁻¹⁸ units (initial × 10¹²); 0 for the other kinds. */
  readonly inflation: JCell<bigint>;
  readonly totals: JCell<Totals>;
  readonly lastEpoch: JCell<EpochRecord | null>;
  /** Epoch e ends at genesisTime + (e + 1) × epochSeconds (state, so a restore keeps it). */
  readonly genesisTime: JCell<number>;

  constructor(store: Scope, params: PosEconomyParams, genesisTime: number) {
    this.order = store.list('order');
    this.active = store.list('active');
    this.uptime = store.list('uptime');
    this.books = store.map('books');
    this.entryQueue = store.map('entryQueue');
    this.exitQueue = store.map('exitQueue');
    this.queues = store.cell<Queues>('queues', { entryHead: 0, entryNext: 0, exitHead: 0, exitNext: 0 });
    this.slashQueue = store.cell<readonly Address[]>('slashQueue', []);
    this.epoch = store.cell('epoch', 0);
    this.feeRevenue = store.cell('feeRevenue', params.initialFeeRevenue);
    this.inflation = store.cell('inflation', params.issuance.kind === 'cosmos' ? params.issuance.initial * 1_000_000_000_000n : 0n);
    this.totals = store.cell<Totals>('totals', ZERO_TOTALS);
    this.lastEpoch = store.cell<EpochRecord | null>('lastEpoch', null);
    this.genesisTime = store.cell('genesisTime', genesisTime);
  }

  book(a: Address): Book | undefined {
    return this.books.get(a);
  }

  /** Registers a new operator (active 0, full uptime) and returns its book. */
  addOperator(a: Address, uptimePpm: bigint = FULL_UPTIME): Book {
    const book: Book = { index: this.order.length, pendingDeposit: 0n, exiting: 0n, exitSeqs: [], withdrawals: [], slashPending: false };
    this.order.push(a);
    this.active.push(0n);
    this.uptime.push(uptimePpm);
    this.books.set(a, book);
    return book;
  }

  activeOf(book: Book): bigint {
    return this.active.at(book.index)!;
  }

  addTotals(delta: Partial<Totals>): void {
    const t = this.totals.get();
    const out: Record<string, bigint> = { ...t };
    for (const [k, v] of Object.entries(delta)) out[k] = out[k]! + v;
    this.totals.set(out as unknown as Totals);
  }

  /** Σ locked (withdrawal epoch not yet come) and Σ withdrawable of a book at the current epoch. */
  withdrawalSums(book: Book): { locked: bigint; withdrawable: bigint } {
    const now = this.epoch.get();
    let locked = 0n;
    let withdrawable = 0n;
    for (const w of book.withdrawals) {
      if (w.epoch <= now) withdrawable += w.amount;
      else locked += w.amount;
    }
    return { locked, withdrawable };
  }

  /** What the mechanism holds in escrow by its books: active + queues + exited not yet withdrawn. */
  escrowTotal(): bigint {
    const t = this.totals.get();
    return t.staked + t.entryQueue + t.exitQueue + t.withdrawals;
  }
}

/** Everything an action, step or query of this mechanism works with. */
export interface Eco {
  readonly ctx: MechanismContext<PosEconomyErrorCode>;
  readonly params: PosEconomyParams;
  readonly state: EconomyState;
}
