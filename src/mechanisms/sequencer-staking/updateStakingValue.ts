import type { ActionSpec } from '../../kernel/index.js';
import { bigUpdate } from './l1ParamUpdate.js';
import type { Seq } from './state.js';

/** Spec 8.1 owner action updateStakingValue: sets `stakingValue` (non-zero, not the current value). */
export function updateStakingValue(seq: Seq): ActionSpec<Record<string, bigint>> {
  return bigUpdate(seq, 'stakingValue', 'stakingValue', 'INVALID_STAKING_VALUE', 'StakingValueUpdated', ['oldStakingValue', 'newStakingValue']);
}
