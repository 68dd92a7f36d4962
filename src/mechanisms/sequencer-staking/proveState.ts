import { z } from 'zod';
import { action, argsOf, bytes32, smallUint, ZERO_ADDRESS } from '../../kernel/index.js';
import { batchInChallenge, ZERO_HASH } from './batchStatus.js';
import { credit } from './challengeReward.js';
import { notPaused, notReverting } from './rollupGuards.js';
import { slash } from './slash.js';
import type { Challenge, Seq } from './state.js';

const args = argsOf({ batchIndex: smallUint(53), batchHash: bytes32, proof: z.string().regex(/^0x([0-9a-fA-F]{2})*$/) });

/** The proof window is over: the challenger wins, the batch must be reverted and its signers are slashed (8.2). */
function challengerWins(seq: Seq, i: number, c: Challenge): void {
  const st = seq.state;
  st.challenges.set(i, { ...c, finished: true, challengeSuccess: true });
  st.inChallenge.set(false);
  st.revertReqIndex.set(i);
  const reward = slash(seq, st.batchData.get(i)?.signedSequencersBitmap ?? 0n);
  credit(seq, c.challenger, c.challengeDeposit + reward);
  seq.ctx.emit('ChallengeRes', { batchIndex: i, winner: c.challenger, res: 'Timeout' });
}

/**
 * Spec 8.7 proveState: after the proof window it applies the timeout; inside it a non-empty proof
 * is recorded as pending. Proofs are not checked: the `verifier` rules with `resolveChallenge`.
 */
export function proveState(seq: Seq) {
  return action({
    summary: 'active staker: defend a challenged batch (or apply the timeout)',
    args,
    run(sender, { batchIndex: i, batchHash, proof }) {
      const { ctx, state: st } = seq;
      notReverting(seq);
      notPaused(seq);
      if (!st.isActiveStaker(sender)) ctx.fail('ONLY_ACTIVE_STAKER_ALLOWED', 'only active staker allowed', { sender });
      if ((st.committedBatches.get(i) ?? ZERO_HASH) !== batchHash.toLowerCase()) ctx.fail('INCORRECT_BATCH_HASH', 'incorrect batch hash');
      if (!batchInChallenge(seq, i)) ctx.fail('BATCH_IN_CHALLENGE', 'batch in challenge (no open challenge on this batch)');
      const c = st.challenges.get(i)!;
      if (c.pendingProver !== ZERO_ADDRESS) ctx.fail('PROOF_PENDING', 'a proof is pending on this challenge');
      if (c.startTime + st.u.proofWindow <= ctx.clock.time) {
        challengerWins(seq, i, c);
        return;
      }
      if (proof === '0x') ctx.fail('INVALID_BATCH_PROOF', 'invalid batch proof');
      st.challenges.set(i, { ...c, pendingProver: sender });
      ctx.emit('ProofSubmitted', { batchIndex: i, prover: sender });
    },
  });
}
