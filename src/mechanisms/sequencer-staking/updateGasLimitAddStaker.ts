import type { ActionSpec } from '../../kernel/index.js';
import { bigUpdate } from './l1ParamUpdate.js';
import type { Seq } from './state.js';

/** Spec 8.1 owner action updateGasLimitAddStaker: sets `gasLimitAddStaker` from `gasLimit` (non-zero, not the current value). */
export function updateGasLimitAddStaker(seq: Seq): ActionSpec<Record<string, bigint>> {
  return bigUpdate(seq, 'gasLimitAddStaker', 'gasLimit', 'INVALID_NEW_GAS_LIMIT', 'GasLimitAddStakerUpdated', ['oldGasLimit', 'newGasLimit']);
}
