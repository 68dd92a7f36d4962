import { action, argsOf, uint } from '../../kernel/index.js';
import { onlyOwner } from './auth.js';
import type { Seq } from './state.js';

const args = argsOf({ proofRewardPercent: uint(256) });

/** Spec 8.7 owner action: the release's Rollup.updateRewardPercentage (1–100, different from the current one). */
export function updateProofRewardPercent(seq: Seq) {
  return action({
    summary: "owner: set the prover's share of the deposit (the release's Rollup.updateRewardPercentage)",
    args,
    run(sender, { proofRewardPercent: p }) {
      const { ctx, state: st } = seq;
      onlyOwner(seq, sender);
      const old = st.u.proofRewardPercent;
      if (p === 0n || p > 100n || p === old) ctx.fail('INVALID_PROOF_REWARD_PERCENTAGE', 'invalid proof reward percentage');
      st.updatable.set({ ...st.u, proofRewardPercent: p });
      ctx.emit('UpdateProofRewardPercent', { oldPercent: old, newPercent: p });
    },
  });
}
