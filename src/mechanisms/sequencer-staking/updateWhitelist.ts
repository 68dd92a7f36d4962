import { z } from 'zod';
import { action, address, argsOf,  } from '../../kernel/index.js';
import { onlyOwner } from './auth.js';
import type { Seq } from './state.js';

/** Spec 8.1 updateWhitelist: adds (refusing removed stakers) then removals. */
export function updateWhitelist(seq: Seq) {
  return action({
    summary: 'owner: whitelist and un-whitelist accounts',
    args: argsOf({ add: z.array(address), remove: z.array(address) }),
    run(sender, { add, remove }) {
      const st = seq.state;
      onlyOwner(seq, sender);
      for (const a of add) {
        if (st.removedList.has(a)) seq.ctx.fail('IN_REMOVED_LIST', 'in removed list', { addr: a });
        st.whitelist.set(a, true);
      }
      for (const a of remove) st.whitelist.delete(a);
      seq.ctx.emit('WhitelistUpdated', { add: [...add], remove: [...remove] });
    },
  });
}
