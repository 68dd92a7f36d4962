import { ConfigError, InvalidArgumentError, keccakText, parseAddress, toHex, ZERO_ADDRESS, type Address, type Hex } from '../../kernel/index.js';
import { bls, popVerifyCached, testBlsKey, testBlsPop, testTmKey } from './bls.js';
import { hexBytes, ZERO_KEY } from './keys.js';
import { REWARD_EPOCH, SLOT_COUNT, type InitialStakerSpec } from './params.js';
import type { SequencerStakingErrorCode } from './errors.js';
import type { Seq } from './state.js';

/** keccak256("stakeworks:genesis-batch") (spec 5.1). */
export const GENESIS_BATCH_HASH: Hex = keccakText('stakeworks:genesis-batch');

function fail(code: SequencerStakingErrorCode, message: string, details: Record<string, unknown> = {}): never {
  throw new ConfigError(code, 'sequencerStaking', message, details);
}

interface ResolvedStaker {
  addr: Address;
  tmKey: Hex;
  blsKey: Hex;
  /** Absent for a staker given by name: its keys are derived here, valid by construction. */
  blsPop?: Hex;
}

function resolveKey(v: string, derive: (name: string) => Hex): Hex {
  const m = /^testkey:(.+)$/.exec(v);
  if (m) return derive(m[1]!);
  if (!/^0x([0-9a-fA-F]{2})*$/.test(v)) throw new InvalidArgumentError(`initialStakers: not a key: ${v}`, {}, 'sequencerStaking');
  return v.toLowerCase() as Hex;
}

function resolveStaker(s: InitialStakerSpec): ResolvedStaker {
  if (typeof s === 'string') {
    const name = s;
    // Keys derived from the name (spec 3.3) need no proof of possession checked: ≈ 80 ms of BLS
    // work saved per staker, which is what lets a full 255-slot genesis build in about a second.
    return { addr: parseAddress(s), tmKey: testTmKey(name), blsKey: toHex(testBlsKey(name)) };
  }
  return {
    addr: parseAddress(s.addr),
    tmKey: resolveKey(s.tmKey, testTmKey),
    blsKey: resolveKey(s.blsKey, (n) => toHex(testBlsKey(n))),
    blsPop: resolveKey(s.blsPop, (n) => toHex(testBlsPop(n))),
  };
}

/**
 * Spec 4 genesis checks (in order) and spec 5: initial stakers on both layers, the genesis
 * sequencer set, the genesis batch, the owner's MORPH, and the genesis events of 5.5.
 */
export function applyGenesis(seq: Seq): void {
  const { params: p, state: st, ctx } = seq;
  const g = seq.genesisTime;
  const checks: Array<[boolean, SequencerStakingErrorCode, string]> = [
    [p.stakingValue > 0n, 'INVALID_STAKING_VALUE', 'stakingValue > 0'],
    [p.challengeDeposit > 0n, 'INVALID_CHALLENGE_DEPOSIT_VALUE', 'challengeDeposit > 0'],
    [p.withdrawalLockBlocks > 0, 'INVALID_WITHDRAWAL_LOCK_BLOCKS', 'withdrawalLockBlocks > 0'],
    [p.gasLimitAddStaker > 0n, 'INVALID_GAS_LIMIT_ADD_STAKER', 'gasLimitAddStaker > 0'],
    [p.gasLimitRemoveStakers > 0n, 'INVALID_GAS_LIMIT_REMOVE_STAKERS', 'gasLimitRemoveStakers > 0'],
    [p.rewardPercentage >= 1n && p.rewardPercentage <= 100n, 'INVALID_CHALLENGER_REWARD_PERCENTAGE', '1 ≤ rewardPercentage ≤ 100'],
    [p.finalizationPeriodSeconds > 0, 'INVALID_NEW_FINALIZE_PERIOD', 'finalizationPeriodSeconds > 0'],
    [p.proofWindow > 0, 'INVALID_NEW_PROOF_WINDOW', 'proofWindow > 0'],
    [p.proofRewardPercent >= 1n && p.proofRewardPercent <= 100n, 'INVALID_PROOF_REWARD_PERCENTAGE', '1 ≤ proofRewardPercent ≤ 100'],
    [p.sequencerSetMaxSize > 0, 'SEQUENCERS_SIZE_MUST_GREATER_THAN_0', 'sequencerSetMaxSize > 0'],
    [p.undelegateLockEpochs > 0, 'INVALID_UNDELEGATE_LOCK_EPOCHS', 'undelegateLockEpochs > 0'],
    [p.rewardStartTime > g && p.rewardStartTime % REWARD_EPOCH === 0, 'INVALID_REWARD_START_TIME', 'rewardStartTime after the genesis time and a multiple of 86,400'],
    [p.nextBatchSubmissionIndex !== 0n, 'INVALID_NEXT_BATCH_SUBMISSION_INDEX', 'nextBatchSubmissionIndex ≠ 0'],
    [p.oracle !== ZERO_ADDRESS, 'INVALID_ORACLE_ADDRESS', 'oracle is not the zero address'],
    [p.verifier !== ZERO_ADDRESS, 'INVALID_NEW_VERIFIER', 'verifier is not the zero address'],
    [p.l2BlockTime >= 1 && p.bridgeDelayBlocks >= 1, 'INVALID_ARGUMENT', 'l2BlockTime ≥ 1 and bridgeDelayBlocks ≥ 1'],
  ];
  for (const [ok, code, rule] of checks) if (!ok) fail(code, `sequencerStaking parameters: ${rule} does not hold (${code})`, { rule });

  // Counted before any key is derived or verified (BLS work is the expensive part of genesis).
  if (p.initialStakers.length > SLOT_COUNT) fail('SLOT_FULL', `at most ${SLOT_COUNT} initial stakers, got ${p.initialStakers.length}`);
  const stakers = p.initialStakers.map(resolveStaker);
  const addrs = new Set<string>();
  const tms = new Set<string>();
  const blss = new Set<string>();
  for (const s of stakers) {
    if (addrs.has(s.addr)) fail('ALREADY_REGISTERED', `initial staker ${s.addr} listed twice`);
    addrs.add(s.addr);
    if (s.tmKey === ZERO_KEY || s.tmKey.length !== 66 || tms.has(s.tmKey)) fail('INVALID_TENDERMINT_PUBKEY', `initial staker ${s.addr}: invalid or repeated tmKey`);
    tms.add(s.tmKey);
    const pk = hexBytes(s.blsKey);
    if (pk.length !== 48 || blss.has(s.blsKey) || (s.blsPop !== undefined && (!bls().keyValidate(pk) || !popVerifyCached(pk, hexBytes(s.blsPop))))) {
      fail('INVALID_BLS_PUBKEY', `initial staker ${s.addr}: invalid or repeated BLS key or proof of possession`);
    }
    blss.add(s.blsKey);
  }
  const genesisMorph = ctx.ledger.totalsOf('MORPH').genesis;
  if (genesisMorph > p.initialSupply) fail('INVALID_ARGUMENT', `genesis MORPH balances ${genesisMorph} exceed initialSupply ${p.initialSupply}`);

  // 5.5 events, with the state they announce.
  ctx.emit('GasLimitAddStakerUpdated', { oldGasLimit: 0n, newGasLimit: p.gasLimitAddStaker });
  ctx.emit('GasLimitRemoveStakersUpdated', { oldGasLimit: 0n, newGasLimit: p.gasLimitRemoveStakers });
  ctx.emit('RewardPercentageUpdated', { oldPercentage: 0n, newPercentage: p.rewardPercentage });
  stakers.forEach((s, i) => {
    st.stakerSet.set(i, s.addr);
    st.stakerIndexes.set(s.addr, i + 1);
    st.whitelist.set(s.addr, true);
    st.l1Stakers.set(s.addr, { tmKey: s.tmKey, blsKey: s.blsKey });
    st.stakedAmount.set(s.addr, p.stakingValue);
    st.tmKeys.set(s.tmKey, true);
    st.blsKeys.set(s.blsKey, true);
    // Escrowed at genesis as part of the genesis ETH supply, not taken from a balance.
    ctx.ledger.allocate('ETH', s.addr, p.stakingValue);
    ctx.ledger.escrowIn('ETH', ctx.name, s.addr, p.stakingValue);
    st.escrowL1Staking.set(st.escrowL1Staking.get() + p.stakingValue);
    st.ranking.insertAt(i, s.addr);
    st.l2Stakers.set(s.addr, { tmKey: s.tmKey, blsKey: s.blsKey });
    ctx.emit('Registered', { addr: s.addr, tmKey: s.tmKey, blsKey: s.blsKey });
  });
  ctx.emit('UpdateVerifier', { oldVerifier: ZERO_ADDRESS, newVerifier: p.verifier });
  ctx.emit('UpdateFinalizationPeriodSeconds', { oldPeriod: 0, newPeriod: p.finalizationPeriodSeconds });
  ctx.emit('UpdateProofWindow', { oldWindow: 0, newWindow: p.proofWindow });
  ctx.emit('UpdateProofRewardPercent', { oldPercent: 0n, newPercent: p.proofRewardPercent });
  for (const c of p.challengers) {
    st.isChallenger.set(c, true);
    ctx.emit('UpdateChallenger', { account: c, status: true });
  }
  st.committedBatches.set(0, GENESIS_BATCH_HASH);
  ctx.emit('CommitBatch', { batchIndex: 0, batchHash: GENESIS_BATCH_HASH });
  ctx.emit('FinalizeBatch', { batchIndex: 0, batchHash: GENESIS_BATCH_HASH });
  const ownerShare = p.initialSupply - genesisMorph;
  if (ownerShare > 0n) ctx.ledger.allocate('MORPH', p.owner, ownerShare);
  ctx.emit('Transfer', { from: ZERO_ADDRESS, to: p.owner, value: ownerShare });
  ctx.emit('UpdateEpochInflationRate', { rate: p.dailyInflationRate, effectiveEpochIndex: 0 });
  ctx.emit('SequencerSetMaxSizeUpdated', { oldSize: 0, newSize: p.sequencerSetMaxSize });
  ctx.emit('RewardStartTimeUpdated', { oldTime: 0, newTime: p.rewardStartTime });

  const set = stakers.slice(0, Math.min(stakers.length, p.sequencerSetMaxSize)).map((s) => s.addr);
  st.latestSequencerSet.set(set);
  st.latestSequencerSetSize.set(set.length);
  st.sets.set({ blockHeight0: 0, sequencerSet0: set, blockHeight1: 0, sequencerSet1: set, blockHeight2: 0, sequencerSet2: set, updateTime: g });
  ctx.emit('SequencerSetUpdated', { sequencerSet: set, blockHeight: 0 });
  st.batchData.set(0, { originTimestamp: g, finalizeTimestamp: g, signedSequencersBitmap: 0n, submitter: ZERO_ADDRESS, ...(p.blsEnabled ? { sequencerSetAfter: set } : {}) });
}
