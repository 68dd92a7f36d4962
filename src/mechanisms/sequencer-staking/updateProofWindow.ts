import { action, argsOf, smallUint } from '../../kernel/index.js';
import { onlyOwner } from './auth.js';
import type { Seq } from './state.js';

const args = argsOf({ proofWindow: smallUint(53) });

/** Spec 8.7 owner action updateProofWindow (non-zero and different from the current one). */
export function updateProofWindow(seq: Seq) {
  return action({
    summary: 'owner: set the proof window',
    args,
    run(sender, { proofWindow }) {
      const { ctx, state: st } = seq;
      onlyOwner(seq, sender);
      const old = st.u.proofWindow;
      if (proofWindow === 0 || proofWindow === old) ctx.fail('INVALID_NEW_PROOF_WINDOW', 'invalid new proof window');
      st.updatable.set({ ...st.u, proofWindow });
      ctx.emit('UpdateProofWindow', { oldWindow: old, newWindow: proofWindow });
    },
  });
}
