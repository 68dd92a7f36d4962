import { action, address, argsOf, ZERO_ADDRESS } from '../../kernel/index.js';
import { onlyOwner } from './auth.js';
import type { Seq } from './state.js';

const args = argsOf({ oracle: address });

/** Spec 8.9 setOracleAddress (non-zero). */
export function setOracleAddress(seq: Seq) {
  return action({
    summary: 'owner: set the oracle',
    args,
    run(sender, { oracle }) {
      const st = seq.state;
      onlyOwner(seq, sender);
      if (oracle === ZERO_ADDRESS) seq.ctx.fail('INVALID_ORACLE_ADDRESS', 'invalid oracle address');
      st.updatable.set({ ...st.u, oracle });
    },
  });
}
