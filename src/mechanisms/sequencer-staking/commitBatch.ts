import { z } from 'zod';
import { action, address, argsOf, bytes32, smallUint, uint, ZERO_ADDRESS, type Hex } from '../../kernel/index.js';
import { batchMessage, fastAggregateVerifyCached, resolveSignature } from './batchSignature.js';
import { ZERO_HASH } from './batchStatus.js';
import { SLOT_COUNT } from './params.js';
import { notPaused, notReverting } from './rollupGuards.js';
import { activeSetAt } from './sequencer.js';
import { stakersOfBitmap } from './stakersOfBitmap.js';
import type { BatchData, Seq } from './state.js';
import { l2Height } from './time.js';

const args = argsOf({
  batchIndex: smallUint(53),
  batchHash: bytes32,
  sequencerSetChange: z.array(address).default([]),
  signedSequencersBitmap: uint(256).default(0n),
  signature: z.string().default('0x'),
});

/** The open challenge's extra finalization time (startTime + proofWindow − now), or the release's underflow. */
function openChallengeExtra(seq: Seq): number {
  const st = seq.state;
  if (!st.inChallenge.get()) return 0;
  const c = st.challenges.get(st.batchChallenged.get())!;
  const extra = c.startTime + st.u.proofWindow - seq.ctx.clock.time;
  if (extra < 0) seq.ctx.fail('PANIC_ARITHMETIC', 'arithmetic underflow: proofWindow + startTime − now (a timed-out challenge waits for proveState)');
  return extra;
}

/**
 * Spec 8.7 commitBatch, both regimes: before BLS an active staker commits alone; with
 * `blsEnabled` anyone commits with an aggregate signature of more than 2/3 of the committee.
 */
export function commitBatch(seq: Seq) {
  return action({
    summary: 'commit a batch (before BLS: an active staker alone; with blsEnabled: anyone, with an aggregate signature of > 2/3 of the committee)',
    args,
    run(sender, a) {
      const { ctx, state: st } = seq;
      const blsOn = seq.params.blsEnabled;
      if (!blsOn && !st.isActiveStaker(sender)) ctx.fail('ONLY_ACTIVE_STAKER_ALLOWED', 'only active staker allowed', { sender });
      notReverting(seq);
      notPaused(seq);
      if (activeSetAt(st.sets.get(), l2Height(seq)).length === 0) ctx.fail('SEQUENCER_SET_EMPTY', 'the L2 is halted: empty sequencer set');
      const hash = (a.batchHash as string).toLowerCase() as Hex;
      if (hash === ZERO_HASH) ctx.fail('INVALID_BATCH_HASH', 'invalid batch hash');
      if (st.committedBatches.has(a.batchIndex)) ctx.fail('BATCH_ALREADY_COMMITTED', 'batch already committed', { batchIndex: a.batchIndex });
      if (a.batchIndex !== st.lastCommittedBatchIndex.get() + 1) ctx.fail('INCORRECT_BATCH_INDEX', 'incorrect batch index', { batchIndex: a.batchIndex });
      const extra = openChallengeExtra(seq);
      let bitmap: bigint;
      if (!blsOn) {
        bitmap = 1n << BigInt(st.stakerIndexes.get(sender)!);
      } else {
        const change = a.sequencerSetChange;
        if (change.length > SLOT_COUNT || new Set(change).size !== change.length || change.some((x) => !st.isStaker(x))) ctx.fail('INVALID_SEQUENCER_SET_CHANGE', 'invalid sequencer set change');
        let committee = st.latestSequencerSet.get();
        if (committee.length === 0) committee = change;
        if (committee.length === 0) ctx.fail('SEQUENCER_SET_EMPTY', 'no committee to sign the batch');
        const signers = stakersOfBitmap(seq, a.signedSequencersBitmap);
        for (const s of signers) if (s === ZERO_ADDRESS || !committee.includes(s)) ctx.fail('SIGNER_NOT_IN_SEQUENCER_SET', 'signer not in sequencer set', { signer: s });
        if (3 * signers.length <= 2 * committee.length) ctx.fail('INSUFFICIENT_SIGNERS', 'not more than two thirds of the sequencer set signed', { signers: signers.length, committee: committee.length });
        const msg = batchMessage(hash, change);
        const sig = resolveSignature(a.signature, msg);
        const ok = /^0x[0-9a-f]{192}$/.test(sig) && fastAggregateVerifyCached(signers.map((s) => st.l1Stakers.get(s)!.blsKey), msg, sig);
        if (!ok) ctx.fail('THE_SIGNATURE_VERIFICATION_FAILED', 'the signature verification failed');
        bitmap = a.signedSequencersBitmap;
        if (change.length > 0) st.latestSequencerSet.set([...change]);
      }
      const now = ctx.clock.time;
      st.committedBatches.set(a.batchIndex, hash);
      const data: BatchData = {
        originTimestamp: now,
        finalizeTimestamp: now + st.u.finalizationPeriodSeconds + extra,
        signedSequencersBitmap: bitmap,
        submitter: sender,
        ...(blsOn ? { sequencerSetAfter: [...st.latestSequencerSet.get()] } : {}),
      };
      st.batchData.set(a.batchIndex, data);
      st.lastCommittedBatchIndex.set(a.batchIndex);
      ctx.emit('CommitBatch', { batchIndex: a.batchIndex, batchHash: hash });
    },
  });
}
