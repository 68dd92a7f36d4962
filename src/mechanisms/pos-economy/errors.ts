/**
 * Every code `posEconomy` can raise, with its meaning (reference: economy spec §3.4; guide:
 * docs/mechanisms/pos-economy.md). `ctx.fail` accepts only these codes; the chain checks it again
 * at run time. Actions check in the spec's order: role, arguments, then state.
 */
export const errors = {
  // Roles
  UNAUTHORIZED: 'setUptime or setFeeRevenue from another account than environment, or slash from another account than slasher',
  // State (§3.4, in check order)
  NOT_AN_OPERATOR: 'exit, withdraw, setUptime, slash or getOperator of an address that is neither a genesis operator nor ever a depositor',
  INSUFFICIENT_BALANCE: 'deposit of more than the sender’s spendable balance (also the ledger’s code)',
  AMOUNT_EXCEEDS_STAKE: 'exit of more than the operator’s active stake, or of anything when its active stake is 0',
  NOTHING_TO_WITHDRAW: 'withdraw when no withdrawable amount above 0 has come due',
  ALREADY_SLASHED: 'a second slash of an operator before an epoch has processed the first',
  // Engine bound
  TOO_MANY_EPOCHS: '(engine bound) one step would leave more epochs to process than MAX_EPOCHS_PER_STEP (100,000); advance in several steps',
  // Configuration (§3.1)
  INVALID_CONFIG: 'a parameter or genesis operator fails a build check of §3.1 (the message names the parameter and the rule)',
  // Kernel codes the actions surface
  INVALID_ARGUMENT: 'malformed input: a deposit or exit amount of 0, uptimePpm above 10^6, a missing or ill-typed field, a bad address',
} as const;

export type PosEconomyErrorCode = keyof typeof errors;
