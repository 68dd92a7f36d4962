import { errors } from './errors.js';
import { defineMechanism } from '../../kernel/index.js';
import { addToWhitelist } from './addToWhitelist.js';
import { addWorker } from './addWorker.js';
import { checkAndMaybeForceWithdraw } from './checkAndMaybeForceWithdraw.js';
import { claimOwnerRewards } from './claimOwnerRewards.js';
import { claimRewards } from './claimRewards.js';
import { claimStakerRewards } from './claimStakerRewards.js';
import { contribute } from './contribute.js';
import { create } from './create.js';
import { forceAssignReward } from './forceAssignReward.js';
import { genesisSchema, loadGenesis, type StakePoolGenesis } from './genesis.js';
import { invariants } from './invariants.js';
import { onBlock } from './onBlock.js';
import { assetsOf, paramsSchema, presets, type StakePoolParams } from './params.js';
import { queries } from './queries.js';
import { distributionOf } from './stakeDistribution.js';
import { reclaimWorker } from './reclaimWorker.js';
import { reconcileWithdrawQueue } from './reconcileWithdrawQueue.js';
import { registerWorker } from './registerWorker.js';
import { removeFromWhitelist } from './removeFromWhitelist.js';
import { removeWorker } from './removeWorker.js';
import { restartComputing } from './restartComputing.js';
import { setCap } from './setCap.js';
import { setCommission } from './setCommission.js';
import { setPoolDescription } from './setPoolDescription.js';
import { settle } from './settle.js';
import { startComputing } from './startComputing.js';
import { StakePoolState, type Sp } from './state.js';
import { economyOf, recordSubsidyGenesis } from './economy.js';
import { stopComputing } from './stopComputing.js';
import { withdraw } from './withdraw.js';

/**
 * Delegated stake pools (Phala StakePool v1 + mining pallet, Aug 2022). Reference: stake-pool spec; guide: docs/mechanisms/stake-pool.md.
 * Delegated PHA stays in the delegator's account under the `phala/sp` lock: no escrow, no mint, no burn.
 */
export const stakePoolModule = defineMechanism({
  kind: 'stakePool',
  summary: 'delegated stake pools: workers, commission, cap, free delegation, FIFO withdrawal queue, grace period, cooldown, slashing, built-in computation model',
  presets,
  defaultPreset: 'phala-khala-v1',
  params: { schema: paramsSchema },
  assets: assetsOf,
  errors,
  genesisSchema,
  create(ctx, params: StakePoolParams, genesis: StakePoolGenesis | undefined) {
    const state = new StakePoolState(ctx.store, params);
    const fixtures = loadGenesis(ctx, state, genesis);
    state.genesis.set({ fixtures, halvingStartBlock: params.computation.halvingStartBlock ?? ctx.clock.height });
    const sp: Sp = {
      ctx,
      params,
      state,
      get fixtures() {
        return state.genesis.get().fixtures;
      },
      get halvingStartBlock() {
        return state.genesis.get().halvingStartBlock;
      },
    };
    recordSubsidyGenesis(sp);
    return {
      actions: {
        registerWorker: registerWorker(sp),
        create: create(sp),
        addWorker: addWorker(sp),
        removeWorker: removeWorker(sp),
        setCap: setCap(sp),
        setCommission: setCommission(sp),
        addToWhitelist: addToWhitelist(sp),
        removeFromWhitelist: removeFromWhitelist(sp),
        setPoolDescription: setPoolDescription(sp),
        contribute: contribute(sp),
        withdraw: withdraw(sp),
        startComputing: startComputing(sp),
        stopComputing: stopComputing(sp),
        restartComputing: restartComputing(sp),
        reclaimWorker: reclaimWorker(sp),
        claimRewards: claimRewards(sp),
        claimOwnerRewards: claimOwnerRewards(sp),
        claimStakerRewards: claimStakerRewards(sp),
        checkAndMaybeForceWithdraw: checkAndMaybeForceWithdraw(sp),
        reconcileWithdrawQueue: reconcileWithdrawQueue(sp),
        settle: settle(sp),
        forceAssignReward: forceAssignReward(sp),
      },
      queries: { ...queries(sp), ...distributionOf(sp), ...economyOf(sp) },
      onBlock: () => onBlock(sp),
      invariants: invariants(sp),
      restore: () => state.rebuildCaches(),
      /** Tests: run the computation model's plain reference (`runComputationReference`) instead of the fast path. */
      useReferenceComputation(on: boolean): void {
        state.referenceComputation = on;
      },
      escrow: () => ({}),
    };
  },
});

export type { StakePoolParams };
export { StakePoolState };
export { hasExpiredWithdrawal, type PoolSnapshot } from './hasExpiredWithdrawal.js';
