import { action, argsOf, smallUint } from '../../kernel/index.js';
import type { Seq } from './state.js';
import { epochAt } from './time.js';

/** Spec 8.5 setCommissionRate: current rate now, schedule entry from the next epoch (7.3). */
export function setCommissionRate(seq: Seq) {
  return action({
    summary: 'staker: set the commission percentage (≤ 20)',
    args: argsOf({ commission: smallUint(53) }),
    run(sender, { commission }) {
      const { ctx, state: st } = seq;
      if (st.ranking.rankOf(sender) === 0) ctx.fail('ONLY_STAKER_ALLOWED', 'only staker allowed', { sender });
      if (commission > 20) ctx.fail('INVALID_COMMISSION', 'invalid commission', { commission });
      if (commission === 0) st.commissions.delete(sender);
      else st.commissions.set(sender, commission);
      const t = ctx.clock.time;
      const fromEpoch = t < st.u.rewardStartTime ? 0 : epochAt(seq, t) + 1;
      const sched = [...(st.commissionSchedule.get(sender) ?? [])];
      if (sched.length > 0 && sched[sched.length - 1]!.fromEpoch === fromEpoch) sched[sched.length - 1] = { rate: commission, fromEpoch };
      else sched.push({ rate: commission, fromEpoch });
      st.commissionSchedule.set(sender, sched);
      ctx.emit('CommissionUpdated', { staker: sender, percentage: commission, epochEffective: st.rewardStarted.get() ? epochAt(seq, t) + 1 : 0 });
    },
  });
}
