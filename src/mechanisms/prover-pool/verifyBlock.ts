import { checkedMul, checkedSub, checkedUint, MAX_UINT16, MAX_UINT32, StakeworksError, wrapUint, ZERO_ADDRESS } from '../../kernel/index.js';
import { blockFee, movingAverage } from './fees.js';
import { ORACLE_ADDRESS } from './params.js';
import { release } from './release.js';
import { slash } from './slash.js';
import type { Block, ForkChoice, Pool } from './state.js';

/**
 * §5.11 `verifyOne`: settles one proven block. The case table decides the reward (and whom to
 * slash); only an in-window proof by the assigned prover moves the fee and delay averages.
 * Products are checked at `feeMathBits` (uint32 in alpha-4) and fail ARITHMETIC_OVERFLOW.
 */
export function verifyBlock(pool: Pool, blk: Block, fc: ForkChoice, fcId: number): void {
  const { ctx, params, state } = pool;
  const bits = params.feeMathBits;
  const A = blk.assignedProver;
  if (A === ZERO_ADDRESS) state.numOpenBlocks.set(state.numOpenBlocks.get() - 1);
  else if (!blk.proverReleased) release(pool, A);

  const gas = checkedUint(BigInt(params.blockFeeBaseGas) + BigInt(fc.gasUsed), bits, 'gas');
  const base = checkedMul(gas, blk.rewardPerGas, bits, 'proof reward');
  const blockId = BigInt(blk.blockId);
  let reward: bigint;

  if (fc.prover === ORACLE_ADDRESS) {
    reward = base;
  } else if (A === ZERO_ADDRESS) {
    reward = checkedMul(base, BigInt(params.rewardOpenMultiplier), 64, 'open reward') / 100n;
  } else if (fc.prover !== A && fc.prover === blk.backupProver && blk.backupProver !== ZERO_ADDRESS && fc.provenAt <= blk.proposedAt + blk.backupWindow) {
    reward = checkedMul(gas, blk.backupRewardPerGas, bits, 'backup reward');
    slash(pool, blockId, A, reward);
  } else if (fc.prover !== A) {
    const rate = params.rewardOpenRate === 'rewardPerGas' ? blk.rewardPerGas : BigInt(blk.feePerGas);
    reward = checkedMul(checkedMul(gas, rate, bits, 'open reward'), BigInt(params.rewardOpenMultiplier), 64, 'open reward') / 100n;
    slash(pool, blockId, A, reward);
  } else if (fc.provenAt <= blk.proposedAt + blk.proofWindow) {
    const delay = fc.provenAt - blk.proposedAt;
    // The reference computes the penalty product unchecked in uint64.
    const penalty = wrapUint(base * BigInt(delay) * BigInt(params.rewardMaxDelayPenalty), 64) / 10_000n / BigInt(blk.proofWindow);
    reward = checkedSub(base, penalty, bits, 'proof reward');
    state.avgProofDelay.set(Number(movingAverage(params, BigInt(state.avgProofDelay.get()), BigInt(delay)) & MAX_UINT16));
    state.feePerGas.set(Number(movingAverage(params, BigInt(state.feePerGas.get()), blk.rewardPerGas) & MAX_UINT32));
  } else {
    reward = 0n;
    slash(pool, blockId, A, base);
  }

  state.blocks.set(blk.blockId, { ...blk, verifiedForkChoiceId: fcId });
  const unused = checkedSub(BigInt(blk.gasLimit) + BigInt(params.anchorGas), BigInt(fc.gasUsed), bits, 'unused gas');
  const refund = checkedMul(unused, BigInt(blk.feePerGas), bits, 'refund');
  state.writeBalance(blk.proposer, state.balance(blk.proposer) + refund);
  state.writeBalance(fc.prover, state.balance(fc.prover) + reward);
  state.addTotals({ refunds: refund, rewards: reward });
  ctx.emit('BlockVerified', () => ({
    blockId: blk.blockId,
    blockHash: fc.blockHash,
    prover: fc.prover,
    blockFee: blockFee(params, state.feePerGas.get(), fc.gasUsed),
    proofReward: reward,
  }));
}

/**
 * §5.11 `verify`: walks the chain of fork choices from the last verified block, verifying each
 * block whose cooldown is over (strictly), up to `maxBlocks`. With `tolerant` (the block hook) a
 * block that fails with a StakeworksError is rolled back alone and the walk stops there; any other
 * exception, and without `tolerant` every error, propagates and the caller's whole unit fails.
 */
export function verifyBlocksUpTo(pool: Pool, maxBlocks: bigint, tolerant: boolean): number {
  const { ctx, params, state } = pool;
  const last = state.lastVerifiedBlockId.get();
  const lastBlock = state.block(last)!;
  let h = lastBlock.forkChoices[lastBlock.verifiedForkChoiceId - 1]!.blockHash;
  const numBlocks = state.numBlocks.get();
  const now = ctx.clock.time;
  let processed = 0;
  for (let i = last + 1; i < numBlocks && BigInt(processed) < maxBlocks; i++) {
    const blk = state.block(i)!;
    const k = blk.forkChoices.findIndex((f) => f.parentHash === h);
    if (k < 0) break;
    const fc = blk.forkChoices[k]!;
    const cooldown = fc.prover === ORACLE_ADDRESS ? params.proofOracleCooldown : params.proofRegularCooldown;
    if (now <= fc.provenAt + cooldown) break;
    if (tolerant) {
      try {
        ctx.atomic(() => verifyBlock(pool, blk, fc, k + 1));
      } catch (err) {
        // §5.11: the hook stops before an unverifiable block, silently. Only a protocol or
        // arithmetic error (a StakeworksError) makes a block unverifiable; anything else is a bug.
        if (err instanceof StakeworksError) break;
        throw err;
      }
    } else {
      verifyBlock(pool, blk, fc, k + 1);
    }
    h = fc.blockHash;
    processed++;
  }
  if (processed > 0) {
    state.lastVerifiedAt.set(now);
    state.lastVerifiedBlockId.set(last + processed);
    ctx.emit('CrossChainSynced', () => ({ srcHeight: last + processed, blockHash: h }));
  }
  return processed;
}

/**
 * §5.11 with `verification: transaction` (the reference): the end of `proposeBlock` and
 * `proveBlock`, inside the same unit; a block that cannot be verified fails the whole transaction.
 */
export function verifyInTransaction(pool: Pool): void {
  const max = pool.params.blockMaxVerificationsPerTx;
  if (pool.params.verification === 'transaction' && max > 0) verifyBlocksUpTo(pool, BigInt(max), false);
}
