import { maxBig, minBig } from '../../kernel/index.js';

/** The `churn` parameter (gwei; `quotient` a plain divisor). */
export interface Churn {
  readonly min: bigint;
  readonly quotient: bigint;
  readonly increment: bigint;
  readonly maxPerEpoch: bigint;
}

/**
 * Electra's activation-exit churn (§3.2 step 4): `C = min(maxPerEpoch, max(min, D div quotient)
 * rounded down to a multiple of increment)` (`get_balance_churn_limit` then
 * `get_activation_exit_churn_limit`). `null` (no churn limit) gives `null`: everything queued moves.
 * Rounding down favours the network's security: never more churn than the rule allows.
 */
export function churnLimit(stake: bigint, churn: Churn | null): bigint | null {
  if (churn === null) return null;
  const balanceChurn = maxBig(churn.min, stake / churn.quotient);
  return minBig(churn.maxPerEpoch, balanceChurn - (balanceChurn % churn.increment));
}
