/**
 * Every code `stakePool` can raise, with its meaning (reference: stake-pool spec §12; guide: docs/mechanisms/stake-pool.md).
 * `ctx.fail` accepts only these codes; the chain checks it again at run time.
 */
export const errors = {
  // Roles and workers
  BAD_SENDER: 'registerWorker, settle or forceAssignReward from an account other than the registry/gatekeeper role',
  DUPLICATE_BOUND_WORKER: 'registerWorker of a worker that is bound to a pool',
  WORKER_NOT_REGISTERED: 'addWorker of a worker the registry never registered',
  UNAUTHORIZED_OPERATOR: 'addWorker by someone other than the worker’s registered operator',
  BENCHMARK_MISSING: 'the worker has no initial benchmark score',
  BENCHMARK_TOO_LOW: 'the worker’s initial score is below minInitP',
  WORKER_EXISTS: 'the worker is already in the pool',
  WORKERS_EXCEED_LIMIT: 'the pool already has maxPoolWorkers workers',
  FAILED_TO_BIND_MINER_AND_WORKER: 'the worker is bound, or its miner still holds stake in a pool',
  WORKER_DOES_NOT_EXIST: 'the worker is in no pool',
  WORKER_IN_ANOTHER_POOL: 'the worker belongs to another pool',
  // Pools
  POOL_DOES_NOT_EXIST: 'no pool with this id',
  UNAUTHORIZED_POOL_OWNER: 'a pool-owner action by someone other than the pool’s owner',
  INADEQUATE_CAPACITY: 'setCap below the pool’s total stake',
  EXCEED_MAX_DESCRIPTION_LEN: 'the pool description is longer than maxDescriptionLen bytes',
  ALREADY_IN_CONTRIBUTE_WHITELIST: 'the staker is already in the pool’s whitelist',
  EXCEED_WHITELIST_MAX_LEN: 'the pool’s whitelist already has maxWhitelistLen entries',
  NO_WHITELIST_CREATED: 'the pool has no whitelist',
  NOT_IN_CONTRIBUTE_WHITELIST: 'the pool has a whitelist and the account is not in it',
  // Delegation and withdrawal
  STAKE_EXCEEDS_CAPACITY: 'the contribution would take the pool’s total stake above its cap',
  INSUFFICIENT_CONTRIBUTION: 'the contribution is below minContribution',
  INSUFFICIENT_BALANCE: 'the account has less PHA not yet delegated than it contributes (also the PHA ledger’s code)',
  POOL_BANKRUPT: 'the pool has shares but no stake (everything was slashed): it takes no contribution',
  POOL_STAKE_NOT_FOUND: 'the account has no stake in the pool',
  INVALID_WITHDRAWAL_AMOUNT: 'the withdrawal asks for more shares than the account holds (or none)',
  // Computing (mining)
  FEATURE_NOT_ENABLED: 'mining is disabled (miningEnabled false)',
  INSUFFICIENT_FREE_STAKE: 'the pool has not enough free stake for the worker’s stake',
  MINER_NOT_READY: 'the worker’s miner is not in the Ready state',
  INSUFFICIENT_STAKE: 'the stake is below the minimum stake for the worker’s score',
  TOO_MUCH_STAKE: 'the stake gives an initial V above vMax',
  MINER_NOT_MINING: 'the worker’s miner is not mining',
  MINER_NOT_BOUND: 'the miner is not bound to a worker',
  CANNOT_RESTART_WITH_LESS_STAKE: 'restartComputing with a stake not above the one being returned',
  MINER_NOT_FOUND: 'no mining record for the worker in this pool',
  COOL_DOWN_NOT_READY: 'the worker’s cool-down period has not passed yet',
  // Rewards
  NO_REWARD_TO_CLAIM: 'nothing to claim (no stake in the pool, or no reward)',
  INTERNAL_SUBSIDY_POOL_CANNOT_WITHDRAW: 'paying the claim would take the subsidy pool below existentialDeposit',
  // Kernel codes the actions surface
  INVALID_ARGUMENT: 'malformed input: commission above 10^6, out-of-range integers, missing or ill-typed fields',
  ARITHMETIC_OVERFLOW: 'a checked fixed-width operation overflowed',
} as const;

export type StakePoolErrorCode = keyof typeof errors;
