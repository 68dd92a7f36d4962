import { errors } from './errors.js';
import { defineMechanism } from '../../kernel/index.js';
import { addChallenger } from './addChallenger.js';
import { approve } from './approve.js';
import { deliverDue } from './bridge.js';
import { burn } from './burn.js';
import { challengeState } from './challengeState.js';
import { claimChallengeReward } from './claimChallengeReward.js';
import { claimCommission } from './claimCommission.js';
import { claimProveRemaining } from './claimProveRemaining.js';
import { claimReward } from './claimReward.js';
import { claimSlashRemaining } from './claimSlashRemaining.js';
import { claimUndelegation } from './claimUndelegation.js';
import { claimWithdrawal } from './claimWithdrawal.js';
import { cleanDistributions } from './cleanDistributions.js';
import { cleanStakerStoreAction } from './cleanStakerStore.js';
import { commitBatch } from './commitBatch.js';
import { decreaseAllowance } from './decreaseAllowance.js';
import { delegateStake } from './delegateStake.js';
import { finalizeBatch } from './finalizeBatch.js';
import { applyGenesis } from './genesis.js';
import { increaseAllowance } from './increaseAllowance.js';
import { invariants } from './invariants.js';
import { assetsOf, paramsSchema, presets, type SequencerStakingParams } from './params.js';
import { proveState } from './proveState.js';
import { queries } from './queries.js';
import { economyOf } from './economy.js';
import { distributionOf } from './stakeDistribution.js';
import { recordFinalizedBatchSubmissions } from './recordFinalizedBatchSubmissions.js';
import { recordRewardEpochs } from './recordRewardEpochs.js';
import { recordRollupEpochs } from './recordRollupEpochs.js';
import { redelegateStake } from './redelegateStake.js';
import { register } from './register.js';
import { removeChallenger } from './removeChallenger.js';
import { removeStaker } from './removeStaker.js';
import { resolveChallenge } from './resolveChallenge.js';
import { restricted } from './restricted.js';
import { revertBatch } from './revertBatch.js';
import { setCommissionRate } from './setCommissionRate.js';
import { setLatestRewardEpochBlock } from './setLatestRewardEpochBlock.js';
import { setOracleAddress } from './setOracleAddress.js';
import { setPause } from './setPause.js';
import { startReward } from './startReward.js';
import { SeqState, seqOf } from './state.js';
import { sync } from './sync.js';
import { transfer } from './transfer.js';
import { transferFrom } from './transferFrom.js';
import { undelegateStake } from './undelegateStake.js';
import { updateChallengeDeposit } from './updateChallengeDeposit.js';
import { updateFinalizePeriodSeconds } from './updateFinalizePeriodSeconds.js';
import { updateGasLimitAddStaker } from './updateGasLimitAddStaker.js';
import { updateGasLimitRemoveStakers } from './updateGasLimitRemoveStakers.js';
import { updateProofRewardPercent } from './updateProofRewardPercent.js';
import { updateProofWindow } from './updateProofWindow.js';
import { updateRate } from './updateRate.js';
import { updateRewardPercentage } from './updateRewardPercentage.js';
import { updateRewardStartTime } from './updateRewardStartTime.js';
import { updateSequencerSetMaxSize } from './updateSequencerSetMaxSize.js';
import { updateStakingValue } from './updateStakingValue.js';
import { updateVerifier } from './updateVerifier.js';
import { updateWhitelist } from './updateWhitelist.js';
import { withdraw } from './withdraw.js';

/**
 * Morph-style sequencer staking (L1Staking, the L1→L2 bridge, L2Staking, Sequencer, MorphToken,
 * Record, Distribute and the Rollup with BLS batches and the challenge game; v0.4.x).
 * Reference: sequencer-staking spec, sections 1–14; guide: docs/mechanisms/sequencer-staking.md. Actions are listed by contract.
 */
export const sequencerStakingModule = defineMechanism({
  kind: 'sequencerStaking',
  summary: 'L1 ETH staking with whitelist and lock, L1→L2 bridge, L2 MORPH delegation, top-X sequencer set',
  presets,
  defaultPreset: 'morph-v0.4',
  params: { schema: paramsSchema },
  assets: assetsOf,
  errors,
  create(ctx, params: SequencerStakingParams) {
    const seq = seqOf(ctx, params, new SeqState(ctx.store, params, ctx.clock.time));
    applyGenesis(seq);
    const escrow = () => ({ ETH: seq.state.escrowL1Staking.get() + seq.state.escrowRollup.get(), MORPH: seq.state.escrowL2Staking.get() + seq.state.escrowDistribute.get() });
    return {
      actions: {
        // L1Staking (8.1)
        updateWhitelist: updateWhitelist(seq),
        register: register(seq),
        withdraw: withdraw(seq),
        removeStaker: removeStaker(seq),
        claimWithdrawal: claimWithdrawal(seq),
        cleanStakerStore: cleanStakerStoreAction(seq),
        claimSlashRemaining: claimSlashRemaining(seq),
        updateStakingValue: updateStakingValue(seq),
        updateGasLimitAddStaker: updateGasLimitAddStaker(seq),
        updateGasLimitRemoveStakers: updateGasLimitRemoveStakers(seq),
        updateChallengeDeposit: updateChallengeDeposit(seq),
        updateRewardPercentage: updateRewardPercentage(seq),
        // L2Staking (8.5)
        delegateStake: delegateStake(seq),
        undelegateStake: undelegateStake(seq),
        redelegateStake: redelegateStake(seq),
        claimUndelegation: claimUndelegation(seq),
        setCommissionRate: setCommissionRate(seq),
        startReward: startReward(seq),
        updateSequencerSetMaxSize: updateSequencerSetMaxSize(seq),
        updateRewardStartTime: updateRewardStartTime(seq),
        // Distribute (8.10)
        claimReward: claimReward(seq),
        claimCommission: claimCommission(seq),
        cleanDistributions: cleanDistributions(seq),
        // MorphToken (8.8)
        updateRate: updateRate(seq),
        burn: burn(seq),
        transfer: transfer(seq),
        approve: approve(seq),
        transferFrom: transferFrom(seq),
        increaseAllowance: increaseAllowance(seq),
        decreaseAllowance: decreaseAllowance(seq),
        // Rollup (8.7, slashing 8.2)
        commitBatch: commitBatch(seq),
        challengeState: challengeState(seq),
        proveState: proveState(seq),
        resolveChallenge: resolveChallenge(seq),
        finalizeBatch: finalizeBatch(seq),
        claimChallengeReward: claimChallengeReward(seq),
        revertBatch: revertBatch(seq),
        setPause: setPause(seq),
        addChallenger: addChallenger(seq),
        removeChallenger: removeChallenger(seq),
        updateProofWindow: updateProofWindow(seq),
        updateFinalizePeriodSeconds: updateFinalizePeriodSeconds(seq),
        updateProofRewardPercent: updateProofRewardPercent(seq),
        updateVerifier: updateVerifier(seq),
        claimProveRemaining: claimProveRemaining(seq),
        // Record (8.9)
        setOracleAddress: setOracleAddress(seq),
        setLatestRewardEpochBlock: setLatestRewardEpochBlock(seq),
        recordFinalizedBatchSubmissions: recordFinalizedBatchSubmissions(seq),
        recordRollupEpochs: recordRollupEpochs(seq),
        recordRewardEpochs: recordRewardEpochs(seq),
        // Restricted entry points (8.11): only another contract may call them; they fail for every sender.
        addStaker: restricted(seq, 'ONLY_OTHER_STAKING_CONTRACT_ALLOWED', 'L2Staking.addStaker'),
        removeStakers: restricted(seq, 'ONLY_OTHER_STAKING_CONTRACT_ALLOWED', 'L2Staking.removeStakers'),
        slash: restricted(seq, 'ONLY_ROLLUP_CONTRACT', 'L1Staking.slash'),
        updateSequencerSet: restricted(seq, 'ONLY_L2_STAKING_CONTRACT', 'Sequencer.updateSequencerSet'),
        notifyDelegation: restricted(seq, 'ONLY_L2_STAKING_CONTRACT_ALLOWED', 'Distribute.notifyDelegation'),
        notifyUndelegation: restricted(seq, 'ONLY_L2_STAKING_CONTRACT_ALLOWED', 'Distribute.notifyUndelegation'),
        mintInflations: restricted(seq, 'ONLY_RECORD_CONTRACT_ALLOWED', 'MorphToken.mintInflations'),
        updateEpochReward: restricted(seq, 'ONLY_RECORD_CONTRACT_ALLOWED', 'Distribute.updateEpochReward'),
      },
      queries: { ...queries(seq), ...distributionOf(seq), ...economyOf(seq) },
      sync: () => sync(seq),
      onBlock() {
        sync(seq);
        deliverDue(seq);
      },
      invariants: invariants(seq),
      restore: () => seq.state.rebuildCaches(),
      escrow,
    };
  },
});

export type { SequencerStakingParams };
export { SeqState };
