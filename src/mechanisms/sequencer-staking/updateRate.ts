import { action, argsOf, uint } from '../../kernel/index.js';
import { onlyOwner } from './auth.js';
import type { Seq } from './state.js';

const args = argsOf({ rate: uint(256), effectiveEpochIndex: uint(256) });

/** Spec 8.8 updateRate: appends a new rate to the schedule, effective from a later epoch than the last entry. */
export function updateRate(seq: Seq) {
  return action({
    summary: 'owner: append an inflation rate from an epoch on',
    args,
    run(sender, { rate, effectiveEpochIndex }) {
      const { ctx, state: st } = seq;
      onlyOwner(seq, sender);
      const rates = st.inflationRates.get();
      const last = rates[rates.length - 1]!;
      if (rate === last.rate) ctx.fail('NEW_RATE_IS_THE_SAME_AS_THE_LATEST_RATE', 'new rate is the same as the latest rate');
      if (effectiveEpochIndex <= BigInt(last.effectiveEpochIndex)) ctx.fail('EFFECTIVE_EPOCHS_AFTER_MUST_BE_GREATER_THAN_BEFORE', 'effective epochs after must be greater than before');
      if (effectiveEpochIndex > BigInt(Number.MAX_SAFE_INTEGER)) ctx.fail('INVALID_ARGUMENT', 'effectiveEpochIndex beyond 2^53');
      st.inflationRates.set([...rates, { rate, effectiveEpochIndex: Number(effectiveEpochIndex) }]);
      ctx.emit('UpdateEpochInflationRate', { rate, effectiveEpochIndex: Number(effectiveEpochIndex) });
    },
  });
}
