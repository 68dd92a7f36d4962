import { EMPTY_SLOT, type Pool } from './state.js';

/** Canonical state (§7.8): caches excluded, all-zero records and never-used slots omitted. */
export function serialize(pool: Pool): unknown {
  const { state } = pool;
  const slots = new Map<number, unknown>();
  state.slots.toArray().forEach((s, k) => {
    if (s !== EMPTY_SLOT && (s.owner !== EMPTY_SLOT.owner || s.stakedAmount !== 0n || s.rewardPerGas !== 0 || s.currentCapacity !== 0)) slots.set(k + 1, s);
  });
  return {
    slots,
    stakers: new Map(state.stakers.sortedEntries()),
    balances: new Map(state.balances.sortedEntries()),
    blocks: new Map(state.blocks.sortedEntries()),
    feePerGas: state.feePerGas.get(),
    avgProofDelay: state.avgProofDelay.get(),
    numBlocks: state.numBlocks.get(),
    lastVerifiedBlockId: state.lastVerifiedBlockId.get(),
    lastVerifiedAt: state.lastVerifiedAt.get(),
    numOpenBlocks: state.numOpenBlocks.get(),
    genesisHeight: state.genesisHeight,
    genesisTimestamp: state.genesisTimestamp,
    totals: state.totals.get(),
  };
}
