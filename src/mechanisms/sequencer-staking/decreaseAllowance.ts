import { action, address, argsOf, uint } from '../../kernel/index.js';
import type { Seq } from './state.js';
import { allowanceOf, setAllowance } from './token.js';

const args = argsOf({ spender: address, subtractedValue: uint(256) });

/** Spec 8.8 ERC20 decreaseAllowance (MORPH). */
export function decreaseAllowance(seq: Seq) {
  return action({
    summary: 'MORPH decreaseAllowance',
    args,
    run(sender, { spender, subtractedValue }) {
      const a = allowanceOf(seq, sender, spender);
      if (a < subtractedValue) seq.ctx.fail('DECREASED_ALLOWANCE_BELOW_ZERO', 'ERC20: decreased allowance below zero');
      setAllowance(seq, sender, spender, a - subtractedValue);
    },
  });
}
