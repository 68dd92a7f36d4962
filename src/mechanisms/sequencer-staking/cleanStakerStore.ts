import { action, noArgs } from '../../kernel/index.js';
import { onlyOwner } from './auth.js';
import { cleanStakerStore } from './l1Exit.js';
import type { Seq } from './state.js';

/** Owner action `cleanStakerStore` (spec 8.1); the procedure itself is in l1Exit.ts. */
export function cleanStakerStoreAction(seq: Seq) {
  return action({
    summary: 'owner: physically delete stakers whose delete height has come',
    args: noArgs,
    run(sender) {
      onlyOwner(seq, sender);
      cleanStakerStore(seq);
    },
  });
}
