import { z } from 'zod';
import { address, InvalidArgumentError, smallUint, uint, type MechanismContext } from '../../kernel/index.js';
import { fxArg, workerArg, pidArg } from './schemas.js';
import { LOCK_ID, PHA, type StakePoolState } from './state.js';

const amount = uint(128);

/** §5.7: pre-registered workers, and fixtures for regression vectors (loaded as given, unchecked). */
export const genesisSchema = z.strictObject({
  workers: z
    .array(z.strictObject({ worker: workerArg, operator: address, initialScore: smallUint(32).nullish(), confidenceLevel: smallUint(8) }))
    .optional(),
  poolCount: smallUint(53).optional(),
  pools: z
    .array(
      z.strictObject({
        pid: pidArg,
        owner: address,
        commission: smallUint(32).nullish(),
        ownerReward: amount.optional(),
        cap: amount.nullish(),
        rewardAcc: fxArg.optional(),
        totalShares: amount.optional(),
        totalStake: amount.optional(),
        freeStake: amount.optional(),
        releasingStake: amount.optional(),
        workers: z.array(z.never()).optional(),
        withdrawQueue: z.array(z.strictObject({ user: address, shares: amount, startTime: smallUint(53) })).optional(),
      }),
    )
    .optional(),
  stakers: z
    .array(
      z.strictObject({
        pid: pidArg,
        user: address,
        locked: amount.optional(),
        shares: amount.optional(),
        availableRewards: amount.optional(),
        rewardDebt: amount.optional(),
      }),
    )
    .optional(),
  ledger: z.record(z.string(), amount).optional(),
});

export type StakePoolGenesis = z.output<typeof genesisSchema>;

/** Pool counters stay far from 2^53 so that the next pid is always exact. */
const MAX_POOL_COUNT = 2 ** 48;

/** The same worker, pool, staker or ledger account given twice is a mistake, not a sum or an overwrite. */
function refuseRepeats(field: string, ids: string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new InvalidArgumentError(`genesis.stakePool.${field}: ${id} is given twice`, { field, id }, 'stakePool');
    seen.add(id);
  }
}

/** Loads genesis; returns true when fixtures were given (invariants are then not asserted). */
export function loadGenesis(ctx: MechanismContext, state: StakePoolState, g: StakePoolGenesis | undefined): boolean {
  if (!g) return false;
  refuseRepeats('workers', (g.workers ?? []).map((w) => w.worker));
  refuseRepeats('pools', (g.pools ?? []).map((p) => `${p.pid}`));
  refuseRepeats('stakers', (g.stakers ?? []).map((s) => `${s.pid}/${s.user}`));
  refuseRepeats('ledger', Object.keys(g.ledger ?? {}).map((who) => address.parse(who)));
  if (g.poolCount !== undefined && g.poolCount > MAX_POOL_COUNT) {
    throw new InvalidArgumentError(`genesis.stakePool.poolCount is ${g.poolCount}; at most ${MAX_POOL_COUNT} (pids are u64 in the reference, but must stay exact here)`, { field: 'poolCount' }, 'stakePool');
  }
  for (const w of g.workers ?? []) state.workers.set(w.worker, { operator: w.operator, initialScore: w.initialScore ?? null, confidenceLevel: w.confidenceLevel });
  const fixtures = g.poolCount !== undefined || g.pools !== undefined || g.stakers !== undefined || g.ledger !== undefined;
  if (g.poolCount !== undefined) state.poolCount.set(g.poolCount);
  for (const p of g.pools ?? []) {
    state.pools.set(p.pid, {
      pid: p.pid,
      owner: p.owner,
      commission: p.commission ?? null,
      ownerReward: p.ownerReward ?? 0n,
      cap: p.cap ?? null,
      rewardAcc: p.rewardAcc ?? 0n,
      totalShares: p.totalShares ?? 0n,
      totalStake: p.totalStake ?? 0n,
      freeStake: p.freeStake ?? 0n,
      releasingStake: p.releasingStake ?? 0n,
      workers: [],
      withdrawQueue: p.withdrawQueue ?? [],
    });
  }
  for (const s of g.stakers ?? []) {
    state.setStaker(s.pid, { user: s.user, locked: s.locked ?? 0n, shares: s.shares ?? 0n, availableRewards: s.availableRewards ?? 0n, rewardDebt: s.rewardDebt ?? 0n });
  }
  for (const [who, v] of Object.entries(g.ledger ?? {})) {
    const a = address.parse(who);
    if (v === 0n) continue;
    state.stakeLedger.set(a, v);
    ctx.ledger.setLock(PHA, a, LOCK_ID, v);
  }
  return fixtures;
}
