import { action, address, argsOf, uint } from '../../kernel/index.js';
import type { Seq } from './state.js';
import { moveMorph } from './token.js';

const args = argsOf({ to: address, amount: uint(256) });

/** Spec 8.8 ERC20 transfer of MORPH. */
export function transfer(seq: Seq) {
  return action({
    summary: 'MORPH transfer',
    args,
    run(sender, { to, amount }) {
      moveMorph(seq, sender, to, amount);
    },
  });
}
