import { action, argsOf, bool, smallUint, ZERO_ADDRESS, type Address } from '../../kernel/index.js';
import { batchInChallenge } from './batchStatus.js';
import { credit } from './challengeReward.js';
import { notPaused, notReverting } from './rollupGuards.js';
import type { Challenge, Seq } from './state.js';

const args = argsOf({ batchIndex: smallUint(53), defenderWins: bool });

/** The pending proof is accepted: the prover gets proofRewardPercent of the deposit, the rest is proveRemaining. */
function defenderWins(seq: Seq, i: number, c: Challenge, prover: Address): void {
  const st = seq.state;
  st.challenges.set(i, { ...c, finished: true, pendingProver: ZERO_ADDRESS });
  st.inChallenge.set(false);
  const proverReward = (c.challengeDeposit * st.u.proofRewardPercent) / 100n;
  st.proveRemaining.set(st.proveRemaining.get() + c.challengeDeposit - proverReward);
  credit(seq, prover, proverReward);
  seq.ctx.emit('ChallengeRes', { batchIndex: i, winner: prover, res: 'Proof success' });
}

/** The verifier's ruling on a pending proof (stands in for ZK verification): a rejection reopens the challenge. */
export function resolveChallenge(seq: Seq) {
  return action({
    summary: 'verifier: rule on the pending proof of a challenge',
    args,
    run(sender, { batchIndex: i, defenderWins: won }) {
      const { ctx, state: st } = seq;
      if (sender !== st.u.verifier) ctx.fail('ONLY_VERIFIER', 'only verifier', { sender });
      notReverting(seq);
      notPaused(seq);
      const c = st.challenges.get(i);
      if (!batchInChallenge(seq, i) || !c || c.pendingProver === ZERO_ADDRESS) ctx.fail('NO_PENDING_PROOF', 'no pending proof on this batch');
      const ch = c!;
      if (won) defenderWins(seq, i, ch, ch.pendingProver);
      else {
        st.challenges.set(i, { ...ch, pendingProver: ZERO_ADDRESS });
        ctx.emit('ProofRejected', { batchIndex: i, prover: ch.pendingProver });
      }
    },
  });
}
