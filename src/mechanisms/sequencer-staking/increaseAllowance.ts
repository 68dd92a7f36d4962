import { action, address, argsOf, uint } from '../../kernel/index.js';
import type { Seq } from './state.js';
import { allowanceOf, MAX_UINT256, setAllowance } from './token.js';

const args = argsOf({ spender: address, addedValue: uint(256) });

/** Spec 8.8 ERC20 increaseAllowance (MORPH): beyond 2^256 − 1 is the release's arithmetic panic. */
export function increaseAllowance(seq: Seq) {
  return action({
    summary: 'MORPH increaseAllowance',
    args,
    run(sender, { spender, addedValue }) {
      const next = allowanceOf(seq, sender, spender) + addedValue;
      if (next > MAX_UINT256) seq.ctx.fail('PANIC_ARITHMETIC', 'arithmetic overflow');
      setAllowance(seq, sender, spender, next);
    },
  });
}
