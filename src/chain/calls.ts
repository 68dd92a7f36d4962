import type { ActionSpec, ActionsOf, QueriesOf, QuerySpec } from '../kernel/index.js';
import type { posEconomyModule } from '../mechanisms/pos-economy/index.js';
import type { proverPoolModule } from '../mechanisms/prover-pool/index.js';
import type { sequencerStakingModule } from '../mechanisms/sequencer-staking/index.js';
import type { stakePoolModule } from '../mechanisms/stake-pool/index.js';

/**
 * The typed call surface: every `mechanism.action` and `mechanism.query` Stakeworks ships, with
 * the argument form callers write and the result `run` returns, read off the mechanisms' own
 * declarations (`action()`/`query()`), so the types cannot drift from the code.
 */
type Prefixed<K extends string, T> = { [A in keyof T & string as `${K}.${A}`]: T[A] };

export type StakeworksActions = Prefixed<'proverPool', ActionsOf<typeof proverPoolModule>> &
  Prefixed<'sequencerStaking', ActionsOf<typeof sequencerStakingModule>> &
  Prefixed<'stakePool', ActionsOf<typeof stakePoolModule>> &
  Prefixed<'posEconomy', ActionsOf<typeof posEconomyModule>>;

export type StakeworksQueries = Prefixed<'proverPool', QueriesOf<typeof proverPoolModule>> &
  Prefixed<'sequencerStaking', QueriesOf<typeof sequencerStakingModule>> &
  Prefixed<'stakePool', QueriesOf<typeof stakePoolModule>> &
  Prefixed<'posEconomy', QueriesOf<typeof posEconomyModule>>;

/** Arguments of a call as a caller writes them (integers as number, string or bigint; names or addresses). */
export type CallArgs<S> = S extends ActionSpec<any, any, infer I> ? I : S extends QuerySpec<any, any, infer I> ? I : never;
/** Arguments of a call as `run` receives them (what `trustedTx` takes). */
export type ParsedArgs<S> = S extends ActionSpec<infer A, any, any> ? A : S extends QuerySpec<infer A, any, any> ? A : never;
export type CallResult<S> = S extends { run(...a: any[]): infer R } ? R : unknown;

export type ActionArgs<C extends string> = C extends keyof StakeworksActions ? CallArgs<StakeworksActions[C]> : unknown;
export type ActionParsedArgs<C extends string> = C extends keyof StakeworksActions ? ParsedArgs<StakeworksActions[C]> : unknown;
export type ActionResult<C extends string> = C extends keyof StakeworksActions ? CallResult<StakeworksActions[C]> : unknown;
export type QueryArgs<C extends string> = C extends keyof StakeworksQueries ? CallArgs<StakeworksQueries[C]> : unknown;
export type QueryResult<C extends string> = C extends keyof StakeworksQueries ? CallResult<StakeworksQueries[C]> : unknown;

export type ActionCall = keyof StakeworksActions & string;
export type QueryCall = keyof StakeworksQueries & string;
