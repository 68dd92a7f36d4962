import { action, address, argsOf, bytes32, smallUint, uint, ZERO_ADDRESS, ZERO_HASH } from '../../kernel/index.js';
import { l2Hash, ORACLE_ADDRESS } from './params.js';
import { release } from './release.js';
import type { ForkChoice, Pool } from './state.js';
import { verifyInTransaction } from './verifyBlock.js';

const args = argsOf({
  blockId: uint(256),
  gasUsed: smallUint(32),
  prover: address.optional(),
  parentHash: bytes32.optional(),
  blockHash: bytes32.optional(),
});

/**
 * §5.10: records a proof (every proof is taken as valid). The assigned prover may prove at any
 * time, the backup after the proof window, anyone after the backup window (or at once on an open
 * block); only `oracleProver` may credit the oracle address, and may overwrite a fork choice.
 */
export function proveBlock(pool: Pool) {
  return action({
    summary: 'prove a block (credited to the sender unless `prover` is given)',
    args,
    run(sender, a) {
      const { ctx, params, state } = pool;
      const prover = a.prover ?? sender;
      const parentHash = a.parentHash ?? (a.blockId === 0n ? ZERO_HASH : l2Hash(a.blockId - 1n));
      const blockHash = a.blockHash ?? l2Hash(a.blockId);
      if (prover === ZERO_ADDRESS || parentHash === ZERO_HASH || blockHash === ZERO_HASH || blockHash === parentHash || a.gasUsed === 0) {
        ctx.fail('L1_INVALID_EVIDENCE', 'prover, parentHash and blockHash must be non-zero, blockHash ≠ parentHash, gasUsed > 0', {
          prover,
          parentHash,
          blockHash,
          gasUsed: a.gasUsed,
        });
      }
      const numBlocks = state.numBlocks.get();
      const lastVerified = state.lastVerifiedBlockId.get();
      if (a.blockId <= BigInt(lastVerified) || a.blockId >= BigInt(numBlocks)) {
        ctx.fail('L1_BLOCK_ID', `block ${a.blockId} is not provable (verified up to ${lastVerified}, next id ${numBlocks})`, { blockId: a.blockId });
      }
      const blockId = Number(a.blockId);
      const blk = state.block(blockId)!;
      if (a.gasUsed > blk.gasLimit + params.anchorGas) {
        ctx.fail('L1_INVALID_EVIDENCE', `gasUsed ${a.gasUsed} exceeds gasLimit + anchorGas = ${blk.gasLimit + params.anchorGas}`, { gasUsed: a.gasUsed });
      }

      const now = ctx.clock.time;
      const assigned = blk.assignedProver;
      const isOracle = prover === ORACLE_ADDRESS;
      if (
        !isOracle &&
        assigned !== ZERO_ADDRESS &&
        prover !== assigned &&
        (now <= blk.proposedAt + blk.proofWindow || (prover !== blk.backupProver && now <= blk.proposedAt + blk.backupWindow))
      ) {
        ctx.fail('L1_NOT_PROVEABLE', `only ${assigned} may prove block ${blockId} now`, {
          assignedProver: assigned,
          proofWindowEnds: blk.proposedAt + blk.proofWindow,
          backupProver: blk.backupProver,
          backupWindowEnds: blk.proposedAt + blk.backupWindow,
        });
      }
      if (isOracle && sender !== params.oracleProver) {
        ctx.fail('L1_UNAUTHORIZED', 'only the oracle prover may submit oracle proofs', { sender, oracleProver: params.oracleProver });
      }

      const fc: ForkChoice = { parentHash, blockHash, prover, provenAt: now, gasUsed: a.gasUsed };
      const k = blk.forkChoices.findIndex((f) => f.parentHash === parentHash);
      let forkChoices: ForkChoice[];
      if (k < 0) {
        forkChoices = [...blk.forkChoices, fc];
      } else if (isOracle) {
        const old = blk.forkChoices[k]!;
        if (old.blockHash === blockHash && old.gasUsed === a.gasUsed) ctx.fail('L1_SAME_PROOF', 'the oracle proof repeats the existing one', { blockId });
        forkChoices = blk.forkChoices.map((f, j) => (j === k ? fc : f));
      } else {
        forkChoices = ctx.fail('L1_ALREADY_PROVEN', `block ${blockId} is already proven for parent ${parentHash}`, { blockId, parentHash });
      }

      let proverReleased = blk.proverReleased;
      if (!proverReleased && prover === assigned) {
        proverReleased = true;
        release(pool, assigned);
      }
      state.blocks.set(blockId, { ...blk, forkChoices, proverReleased });
      ctx.emit('BlockProven', () => ({ blockId, parentHash, blockHash, prover }));
      verifyInTransaction(pool);
    },
  });
}
