import { z } from 'zod';
import { address, argsOf, bool, bytes32, keccak256Hex, smallUint, toHex, uint, ZERO_ADDRESS, type ActionSpec, type Address, type Hex } from '../../kernel/index.js';
import { onlyOwner, requireFunds } from './auth.js';
import { bls, testSecretKey } from './bls.js';
import { sendRemoveStakers } from './bridge.js';
import { hexBytes } from './keys.js';
import { SLOT_COUNT } from './params.js';
import { activeSetAt } from './sequencer.js';
import type { BatchData, Challenge, Seq } from './state.js';
import { l2Height } from './time.js';

/**
 * Spec 8.7 (rollup batches, BLS commit rules, the challenge game with a verifier role) and
 * 8.2 (slashing). ZK proofs are not checked: the `verifier` account rules on a pending proof.
 */

const ZERO_HASH: Hex = `0x${'0'.repeat(64)}`;

/** m = keccak256(batchHash ‖ u16(n) ‖ a_1 ‖ … ‖ a_n) (spec 8.7). */
export function batchMessage(batchHash: Hex, change: readonly Address[]): Hex {
  const parts = [batchHash.slice(2), change.length.toString(16).padStart(4, '0'), ...change.map((a) => a.slice(2))];
  return keccak256Hex(hexBytes(`0x${parts.join('')}` as Hex));
}

/** The stakers a bitmap names (8.2 step 1), zero addresses kept. */
export function stakersOfBitmap(seq: Seq, bitmap: bigint): Address[] {
  let count = 0;
  for (let x = bitmap >> 1n; x > 0n; x >>= 1n) if (x & 1n) count++;
  const out: Address[] = [];
  for (let i = 1; i <= SLOT_COUNT && out.length < count; i++) if ((bitmap >> BigInt(i)) & 1n) out.push(seq.state.stakerSet.at(i - 1)!);
  return out;
}

/** Verdict cache by (keys, message, signature): verification is a pure function. */
const verdicts = new Map<string, boolean>();
function fastAggregateVerifyCached(pks: readonly Hex[], msg: Hex, sig: Hex): boolean {
  const key = `${pks.join(',')}|${msg}|${sig}`;
  let v = verdicts.get(key);
  if (v === undefined) {
    v = bls().fastAggregateVerify(pks.map(hexBytes), hexBytes(msg), hexBytes(sig));
    if (verdicts.size > 10_000) verdicts.clear();
    verdicts.set(key, v);
  }
  return v;
}

/** `testsign:A,B,…`: the aggregate of those test keys' signatures over m (spec 3.3). */
function resolveSignature(sig: string, msg: Hex): Hex {
  const m = /^testsign:(.+)$/.exec(sig);
  if (!m) return sig.toLowerCase() as Hex;
  const b = bls();
  const parts = m[1]!.split(',').map((n) => b.sign(testSecretKey(n.trim()), hexBytes(msg)));
  return toHex(b.aggregateSignatures(parts));
}

/** Spec 8.2 slash(bitmap): every named staker loses its whole stake at most once. Returns the challenger's reward. */
export function slash(seq: Seq, bitmap: bigint): bigint {
  const { ctx, state: st } = seq;
  const list = stakersOfBitmap(seq, bitmap).filter((a) => a !== ZERO_ADDRESS);
  let valueSum = 0n;
  const H = ctx.clock.height;
  for (const s of list) {
    if ((st.withdrawals.get(s) ?? 0) > 0) {
      st.withdrawals.delete(s);
      valueSum += st.stakedAmount.get(s) ?? 0n;
      st.stakedAmount.delete(s);
    } else if (!st.inDeleteList(s)) {
      valueSum += st.stakedAmount.get(s) ?? 0n;
      st.stakedAmount.delete(s);
      const h = H + seq.params.withdrawalLockBlocks;
      st.deleteList.push(s);
      st.deleteableHeight.set(s, h);
      st.whitelist.delete(s);
      st.removedList.set(s, true);
    }
  }
  const reward = (valueSum * st.u.rewardPercentage) / 100n;
  st.slashRemaining.set(st.slashRemaining.get() + valueSum - reward);
  st.escrowL1Staking.set(st.escrowL1Staking.get() - reward);
  st.escrowRollup.set(st.escrowRollup.get() + reward);
  ctx.emit('Slashed', { stakers: list });
  ctx.emit('StakersRemoved', { stakers: list });
  sendRemoveStakers(seq, list);
  return reward;
}

function batchExist(seq: Seq, i: number): boolean {
  return (seq.state.batchData.get(i)?.originTimestamp ?? 0) > 0 && seq.state.committedBatches.has(i);
}
function batchInChallenge(seq: Seq, i: number): boolean {
  const c = seq.state.challenges.get(i);
  return c !== undefined && c.challenger !== ZERO_ADDRESS && !c.finished;
}
function insideWindow(seq: Seq, i: number): boolean {
  return (seq.state.batchData.get(i)?.finalizeTimestamp ?? 0) > seq.ctx.clock.time;
}
function notReverting(seq: Seq): void {
  if (seq.state.revertReqIndex.get() !== 0) seq.ctx.fail('NEED_REVERT', 'need revert');
}
function notPaused(seq: Seq): void {
  if (seq.state.paused.get()) seq.ctx.fail('PAUSED', 'Pausable: paused');
}
function credit(seq: Seq, who: Address, amount: bigint): void {
  const m = seq.state.batchChallengeReward;
  const v = (m.get(who) ?? 0n) + amount;
  if (v === 0n) m.delete(who);
  else m.set(who, v);
}
/** The open challenge's extra finalization time (startTime + proofWindow − now), or the release's underflow. */
function openChallengeExtra(seq: Seq): number {
  const st = seq.state;
  if (!st.inChallenge.get()) return 0;
  const c = st.challenges.get(st.batchChallenged.get())!;
  const extra = c.startTime + st.u.proofWindow - seq.ctx.clock.time;
  if (extra < 0) seq.ctx.fail('PANIC_ARITHMETIC', 'arithmetic underflow: proofWindow + startTime − now (a timed-out challenge waits for proveState)');
  return extra;
}

function challengerWins(seq: Seq, i: number, c: Challenge): void {
  const st = seq.state;
  st.challenges.set(i, { ...c, finished: true, challengeSuccess: true });
  st.inChallenge.set(false);
  st.revertReqIndex.set(i);
  const reward = slash(seq, st.batchData.get(i)?.signedSequencersBitmap ?? 0n);
  credit(seq, c.challenger, c.challengeDeposit + reward);
  seq.ctx.emit('ChallengeRes', { batchIndex: i, winner: c.challenger, res: 'Timeout' });
}

function defenderWins(seq: Seq, i: number, c: Challenge, prover: Address): void {
  const st = seq.state;
  st.challenges.set(i, { ...c, finished: true, pendingProver: ZERO_ADDRESS });
  st.inChallenge.set(false);
  const proverReward = (c.challengeDeposit * st.u.proofRewardPercent) / 100n;
  st.proveRemaining.set(st.proveRemaining.get() + c.challengeDeposit - proverReward);
  credit(seq, prover, proverReward);
  seq.ctx.emit('ChallengeRes', { batchIndex: i, winner: prover, res: 'Proof success' });
}

const commitArgs = argsOf({
  batchIndex: smallUint(53),
  batchHash: bytes32,
  sequencerSetChange: z.array(address).default([]),
  signedSequencersBitmap: uint(256).default(0n),
  signature: z.string().default('0x'),
});

export function rollupActions(seq: Seq): Record<string, ActionSpec> {
  const { state: st } = seq;
  const fail = (code: string, msg: string, d?: Record<string, unknown>): never => seq.ctx.fail(code, msg, d);
  return {
    commitBatch: {
      summary: 'commit a batch (before BLS: an active staker alone; with blsEnabled: anyone, with an aggregate signature of > 2/3 of the committee)',
      args: commitArgs,
      run(sender: Address, a: z.output<typeof commitArgs>) {
        const { ctx } = seq;
        const blsOn = seq.params.blsEnabled;
        if (!blsOn && !st.isActiveStaker(sender)) fail('ONLY_ACTIVE_STAKER_ALLOWED', 'only active staker allowed', { sender });
        notReverting(seq);
        notPaused(seq);
        if (activeSetAt(st.sets.get(), l2Height(seq)).length === 0) fail('SEQUENCER_SET_EMPTY', 'the L2 is halted: empty sequencer set');
        const hash = (a.batchHash as string).toLowerCase() as Hex;
        if (hash === ZERO_HASH) fail('INVALID_BATCH_HASH', 'invalid batch hash');
        if (st.committedBatches.has(a.batchIndex)) fail('BATCH_ALREADY_COMMITTED', 'batch already committed', { batchIndex: a.batchIndex });
        if (a.batchIndex !== st.lastCommittedBatchIndex.get() + 1) fail('INCORRECT_BATCH_INDEX', 'incorrect batch index', { batchIndex: a.batchIndex });
        const extra = openChallengeExtra(seq);
        let bitmap: bigint;
        if (!blsOn) {
          bitmap = 1n << BigInt(st.stakerIndexes.get(sender)!);
        } else {
          const change = a.sequencerSetChange;
          if (change.length > SLOT_COUNT || new Set(change).size !== change.length || change.some((x) => !st.isStaker(x))) fail('INVALID_SEQUENCER_SET_CHANGE', 'invalid sequencer set change');
          let committee = st.latestSequencerSet.get();
          if (committee.length === 0) committee = change;
          if (committee.length === 0) fail('SEQUENCER_SET_EMPTY', 'no committee to sign the batch');
          const signers = stakersOfBitmap(seq, a.signedSequencersBitmap);
          for (const s of signers) if (s === ZERO_ADDRESS || !committee.includes(s)) fail('SIGNER_NOT_IN_SEQUENCER_SET', 'signer not in sequencer set', { signer: s });
          if (3 * signers.length <= 2 * committee.length) fail('INSUFFICIENT_SIGNERS', 'not more than two thirds of the sequencer set signed', { signers: signers.length, committee: committee.length });
          const msg = batchMessage(hash, change);
          const sig = resolveSignature(a.signature, msg);
          const ok = /^0x[0-9a-f]{192}$/.test(sig) && fastAggregateVerifyCached(signers.map((s) => st.l1Stakers.get(s)!.blsKey), msg, sig);
          if (!ok) fail('THE_SIGNATURE_VERIFICATION_FAILED', 'the signature verification failed');
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
    },
    challengeState: {
      summary: 'challenger: open a challenge on an unfinalized batch (payable deposit)',
      args: argsOf({ batchIndex: smallUint(53), batchHash: bytes32, value: uint(256).default(0n) }),
      run(sender: Address, { batchIndex: i, batchHash, value }: { batchIndex: number; batchHash: string; value: bigint }) {
        const { ctx } = seq;
        requireFunds(seq, sender, value);
        if (!st.isChallenger.has(sender)) fail('CALLER_CHALLENGER_ALLOWED', 'caller challenger allowed', { sender });
        notReverting(seq);
        notPaused(seq);
        if (st.inChallenge.get()) fail('ALREADY_IN_CHALLENGE', 'already in challenge');
        if (i <= st.lastFinalizedBatchIndex.get()) fail('BATCH_ALREADY_FINALIZED', 'batch already finalized');
        if ((st.committedBatches.get(i) ?? ZERO_HASH) !== batchHash.toLowerCase()) fail('INCORRECT_BATCH_HASH', 'incorrect batch hash');
        if (!batchExist(seq, i)) fail('BATCH_NOT_EXIST', 'batch not exist');
        if ((st.challenges.get(i)?.challenger ?? ZERO_ADDRESS) !== ZERO_ADDRESS) fail('BATCH_ALREADY_CHALLENGED', 'batch already challenged');
        if (!insideWindow(seq, i)) fail('CANNOT_CHALLENGE_BATCH_OUTSIDE_THE_CHALLENGE_WINDOW', 'cannot challenge batch outside the challenge window');
        if (value < st.u.challengeDeposit) fail('INSUFFICIENT_VALUE', 'insufficient value');
        if (value > 0n) ctx.ledger.escrowIn('ETH', ctx.name, sender, value);
        st.escrowRollup.set(st.escrowRollup.get() + value);
        st.batchChallenged.set(i);
        st.challenges.set(i, { challenger: sender, challengeDeposit: value, startTime: ctx.clock.time, finished: false, challengeSuccess: false, pendingProver: ZERO_ADDRESS });
        ctx.emit('ChallengeState', { batchIndex: i, challenger: sender, challengeDeposit: value });
        for (let j = st.lastFinalizedBatchIndex.get() + 1; j <= st.lastCommittedBatchIndex.get(); j++) {
          if (j === i) continue;
          const d = st.batchData.get(j);
          if (d) st.batchData.set(j, { ...d, finalizeTimestamp: d.finalizeTimestamp + st.u.proofWindow });
        }
        st.inChallenge.set(true);
      },
    },
    proveState: {
      summary: 'active staker: defend a challenged batch (or apply the timeout)',
      args: argsOf({ batchIndex: smallUint(53), batchHash: bytes32, proof: z.string().regex(/^0x([0-9a-fA-F]{2})*$/) }),
      run(sender: Address, { batchIndex: i, batchHash, proof }: { batchIndex: number; batchHash: string; proof: string }) {
        const { ctx } = seq;
        notReverting(seq);
        notPaused(seq);
        if (!st.isActiveStaker(sender)) fail('ONLY_ACTIVE_STAKER_ALLOWED', 'only active staker allowed', { sender });
        if ((st.committedBatches.get(i) ?? ZERO_HASH) !== batchHash.toLowerCase()) fail('INCORRECT_BATCH_HASH', 'incorrect batch hash');
        if (!batchInChallenge(seq, i)) fail('BATCH_IN_CHALLENGE', 'batch in challenge (no open challenge on this batch)');
        const c = st.challenges.get(i)!;
        if (c.pendingProver !== ZERO_ADDRESS) fail('PROOF_PENDING', 'a proof is pending on this challenge');
        if (c.startTime + st.u.proofWindow <= ctx.clock.time) {
          challengerWins(seq, i, c);
          return;
        }
        if (proof === '0x') fail('INVALID_BATCH_PROOF', 'invalid batch proof');
        st.challenges.set(i, { ...c, pendingProver: sender });
        ctx.emit('ProofSubmitted', { batchIndex: i, prover: sender });
      },
    },
    resolveChallenge: {
      summary: 'verifier: rule on the pending proof of a challenge',
      args: argsOf({ batchIndex: smallUint(53), defenderWins: bool }),
      run(sender: Address, { batchIndex: i, defenderWins: won }: { batchIndex: number; defenderWins: boolean }) {
        if (sender !== st.u.verifier) fail('ONLY_VERIFIER', 'only verifier', { sender });
        notReverting(seq);
        notPaused(seq);
        const c = st.challenges.get(i);
        if (!batchInChallenge(seq, i) || !c || c.pendingProver === ZERO_ADDRESS) fail('NO_PENDING_PROOF', 'no pending proof on this batch');
        const ch = c!;
        if (won) defenderWins(seq, i, ch, ch.pendingProver);
        else {
          st.challenges.set(i, { ...ch, pendingProver: ZERO_ADDRESS });
          seq.ctx.emit('ProofRejected', { batchIndex: i, prover: ch.pendingProver });
        }
      },
    },
    finalizeBatch: {
      summary: 'finalize the next batch once its challenge window has passed',
      args: argsOf({ batchIndex: smallUint(53) }),
      run(_sender: Address, { batchIndex: i }: { batchIndex: number }) {
        notReverting(seq);
        notPaused(seq);
        if (!batchExist(seq, i)) fail('BATCH_NOT_EXIST', 'batch not exist');
        if (batchInChallenge(seq, i)) fail('BATCH_IN_CHALLENGE', 'batch in challenge');
        if (st.challenges.get(i)?.challengeSuccess) fail('BATCH_SHOULD_BE_REVERT', 'batch should be revert');
        if (insideWindow(seq, i)) fail('BATCH_IN_CHALLENGE_WINDOW', 'batch in challenge window');
        if (i <= st.lastFinalizedBatchIndex.get()) fail('BATCH_ALREADY_VERIFIED', 'batch already verified');
        if (i !== st.lastFinalizedBatchIndex.get() + 1) fail('INCORRECT_BATCH_INDEX', 'incorrect batch index');
        st.lastFinalizedBatchIndex.set(i);
        st.batchData.delete(i - 1);
        st.challenges.delete(i - 1);
        seq.ctx.emit('FinalizeBatch', { batchIndex: i, batchHash: st.committedBatches.get(i)! });
      },
    },
    claimChallengeReward: {
      summary: "pay the caller's challenge/prover reward to a receiver (the release's Rollup.claimReward)",
      args: argsOf({ receiver: address }),
      run(sender: Address, { receiver }: { receiver: Address }) {
        const amount = st.batchChallengeReward.get(sender) ?? 0n;
        if (amount === 0n) fail('INVALID_BATCH_CHALLENGE_REWARD', 'invalid batchChallengeReward');
        st.batchChallengeReward.delete(sender);
        st.escrowRollup.set(st.escrowRollup.get() - amount);
        seq.ctx.ledger.escrowOut('ETH', seq.ctx.name, receiver, amount);
        seq.ctx.emit('ChallengeRewardClaim', { receiver, amount });
      },
    },
    revertBatch: {
      summary: 'owner: revert unfinalized batches from the end',
      args: argsOf({ batchIndex: smallUint(53), batchHash: bytes32, count: smallUint(53) }),
      run(sender: Address, { batchIndex, batchHash, count }: { batchIndex: number; batchHash: string; count: number }) {
        onlyOwner(seq, sender);
        if (count === 0) fail('COUNT_MUST_BE_NONZERO', 'count must be nonzero');
        if ((st.committedBatches.get(batchIndex) ?? ZERO_HASH) !== batchHash.toLowerCase()) fail('INCORRECT_BATCH_HASH', 'incorrect batch hash');
        if (st.committedBatches.has(batchIndex + count)) fail('REVERTING_MUST_START_FROM_THE_ENDING', 'reverting must start from the ending');
        if (batchIndex <= st.lastFinalizedBatchIndex.get()) fail('CAN_ONLY_REVERT_UN_FINALIZED_BATCH', 'can only revert unFinalized batch');
        st.lastCommittedBatchIndex.set(batchIndex - 1);
        if (seq.params.blsEnabled) st.latestSequencerSet.set([...(st.batchData.get(batchIndex - 1)?.sequencerSetAfter ?? [])]);
        let i = batchIndex;
        while (count > 0) {
          seq.ctx.emit('RevertBatch', { batchIndex: i, batchHash: st.committedBatches.get(i)! });
          st.committedBatches.delete(i);
          if (batchInChallenge(seq, i)) {
            const c = st.challenges.get(i)!;
            credit(seq, c.challenger, c.challengeDeposit);
            st.inChallenge.set(false);
          }
          st.challenges.delete(i);
          if (st.revertReqIndex.get() === i) st.revertReqIndex.set(0);
          i++;
          count--;
          if (!st.committedBatches.has(i)) break;
        }
      },
    },
    setPause: {
      summary: 'owner: pause or unpause the rollup (pausing refunds an open challenge)',
      args: argsOf({ status: bool }),
      run(sender: Address, { status }: { status: boolean }) {
        onlyOwner(seq, sender);
        if (status) {
          if (st.paused.get()) fail('PAUSED', 'Pausable: paused');
          st.paused.set(true);
          if (st.inChallenge.get()) {
            const i = st.batchChallenged.get();
            const c = st.challenges.get(i)!;
            credit(seq, c.challenger, c.challengeDeposit);
            st.challenges.delete(i);
            st.inChallenge.set(false);
          }
          seq.ctx.emit('Paused', { account: sender });
          seq.ctx.emit('Paused', { account: sender });
        } else {
          if (!st.paused.get()) fail('NOT_PAUSED', 'Pausable: not paused');
          st.paused.set(false);
          seq.ctx.emit('Unpaused', { account: sender });
          seq.ctx.emit('Unpaused', { account: sender });
        }
      },
    },
    addChallenger: {
      summary: 'owner: whitelist a challenger',
      args: argsOf({ account: address }),
      run(sender: Address, { account }: { account: Address }) {
        onlyOwner(seq, sender);
        if (st.isChallenger.has(account)) fail('ACCOUNT_IS_ALREADY_A_CHALLENGER', 'account is already a challenger');
        st.isChallenger.set(account, true);
        seq.ctx.emit('UpdateChallenger', { account, status: true });
      },
    },
    removeChallenger: {
      summary: 'owner: remove a challenger',
      args: argsOf({ account: address }),
      run(sender: Address, { account }: { account: Address }) {
        onlyOwner(seq, sender);
        if (!st.isChallenger.has(account)) fail('ACCOUNT_IS_NOT_A_CHALLENGER', 'account is not a challenger');
        st.isChallenger.delete(account);
        seq.ctx.emit('UpdateChallenger', { account, status: false });
      },
    },
    updateProofWindow: {
      summary: 'owner: set the proof window',
      args: argsOf({ proofWindow: smallUint(53) }),
      run(sender: Address, { proofWindow }: { proofWindow: number }) {
        onlyOwner(seq, sender);
        const old = st.u.proofWindow;
        if (proofWindow === 0 || proofWindow === old) fail('INVALID_NEW_PROOF_WINDOW', 'invalid new proof window');
        st.updatable.set({ ...st.u, proofWindow });
        seq.ctx.emit('UpdateProofWindow', { oldWindow: old, newWindow: proofWindow });
      },
    },
    updateFinalizePeriodSeconds: {
      summary: 'owner: set the finalization period',
      args: argsOf({ finalizationPeriodSeconds: smallUint(53) }),
      run(sender: Address, { finalizationPeriodSeconds: p }: { finalizationPeriodSeconds: number }) {
        onlyOwner(seq, sender);
        const old = st.u.finalizationPeriodSeconds;
        if (p === 0 || p === old) fail('INVALID_NEW_FINALIZE_PERIOD', 'invalid new finalize period');
        st.updatable.set({ ...st.u, finalizationPeriodSeconds: p });
        seq.ctx.emit('UpdateFinalizationPeriodSeconds', { oldPeriod: old, newPeriod: p });
      },
    },
    updateProofRewardPercent: {
      summary: "owner: set the prover's share of the deposit (the release's Rollup.updateRewardPercentage)",
      args: argsOf({ proofRewardPercent: uint(256) }),
      run(sender: Address, { proofRewardPercent: p }: { proofRewardPercent: bigint }) {
        onlyOwner(seq, sender);
        const old = st.u.proofRewardPercent;
        if (p === 0n || p > 100n || p === old) fail('INVALID_PROOF_REWARD_PERCENTAGE', 'invalid proof reward percentage');
        st.updatable.set({ ...st.u, proofRewardPercent: p });
        seq.ctx.emit('UpdateProofRewardPercent', { oldPercent: old, newPercent: p });
      },
    },
    updateVerifier: {
      summary: 'owner: set the verifier',
      args: argsOf({ verifier: address }),
      run(sender: Address, { verifier }: { verifier: Address }) {
        onlyOwner(seq, sender);
        const old = st.u.verifier;
        if (verifier === ZERO_ADDRESS || verifier === old) fail('INVALID_NEW_VERIFIER', 'invalid new verifier');
        st.updatable.set({ ...st.u, verifier });
        seq.ctx.emit('UpdateVerifier', { oldVerifier: old, newVerifier: verifier });
      },
    },
    claimProveRemaining: {
      summary: "owner: pay the defenders' remainder of deposits",
      args: argsOf({ receiver: address }),
      run(sender: Address, { receiver }: { receiver: Address }) {
        onlyOwner(seq, sender);
        const amount = st.proveRemaining.get();
        st.proveRemaining.set(0n);
        if (amount > 0n) {
          st.escrowRollup.set(st.escrowRollup.get() - amount);
          seq.ctx.ledger.escrowOut('ETH', seq.ctx.name, receiver, amount);
        }
        seq.ctx.emit('ProveRemainingClaimed', { receiver, amount });
      },
    },
  };
}

/** Spec 9 rollup queries. */
export function rollupQueries(seq: Seq) {
  const st = seq.state;
  return {
    getRollup: {
      summary: 'rollup summary',
      args: argsOf({}),
      run: () => ({
        lastCommittedBatchIndex: st.lastCommittedBatchIndex.get(),
        lastFinalizedBatchIndex: st.lastFinalizedBatchIndex.get(),
        inChallenge: st.inChallenge.get(),
        batchChallenged: st.batchChallenged.get(),
        revertReqIndex: st.revertReqIndex.get(),
        paused: st.paused.get(),
        proveRemaining: st.proveRemaining.get(),
        finalizationPeriodSeconds: st.u.finalizationPeriodSeconds,
        proofWindow: st.u.proofWindow,
        proofRewardPercent: st.u.proofRewardPercent,
        verifier: st.u.verifier,
        blsEnabled: seq.params.blsEnabled,
        latestSequencerSet: [...st.latestSequencerSet.get()],
      }),
    },
    getBatch: {
      summary: 'a batch and its challenge',
      args: argsOf({ batchIndex: smallUint(53) }),
      run: ({ batchIndex: i }: { batchIndex: number }) => {
        const d = st.batchData.get(i);
        const c = st.challenges.get(i);
        return {
          batchHash: st.committedBatches.get(i) ?? ZERO_HASH,
          exists: batchExist(seq, i),
          finalized: st.committedBatches.has(i) && i <= st.lastFinalizedBatchIndex.get(),
          originTimestamp: d?.originTimestamp ?? 0,
          finalizeTimestamp: d?.finalizeTimestamp ?? 0,
          signedSequencersBitmap: d?.signedSequencersBitmap ?? 0n,
          submitter: d?.submitter ?? ZERO_ADDRESS,
          insideChallengeWindow: insideWindow(seq, i),
          challenge: c ? { ...c } : null,
        };
      },
    },
    batchMessage: {
      summary: 'the message signers sign (spec 8.7)',
      args: argsOf({ batchHash: bytes32, sequencerSetChange: z.array(address).default([]) }),
      run: ({ batchHash, sequencerSetChange }: { batchHash: string; sequencerSetChange: Address[] }) => ({ message: batchMessage(batchHash.toLowerCase() as Hex, sequencerSetChange) }),
    },
    getChallengeReward: { summary: 'challenge/prover reward balance', args: argsOf({ account: address }), run: ({ account }: { account: Address }) => ({ amount: st.batchChallengeReward.get(account) ?? 0n }) },
    isChallenger: { summary: 'whether an account is a challenger', args: argsOf({ account: address }), run: ({ account }: { account: Address }) => ({ isChallenger: st.isChallenger.has(account) }) },
  };
}
