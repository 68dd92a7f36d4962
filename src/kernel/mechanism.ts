import type { z } from 'zod';
import type { Address } from './address.js';
import type { Hex } from './bytes.js';
import type { Clock } from './clock.js';
import type { Journal } from './journal.js';
import type { AssetSpec, Ledger } from './ledger.js';
import type { Scope } from './store.js';

/**
 * The contract between the kernel and a mechanism. A mechanism module declares its parameters
 * (presets plus overrides), its assets, and builds an instance that exposes actions, queries,
 * block hooks, invariants and a canonical serialisation. Mechanisms never import each other.
 */
export interface MechanismContext {
  /** Name of the mechanism in the chain (e.g. `proverPool`); events and errors carry it. */
  readonly name: string;
  readonly journal: Journal;
  /** Creates the mechanism's named state containers (`<mechanism>/<name>`). */
  readonly store: Scope;
  readonly ledger: Ledger;
  readonly clock: Pick<Clock, 'time' | 'height' | 'blockHash' | 'parentHash'>;
  /** Emits an event stamped with the current block and time. */
  emit(name: string, args: Record<string, unknown>): void;
  /** Runs `fn` atomically: on failure its writes (state, ledger, events) are undone and the error rethrown. */
  atomic<T>(fn: () => T): T;
  /** Throws a MechanismError with this mechanism's name. */
  fail(code: string, message: string, details?: Record<string, unknown>): never;
}

export interface ActionSpec<A = any> {
  summary: string;
  args: z.ZodType<A, any>;
  run(sender: Address, args: A): unknown;
}

export interface QuerySpec<A = any> {
  summary: string;
  args: z.ZodType<A, any>;
  run(args: A): unknown;
}

export interface Mechanism {
  readonly actions: Readonly<Record<string, ActionSpec>>;
  readonly queries: Readonly<Record<string, QuerySpec>>;
  /** Runs once per base-layer block passed, after the block's transactions, in chain order. */
  onBlock?(): void;
  /**
   * Time-driven work due at `now` (idempotent for a fixed time). The chain calls it before every
   * transaction, query, hook and state root, and commits its effects on their own.
   */
  sync?(): void;
  /** Violated invariants, as human-readable lines (empty when sound). */
  invariants(): string[];
  /**
   * Rebuilds every cache from state alone, after a restore has filled the state containers (and
   * emptied nothing else: caches still hold what a fresh build left in them).
   */
  restore?(): void;
  /** Value this mechanism holds in ledger escrow according to its own books, per asset. */
  escrow?(): Record<string, bigint>;
}

export interface MechanismModule<P = any, G = any> {
  /** The key under `chain.mechanisms` (e.g. `proverPool`). */
  readonly kind: string;
  readonly summary: string;
  readonly presets: Readonly<Record<string, Record<string, unknown>>>;
  readonly defaultPreset: string;
  /** Validates a preset merged with overrides; throws a ConfigError (or StakeworksError) on bad values. */
  params(raw: Record<string, unknown>): P;
  assets(params: P): AssetSpec[];
  /** Schema of `genesis.<kind>`, when the mechanism defines genesis state. */
  readonly genesisSchema?: z.ZodType<G, any>;
  create(ctx: MechanismContext, params: P, genesis: G | undefined): Mechanism;
}

export type { Address, Hex };
