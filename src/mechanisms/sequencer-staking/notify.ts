import type { Address } from '../../kernel/index.js';
import { pairKey, type Seq } from './state.js';

/**
 * Spec 8.10 notifyDelegation / notifyUndelegation: the per-epoch delegation records that the
 * claims and reward queries read (distribute.ts). Only the record keeping lives here.
 */
export const distKey = (delegatee: Address, epoch: number): string => `${delegatee}|${epoch}`;

export function notifyDelegation(
  seq: Seq,
  delegatee: Address,
  delegator: Address,
  e: number,
  delegatorTotal: bigint,
  delegateeTotal: bigint,
  newDelegation: boolean,
): void {
  const st = seq.state;
  const g = distKey(delegatee, e);
  if (delegateeTotal === 0n) st.distDelegationAmount.delete(g);
  else st.distDelegationAmount.set(g, delegateeTotal);
  st.distDelegators.add(g, delegator);
  st.distAmounts.set(`${g}|${delegator}`, delegatorTotal);
  if (newDelegation) {
    st.unclaimedDelegatees.add(delegator, delegatee);
    st.unclaimedStart.set(pairKey(delegator, delegatee), e);
  }
}

export function notifyUndelegation(seq: Seq, delegatee: Address, delegator: Address, e: number, delegateeTotalAfter: bigint): void {
  const st = seq.state;
  const g = distKey(delegatee, e);
  if (delegateeTotalAfter === 0n) st.distDelegationAmount.delete(g);
  else st.distDelegationAmount.set(g, delegateeTotalAfter);
  const k = pairKey(delegator, delegatee);
  if (e === 0 || (st.unclaimedStart.get(k) ?? 0) === e) {
    // Undelegated before the delegation took effect: it earns nothing.
    st.distDelegators.remove(g, delegator);
    st.distAmounts.delete(`${g}|${delegator}`);
    st.unclaimedDelegatees.remove(delegator, delegatee);
    st.unclaimedUndelegated.delete(k);
    st.unclaimedStart.delete(k);
    st.unclaimedEnd.delete(k);
  } else {
    st.unclaimedUndelegated.set(k, true);
    st.unclaimedEnd.set(k, e - 1);
  }
}
