import { action, address, argsOf, uint } from '../../kernel/index.js';
import type { Seq } from './state.js';
import { setAllowance } from './token.js';

const args = argsOf({ spender: address, amount: uint(256) });

/** Spec 8.8 ERC20 approve (MORPH). */
export function approve(seq: Seq) {
  return action({
    summary: 'MORPH approve',
    args,
    run(sender, { spender, amount }) {
      setAllowance(seq, sender, spender, amount);
    },
  });
}
