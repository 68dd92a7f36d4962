import type { ActionSpec } from '../../kernel/index.js';
import { bigUpdate } from './l1ParamUpdate.js';
import type { Seq } from './state.js';

/** Spec 8.1 owner action updateChallengeDeposit: sets `challengeDeposit` (non-zero, not the current value). */
export function updateChallengeDeposit(seq: Seq): ActionSpec<Record<string, bigint>> {
  return bigUpdate(seq, 'challengeDeposit', 'challengeDeposit', 'INVALID_CHALLENGE_DEPOSIT_VALUE', 'ChallengeDepositUpdated', ['oldChallengeDeposit', 'newChallengeDeposit']);
}
