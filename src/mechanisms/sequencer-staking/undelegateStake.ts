import { action, address, argsOf,  } from '../../kernel/index.js';
import { undelegateCore } from './delegation.js';
import type { Seq } from './state.js';
import { nowAt } from './time.js';

/** Spec 8.5 undelegateStake: always the whole delegation; the record unlocks after the lock epochs. */
export function undelegateStake(seq: Seq) {
  return action({
    summary: 'undelegate the whole delegation to a staker',
    args: argsOf({ delegatee: address }),
    run(sender, { delegatee }) {
      if (seq.state.delegation(delegatee, sender) === 0n) seq.ctx.fail('STAKING_AMOUNT_IS_ZERO', 'staking amount is zero', { delegatee });
      undelegateCore(seq, delegatee, sender, { kind: 'plain' }, nowAt(seq));
    },
  });
}
