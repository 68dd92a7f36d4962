import type { z } from 'zod';
import type { Address } from './address.js';
import type { Hex } from './bytes.js';
import type { Clock } from './clock.js';
import type { ErrorCatalogue } from './errors.js';
import type { EventArgs } from './events.js';
import type { Journal } from './journal.js';
import type { AssetSpec, Ledger } from './ledger.js';
import type { Scope } from './store.js';

/**
 * The contract between the kernel and a mechanism. A mechanism module declares its parameters
 * (presets plus overrides), its assets, and builds an instance that exposes actions, queries,
 * block hooks, invariants and a canonical serialisation. Mechanisms never import each other.
 */
export interface MechanismContext<Code extends string = string> {
  /** Name of the mechanism in the chain (e.g. `proverPool`); events and errors carry it. */
  readonly name: string;
  readonly journal: Journal;
  /** Creates the mechanism's named state containers (`<mechanism>/<name>`). */
  readonly store: Scope;
  readonly ledger: Ledger;
  readonly clock: Pick<Clock, 'time' | 'height' | 'blockHash' | 'parentHash' | 'parentHashBytes'>;
  /**
   * Emits an event stamped with the current block and time. `args` may be a function that builds
   * them: it runs at once if anyone will see the event, and not at all otherwise (see EventArgs).
   */
  emit(name: string, args: EventArgs): void;
  /** Runs `fn` atomically: on failure its writes (state, ledger, events) are undone and the error rethrown. */
  atomic<T>(fn: () => T): T;
  /**
   * Throws a MechanismError with this mechanism's name. `code` must be one the mechanism declares
   * in its error catalogue (checked at compile time through `Code`, and by the chain at run time).
   */
  fail(code: Code, message: string, details?: Record<string, unknown>): never;
}

/**
 * An action: its arguments' schema (input form `I` as callers write it, parsed form `A` as `run`
 * receives it) and its result `R`. Declare actions with `action()` so that `A`, `I` and `R` are
 * inferred; the chain's typed `tx` reads them back (`ActionsOf`).
 */
export interface ActionSpec<A = any, R = unknown, I = any> {
  summary: string;
  args: z.ZodType<A, I>;
  run(sender: Address, args: A): R;
}

export interface QuerySpec<A = any, R = unknown, I = any> {
  summary: string;
  args: z.ZodType<A, I>;
  run(args: A): R;
}

/** Declares an action with its argument and result types inferred. */
export function action<S extends z.ZodType, R>(spec: { summary: string; args: S; run(sender: Address, args: z.output<S>): R }): ActionSpec<z.output<S>, R, z.input<S>> {
  return spec as ActionSpec<z.output<S>, R, z.input<S>>;
}

/** Declares a query with its argument and result types inferred. */
export function query<S extends z.ZodType, R>(spec: { summary: string; args: S; run(args: z.output<S>): R }): QuerySpec<z.output<S>, R, z.input<S>> {
  return spec as QuerySpec<z.output<S>, R, z.input<S>>;
}

/** The actions and queries of a mechanism module, as its `create` declares them. */
export type ActionsOf<M extends { create(...a: any[]): { actions: unknown } }> = ReturnType<M['create']>['actions'];
export type QueriesOf<M extends { create(...a: any[]): { queries: unknown } }> = ReturnType<M['create']>['queries'];

/**
 * Cost tier of an invariant: `cheap` is O(1) or O(changes) (fine after every step of a long
 * simulation); `full` is O(n) in the state (tests run it after every step).
 */
export type InvariantTier = 'cheap' | 'full';

/** The tiers an invariant check of `tier` runs: its own and the cheaper ones. */
export function tiersUpTo(tier: InvariantTier): readonly InvariantTier[] {
  return tier === 'cheap' ? ['cheap'] : ['cheap', 'full'];
}

/** A named invariant: `check` returns its violations as human-readable lines (empty when sound). */
export interface Invariant {
  readonly name: string;
  readonly tier: InvariantTier;
  check(): string[];
}

/** Declares a named invariant. */
export function invariant(name: string, tier: InvariantTier, check: () => string[]): Invariant {
  return { name, tier, check };
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
  /** The mechanism's named invariants; the chain runs those of a requested tier and below. */
  readonly invariants: readonly Invariant[];
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
  /** Every error code the mechanism can raise, with one line of meaning (`errors.ts`). */
  readonly errors: ErrorCatalogue;
  create(ctx: MechanismContext, params: P, genesis: G | undefined): Mechanism;
}

export type { Address, Hex };
