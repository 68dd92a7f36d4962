import type { ActionSpec } from '../../kernel/index.js';
import { bigUpdate } from './l1ParamUpdate.js';
import type { Seq } from './state.js';

/** Spec 8.1 owner action updateRewardPercentage: sets `rewardPercentage` (non-zero, not the current value, at most 100). */
export function updateRewardPercentage(seq: Seq): ActionSpec<Record<string, bigint>> {
  return bigUpdate(seq, 'rewardPercentage', 'rewardPercentage', 'INVALID_REWARD_PERCENTAGE', 'RewardPercentageUpdated', ['oldPercentage', 'newPercentage'], 100n);
}
