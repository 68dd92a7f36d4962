import { address, argsOf, uint, type ActionSpec } from '../../kernel/index.js';
import type { Seq } from './state.js';
import { setAllowance } from './token.js';

const args = argsOf({ spender: address, amount: uint(256) });

/** Spec 8.8 ERC20 approve (MORPH). */
export function approve(seq: Seq): ActionSpec<typeof args._output> {
  return {
    summary: 'MORPH approve',
    args,
    run(sender, { spender, amount }) {
      setAllowance(seq, sender, spender, amount);
    },
  };
}
