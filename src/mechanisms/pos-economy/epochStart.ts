/**
 * What steps 1, 2 and 4 of an epoch read (§3.2): D, each operator's active stake and the supply
 * as they are when the epoch's processing begins, before step 1 adds this epoch's issuance.
 */
export interface EpochStart {
  /** Index `e` of the epoch being processed (= the count of epochs processed before it). */
  readonly epoch: number;
  /** D = Σ active at the start. */
  readonly stake: bigint;
  readonly supply: bigint;
  /** Active stake by operator index at the start (a copy: step 1 writes the live list). */
  readonly actives: readonly bigint[];
}
