import { address, argsOf, type ActionSpec, type Address } from '../../kernel/index.js';
import { undelegateCore } from './delegation.js';
import type { Seq } from './state.js';
import { nowAt } from './time.js';

/** Spec 8.5 undelegateStake: always the whole delegation; the record unlocks after the lock epochs. */
export function undelegateStake(seq: Seq): ActionSpec<{ delegatee: Address }> {
  return {
    summary: 'undelegate the whole delegation to a staker',
    args: argsOf({ delegatee: address }),
    run(sender, { delegatee }) {
      if (seq.state.delegation(delegatee, sender) === 0n) seq.ctx.fail('STAKING_AMOUNT_IS_ZERO', 'staking amount is zero', { delegatee });
      undelegateCore(seq, delegatee, sender, { kind: 'plain' }, nowAt(seq));
    },
  };
}
