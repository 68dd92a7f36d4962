/**
 * Every code `proverPool` can raise, with its meaning (reference: prover-pool spec §5; guide: docs/mechanisms/prover-pool.md).
 * `ctx.fail` accepts only these codes; the chain checks it again at run time.
 */
export const errors = {
  // Pool (§5.0–5.8)
  INVALID_PARAMS: 'stake needs maxCapacity ≥ minCapacity, amount / maxCapacity ≥ minStakePerCapacity and rewardPerGas > 0',
  CHANGE_TOO_FREQUENT: 'the staker changed its stake or exit less than minChangeDelay seconds ago',
  PROVER_NOT_GOOD_ENOUGH: 'the pool is full and the stake does not exceed the smallest stake in it',
  NO_MATURE_EXIT: 'withdraw: the sender has no exit whose exitPeriod has passed',
  UNAUTHORIZED: 'a protocol-only entry point (assignProver, releaseProver, slashProver) called by someone else than the protocol role',
  // Block lifecycle (§5.9–5.11)
  L1_INSUFFICIENT_TOKEN: 'the internal TKO balance is below the amount asked (block fee or withdrawal)',
  L1_PERMISSION_DENIED: 'proposeBlock called by someone else than the configured proposer',
  L1_INVALID_METADATA: 'the proposal’s gasLimit is outside 1..blockMaxGasLimit',
  L1_TOO_MANY_BLOCKS: 'blockMaxProposals blocks are already unverified',
  L1_TOO_MANY_OPEN_BLOCKS: 'rewardOpenMaxCount open blocks are already unverified',
  NO_PROVER_AVAILABLE: 'no staked prover with capacity can be drawn and open blocks are disabled',
  L1_BLOCK_ID: 'the block id is not an unverified, proposed block (or exceeds uint64)',
  L1_INVALID_EVIDENCE: 'proof evidence with a zero prover, parent or block hash, blockHash = parentHash or gasUsed 0',
  L1_NOT_PROVEABLE: 'only the assigned (or, later, backup) prover may prove the block now',
  L1_ALREADY_PROVEN: 'the block is already proven for this parent hash',
  L1_UNAUTHORIZED: 'an oracle proof not submitted by the oracle prover',
  L1_SAME_PROOF: 'the oracle proof repeats the existing fork choice',
  L1_INVALID_PARAM: 'verifyBlocks needs maxBlocks ≥ 1',
  // Configuration (§3)
  L1_INVALID_CONFIG: 'the parameters fail the configuration check of §3',
  // TKO ledger codes (§2.1)
  ERC20_BURN_AMOUNT_EXCEEDS_BALANCE: 'a TKO burn (stake, deposit) exceeds the sender’s balance',
  ERC20_TRANSFER_AMOUNT_EXCEEDS_BALANCE: 'a TKO transfer exceeds the sender’s balance',
  TKO_MINT_DISALLOWED: 'a TKO mint (exit, withdrawal, reward) would push the supply above tkoMaxSupply',
  // Kernel codes the actions surface
  INVALID_ARGUMENT: 'malformed arguments: missing or ill-typed field, out-of-width value, bad address',
  ARITHMETIC_OVERFLOW: 'a fee or reward product overflows feeMathBits (the reference panics)',
} as const;

export type ProverPoolErrorCode = keyof typeof errors;
