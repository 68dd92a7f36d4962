import { action, address, argsOf, ZERO_ADDRESS } from '../../kernel/index.js';
import { onlyOwner } from './auth.js';
import type { Seq } from './state.js';

const args = argsOf({ verifier: address });

/** Spec 8.7 owner action updateVerifier (non-zero and different from the current one). */
export function updateVerifier(seq: Seq) {
  return action({
    summary: 'owner: set the verifier',
    args,
    run(sender, { verifier }) {
      const { ctx, state: st } = seq;
      onlyOwner(seq, sender);
      const old = st.u.verifier;
      if (verifier === ZERO_ADDRESS || verifier === old) ctx.fail('INVALID_NEW_VERIFIER', 'invalid new verifier');
      st.updatable.set({ ...st.u, verifier });
      ctx.emit('UpdateVerifier', { oldVerifier: old, newVerifier: verifier });
    },
  });
}
