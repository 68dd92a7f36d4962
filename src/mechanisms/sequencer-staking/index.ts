import { z } from 'zod';
import type { Mechanism, MechanismModule } from '../../kernel/index.js';
import { deliverDue } from './bridge.js';
import { claimUndelegation } from './claimUndelegation.js';
import { claimWithdrawal } from './claimWithdrawal.js';
import { delegateStake } from './delegateStake.js';
import { applyGenesis } from './genesis.js';
import { invariants } from './invariants.js';
import { claimSlashRemaining, cleanStakerStoreAction, l1OwnerUpdates, updateWhitelist } from './l1Owner.js';
import { restricted, setCommissionRate, startReward, updateRewardStartTime, updateSequencerSetMaxSize } from './l2Owner.js';
import { assetsOf, parseParams, presets, type SequencerStakingParams } from './params.js';
import { queries } from './queries.js';
import { redelegateStake } from './redelegateStake.js';
import { register } from './register.js';
import { removeStaker } from './removeStaker.js';
import { SeqState, seqOf } from './state.js';
import { sync } from './sync.js';
import { undelegateStake } from './undelegateStake.js';
import { withdraw } from './withdraw.js';
import { tokenActions } from './token.js';
import { rollupActions, rollupQueries } from './rollup.js';
import { recordActions } from './record.js';
import { claimCommission, claimReward, cleanDistributions } from './distribute.js';

/**
 * Morph-style sequencer staking (L1Staking, the L1→L2 bridge, L2Staking, Sequencer; v0.4.x).
 * Spec: shared/spec/sequencer-staking.md, sections 1–7, 8.1, 8.3–8.6. Rollups, challenges,
 * slashing and rewards (8.2, 8.7–8.10) come next; their seams are the delegation records
 * (notify.ts), the ranking index, epochBlocks and the recorder step of sync.
 */
export const sequencerStakingModule: MechanismModule<SequencerStakingParams, undefined> = {
  kind: 'sequencerStaking',
  summary: 'L1 ETH staking with whitelist and lock, L1→L2 bridge, L2 MORPH delegation, top-X sequencer set',
  presets,
  defaultPreset: 'morph-v0.4',
  params: parseParams,
  assets: assetsOf,
  genesisSchema: z.undefined(),
  create(ctx, params): Mechanism {
    const seq = seqOf(ctx, params, new SeqState(ctx.store, params, ctx.clock.time));
    applyGenesis(seq);
    const escrow = () => ({ ETH: seq.state.escrowL1Staking.get() + seq.state.escrowRollup.get(), MORPH: seq.state.escrowL2Staking.get() + seq.state.escrowDistribute.get() });
    return {
      actions: {
        updateWhitelist: updateWhitelist(seq),
        register: register(seq),
        withdraw: withdraw(seq),
        removeStaker: removeStaker(seq),
        claimWithdrawal: claimWithdrawal(seq),
        cleanStakerStore: cleanStakerStoreAction(seq),
        claimSlashRemaining: claimSlashRemaining(seq),
        ...l1OwnerUpdates(seq),
        delegateStake: delegateStake(seq),
        undelegateStake: undelegateStake(seq),
        redelegateStake: redelegateStake(seq),
        claimUndelegation: claimUndelegation(seq),
        setCommissionRate: setCommissionRate(seq),
        startReward: startReward(seq),
        updateSequencerSetMaxSize: updateSequencerSetMaxSize(seq),
        updateRewardStartTime: updateRewardStartTime(seq),
        claimReward: claimReward(seq),
        claimCommission: claimCommission(seq),
        cleanDistributions: cleanDistributions(seq),
        ...tokenActions(seq),
        ...rollupActions(seq),
        ...recordActions(seq),
        ...restricted(seq),
      },
      queries: { ...queries(seq), ...rollupQueries(seq) },
      sync: () => sync(seq),
      onBlock() {
        sync(seq);
        deliverDue(seq);
      },
      invariants: () => invariants(seq),
      restore: () => seq.state.rebuildCaches(),
      escrow,
    };
  },
};

export type { SequencerStakingParams };
export { SeqState };
