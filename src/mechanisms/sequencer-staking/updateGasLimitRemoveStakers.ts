import type { ActionSpec } from '../../kernel/index.js';
import { bigUpdate } from './l1ParamUpdate.js';
import type { Seq } from './state.js';

/** Spec 8.1 owner action updateGasLimitRemoveStakers: sets `gasLimitRemoveStakers` from `gasLimit` (non-zero, not the current value). */
export function updateGasLimitRemoveStakers(seq: Seq): ActionSpec<Record<string, bigint>> {
  return bigUpdate(seq, 'gasLimitRemoveStakers', 'gasLimit', 'INVALID_NEW_GAS_LIMIT', 'GasLimitRemoveStakersUpdated', ['oldGasLimit', 'newGasLimit']);
}
