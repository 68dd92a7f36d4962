import { action, argsOf, smallUint } from '../../kernel/index.js';
import { onlyOwner } from './auth.js';
import type { Seq } from './state.js';

const args = argsOf({ finalizationPeriodSeconds: smallUint(53) });

/** Spec 8.7 owner action updateFinalizePeriodSeconds (non-zero and different from the current one). */
export function updateFinalizePeriodSeconds(seq: Seq) {
  return action({
    summary: 'owner: set the finalization period',
    args,
    run(sender, { finalizationPeriodSeconds: p }) {
      const { ctx, state: st } = seq;
      onlyOwner(seq, sender);
      const old = st.u.finalizationPeriodSeconds;
      if (p === 0 || p === old) ctx.fail('INVALID_NEW_FINALIZE_PERIOD', 'invalid new finalize period');
      st.updatable.set({ ...st.u, finalizationPeriodSeconds: p });
      ctx.emit('UpdateFinalizationPeriodSeconds', { oldPeriod: old, newPeriod: p });
    },
  });
}
