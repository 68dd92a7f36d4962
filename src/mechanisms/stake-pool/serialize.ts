import type { Sp } from './state.js';

/** Canonical state: plain data, maps sorted by key. The worker → pids index is a cache and excluded. */
export function serialize(sp: Sp): unknown {
  const s = sp.state;
  return {
    workers: new Map(s.workers.sortedEntries()),
    workerBindings: new Map(s.workerBindings.sortedEntries()),
    assignments: new Map(s.assignments.sortedEntries()),
    miners: new Map(s.miners.sortedEntries()),
    onlineMiners: s.onlineMiners.get(),
    pools: new Map(s.pools.sortedEntries()),
    stakers: new Map(s.stakers.sortedEntries()),
    stakeLedger: new Map(s.stakeLedger.sortedEntries()),
    whitelists: new Map(s.whitelists.sortedEntries()),
    descriptions: new Map(s.descriptions.sortedEntries()),
    poolCount: s.poolCount.get(),
    budgetPerBlock: s.budgetPerBlock.get(),
    withdrawalTimestamps: [...s.withdrawalTimestamps.toArray()],
    withdrawalQueuedPools: new Map(s.withdrawalQueuedPools.sortedEntries()),
    rewardBooks: new Map(s.rewardBooks.sortedEntries()),
  };
}
