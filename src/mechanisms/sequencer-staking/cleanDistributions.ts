import { action, address, argsOf, smallUint,  } from '../../kernel/index.js';
import { onlyOwner } from './auth.js';
import type { Seq } from './state.js';

/** Spec 8.10 cleanDistributions: prunes a delegatee's distribution records from its oldest kept epoch through the target. */
export function cleanDistributions(seq: Seq) {
  return action({
    summary: "owner: delete a delegatee's distributions from the oldest through a target epoch",
    args: argsOf({ delegatee: address, targetEpochIndex: smallUint(53) }),
    run(sender, { delegatee, targetEpochIndex }) {
      onlyOwner(seq, sender);
      const st = seq.state;
      const oldest = st.oldestDistribution.get(delegatee) ?? 0;
      const inRange = (key: string): boolean => {
        if (!key.startsWith(`${delegatee}|`)) return false;
        const e = Number(key.slice(43).split('|')[0]);
        return e >= oldest && e <= targetEpochIndex;
      };
      for (const k of [...st.distAmounts.keys()].filter(inRange)) st.distAmounts.delete(k);
      for (const k of [...st.distDelegatorReward.keys()].filter(inRange)) st.distDelegatorReward.delete(k);
      for (const k of [...st.distDelegationAmount.keys()].filter(inRange)) st.distDelegationAmount.delete(k);
      for (const g of st.distDelegators.groups().filter(inRange)) for (const d of st.distDelegators.values(g)) st.distDelegators.remove(g, d);
      const next = Math.max(oldest, targetEpochIndex + 1);
      if (next === 0) st.oldestDistribution.delete(delegatee);
      else st.oldestDistribution.set(delegatee, next);
    },
  });
}
