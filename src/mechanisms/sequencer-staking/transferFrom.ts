import { action, address, argsOf, uint } from '../../kernel/index.js';
import type { Seq } from './state.js';
import { allowanceOf, MAX_UINT256, moveMorph, setAllowance } from './token.js';

const args = argsOf({ from: address, to: address, amount: uint(256) });

/** Spec 8.8 ERC20 transferFrom (MORPH): spends the caller's allowance first, unless it is infinite. */
export function transferFrom(seq: Seq) {
  return action({
    summary: 'MORPH transferFrom (spends allowance unless it is 2^256 − 1)',
    args,
    run(sender, { from, to, amount }) {
      const a = allowanceOf(seq, from, sender);
      if (a !== MAX_UINT256) {
        if (a < amount) seq.ctx.fail('INSUFFICIENT_ALLOWANCE', 'ERC20: insufficient allowance');
        setAllowance(seq, from, sender, a - amount);
      }
      moveMorph(seq, from, to, amount);
    },
  });
}
