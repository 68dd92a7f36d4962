/**
 * Stakeworks, the engine as a library: `import { Chain } from 'stakeworks'`.
 *
 * The surface, by use:
 * - a network: `Chain` (build, tx, trustedTx, query, advance, stateRoot, snapshot, restore, on)
 *   and its configuration and outcome types;
 * - scenarios: load, validate and run scenario files as the CLI does;
 * - the mechanisms Stakeworks ships (their modules, for `describe`-like tools and custom registries);
 * - errors (one base class, stable codes) and the value helpers callers need (addresses from
 *   names, JSON forms of engine values, keccak);
 * - economy: the stake-distribution metrics (pure functions) and the helpers that give a
 *   mechanism its `stakeDistribution`, `metrics` and `economy` queries;
 * - for writing a mechanism of your own: the kernel contract and its building blocks.
 */

// A network
export { Chain, asStakeworksError, type AdvanceSpec, type ChainConfig, type ChainOptions, type GenesisConfig, type MechanismConfig, type Outcome } from './chain/chain.js';
export { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, SnapshotError, type Snapshot } from './chain/snapshot.js';
export { mechanismRegistry } from './chain/registry.js';
export type { ActionArgs, ActionCall, ActionParsedArgs, ActionResult, QueryArgs, QueryCall, QueryResult, StakeworksActions, StakeworksQueries } from './chain/calls.js';

// Scenarios
export { loadScenarioFile, parseScenario, validateScenario } from './scenario/load.js';
export { runScenario, type RunOptions, type ScenarioRecord, type StepRecord } from './scenario/run.js';
export { scenarioJsonSchema, type Scenario, type Step } from './scenario/schema.js';

// Mechanisms
export { proverPoolModule, type ProverPoolParams } from './mechanisms/prover-pool/index.js';
export { sequencerStakingModule, type SequencerStakingParams } from './mechanisms/sequencer-staking/index.js';
export { stakePoolModule, type StakePoolParams } from './mechanisms/stake-pool/index.js';
export { posEconomyModule, type PosEconomyGenesis, type PosEconomyParams } from './mechanisms/pos-economy/index.js';

// Errors
export { ArithmeticOverflowError, ConfigError, InvalidArgumentError, LedgerError, MechanismError, ScenarioError, StakeworksError } from './kernel/errors.js';

// Values
export { addressOf, nameOf, parseAddress, ZERO_ADDRESS, type Address } from './kernel/address.js';
export { fromHex, keccak256, keccak256Hex, keccakText, toHex, ZERO_HASH, type Hex } from './kernel/bytes.js';
export { canonicalJson, toJson, type Json } from './kernel/json.js';
export type { ChainEvent, EventListener } from './kernel/events.js';
export type { Change, Key } from './kernel/journal.js';

// Economy: stake-distribution metrics (economy spec §1)
export {
  bitLength,
  costToAttack,
  distributionMetrics,
  effectiveEntities,
  entropyBits,
  gini,
  hhi,
  hhiPoints,
  lorenz,
  MAX_ENTITIES,
  minStakeToAttack,
  nakamoto,
  parsePrice,
  toFloat,
  topShare,
  type DistributionMetrics,
  type DistributionMetricsOptions,
  type LorenzPoint,
  type Price,
  type StakeEntry,
} from './economy/metrics.js';
export { accountView, economyQuery, ZERO_TOTALS, type AccountFields, type AccountTotals, type EconomyAccount, type EconomyQuerySpec } from './economy/account.js';
export { distributionQueries, orderEntries, sumById, type ByView, type DistributionEntry, type DistributionQueriesSpec, type EntriesFn, type RawEntry, type StakeDistribution } from './economy/distribution.js';

// Writing a mechanism
export { action, query, type ActionSpec, type ActionsOf, type Mechanism, type MechanismContext, type MechanismModule, type QueriesOf, type QuerySpec } from './kernel/mechanism.js';
export { address, argsOf, bool, bytes32, smallUint, uint } from './kernel/args.js';
export { JCell, JList, JMap, Journal, type Container } from './kernel/journal.js';
export { Scope, Store } from './kernel/store.js';
export type { AssetSpec, Ledger } from './kernel/ledger.js';
export { checkedMul, checkedSub, checkedUint, isqrt, mulDiv, wrapUint } from './kernel/math.js';
