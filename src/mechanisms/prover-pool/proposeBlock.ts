import { action, argsOf, bytes32, jsonInt, smallUint, ZERO_ADDRESS, ZERO_HASH } from '../../kernel/index.js';
import { draw } from './draw.js';
import { backupWindowFor, blockFee, proofWindowFor } from './fees.js';
import type { Block, Pool } from './state.js';
import { verifyInTransaction } from './verifyBlock.js';

const args = argsOf({ gasLimit: smallUint(32).optional(), txListHash: bytes32.optional() });

/**
 * §5.9: draw the prover first (its capacity change is undone with any later failure), validate,
 * open a block, charge the block fee from the proposer's internal balance.
 */
export function proposeBlock(pool: Pool) {
  return action({
    summary: 'propose the next L2 block: a prover is drawn and the block fee is charged',
    args,
    run(sender, { gasLimit, txListHash }) {
      const { ctx, params, state } = pool;
      if (params.proposer !== null && sender !== params.proposer) {
        ctx.fail('L1_PERMISSION_DENIED', `only ${params.proposer} may propose blocks`, { sender });
      }
      const blockId = state.numBlocks.get();
      const feePerGas = state.feePerGas.get();
      const d = draw(pool, BigInt(blockId), feePerGas);

      const requested = gasLimit ?? params.blockMaxGasLimit;
      if (requested < 1 || requested > params.blockMaxGasLimit) {
        ctx.fail('L1_INVALID_METADATA', `gasLimit must be in 1..${params.blockMaxGasLimit}`, { gasLimit: requested });
      }
      const blockGasLimit = params.fixedGasLimit ? params.blockMaxGasLimit : requested;
      if (blockId >= state.lastVerifiedBlockId.get() + params.blockMaxProposals + 1) {
        ctx.fail('L1_TOO_MANY_BLOCKS', `at most ${params.blockMaxProposals} unverified blocks`, { numBlocks: blockId });
      }

      const now = ctx.clock.time;
      let assignment: Pick<Block, 'assignedProver' | 'rewardPerGas' | 'proofWindow' | 'backupProver' | 'backupRewardPerGas' | 'backupWindow'>;
      if (d.prover === ZERO_ADDRESS) {
        if (!params.openBlocks) ctx.fail('NO_PROVER_AVAILABLE', 'no staked prover with capacity can be drawn', { feePerGas });
        if (state.numOpenBlocks.get() >= params.rewardOpenMaxCount) {
          ctx.fail('L1_TOO_MANY_OPEN_BLOCKS', `at most ${params.rewardOpenMaxCount} open blocks`, {});
        }
        assignment = { assignedProver: ZERO_ADDRESS, rewardPerGas: BigInt(feePerGas), proofWindow: 0, backupProver: ZERO_ADDRESS, backupRewardPerGas: 0n, backupWindow: 0 };
        state.numOpenBlocks.set(state.numOpenBlocks.get() + 1);
      } else {
        const avg = state.avgProofDelay.get();
        const proofWindow = proofWindowFor(params, avg);
        const hasBackup = d.backupProver !== ZERO_ADDRESS;
        assignment = {
          assignedProver: d.prover,
          rewardPerGas: d.rewardPerGas,
          proofWindow,
          backupProver: d.backupProver,
          backupRewardPerGas: hasBackup ? d.backupRewardPerGas : 0n,
          backupWindow: hasBackup ? backupWindowFor(params, avg, proofWindow) : proofWindow,
        };
      }

      const fee = blockFee(params, feePerGas, blockGasLimit);
      const balance = state.balance(sender);
      if (balance < fee) ctx.fail('L1_INSUFFICIENT_TOKEN', `internal balance ${balance} is below the block fee ${fee}`, { balance, blockFee: fee });
      state.writeBalance(sender, balance - fee);
      state.addTotals({ blockFees: fee });

      const block: Block = {
        blockId,
        proposer: sender,
        proposedAt: now,
        gasLimit: blockGasLimit,
        feePerGas,
        txListHash: txListHash ?? ZERO_HASH,
        l1Height: ctx.clock.height - 1,
        l1Hash: ctx.clock.parentHash(),
        ...assignment,
        proverReleased: false,
        forkChoices: [],
        verifiedForkChoiceId: 0,
      };
      state.blocks.delete(blockId - params.blockRingBufferSize);
      state.blocks.set(blockId, block);
      ctx.emit('BlockProposed', () => ({
        blockId,
        assignedProver: block.assignedProver,
        rewardPerGas: jsonInt(block.rewardPerGas),
        feePerGas,
        meta: { id: blockId, timestamp: now, l1Height: block.l1Height, l1Hash: block.l1Hash, txListHash: block.txListHash, gasLimit: blockGasLimit },
        backupProver: block.backupProver,
      }));
      state.numBlocks.set(blockId + 1);
      verifyInTransaction(pool);
      return { blockId, assignedProver: block.assignedProver, rewardPerGas: jsonInt(block.rewardPerGas) };
    },
  });
}
