import { z } from 'zod';
import { address, parseParamsWith, uint, type Address, type AssetSpec } from '../../kernel/index.js';

/** Spec section 4. Amounts are bigint; heights, seconds, sizes and epochs are numbers. */
const n53 = uint(53).transform((x) => Number(x));

const initialStaker = z.union([
  z.string(),
  z.strictObject({ addr: z.string(), tmKey: z.string(), blsKey: z.string(), blsPop: z.string() }),
]);

export const paramsSchema = z.strictObject({
  owner: address,
  oracle: address,
  verifier: address,
  challengers: z.array(address),
  initialStakers: z.array(initialStaker),
  stakingValue: uint(256),
  withdrawalLockBlocks: n53,
  rewardPercentage: uint(256),
  challengeDeposit: uint(256),
  gasLimitAddStaker: uint(256),
  gasLimitRemoveStakers: uint(256),
  finalizationPeriodSeconds: n53,
  proofWindow: n53,
  proofRewardPercent: uint(256),
  blsEnabled: z.boolean(),
  bridgeDelayBlocks: n53,
  sequencerSetMaxSize: n53,
  undelegateLockEpochs: n53,
  rewardStartTime: n53,
  l2BlockTime: n53,
  initialSupply: uint(256),
  dailyInflationRate: uint(256),
  nextBatchSubmissionIndex: uint(256),
  autoRecord: z.boolean(),
});

export type InitialStakerSpec = z.output<typeof initialStaker>;
export type SequencerStakingParams = z.output<typeof paramsSchema>;

/** The release's unit-test configuration (L1MessageBase / L2StakingBase). */
const morphV04 = {
  owner: 'owner',
  oracle: 'oracle',
  verifier: 'verifier',
  challengers: [],
  initialStakers: [],
  stakingValue: '1000000000000000000',
  withdrawalLockBlocks: 3,
  rewardPercentage: 20,
  challengeDeposit: '1000000000000000000',
  gasLimitAddStaker: 1_000_000,
  gasLimitRemoveStakers: 10_000_000,
  finalizationPeriodSeconds: 2,
  proofWindow: 100,
  proofRewardPercent: 70,
  blsEnabled: false,
  bridgeDelayBlocks: 1,
  sequencerSetMaxSize: 6,
  undelegateLockEpochs: 1000,
  rewardStartTime: 86_400,
  l2BlockTime: 3,
  initialSupply: '1000000000000000000000000000',
  dailyInflationRate: '1596535874529',
  nextBatchSubmissionIndex: 1,
  autoRecord: false,
} as const;

/** Deployed L2 values; the unpublished ones per spec 4 notes (a)–(c). */
const morphMainnet = {
  ...morphV04,
  withdrawalLockBlocks: 21_600,
  rewardPercentage: 100,
  gasLimitRemoveStakers: 8_000_000,
  finalizationPeriodSeconds: 172_800,
  proofWindow: 86_400,
  sequencerSetMaxSize: 7,
  undelegateLockEpochs: 7,
  rewardStartTime: 1_764_460_800,
  autoRecord: true,
} as const;

/** morph-v0.4 with our design features switched on. */
const morphBls = { ...morphV04, blsEnabled: true, autoRecord: true } as const;

export const presets = { 'morph-v0.4': morphV04, 'morph-mainnet': morphMainnet, 'morph-bls': morphBls } as const;

/** Shape and widths only; the ordered genesis checks of spec 4 run in `genesis.ts` (they need the genesis time). */
export function parseParams(raw: Record<string, unknown>): SequencerStakingParams {
  return parseParamsWith(paramsSchema, raw, 'sequencerStaking');
}

export function assetsOf(): AssetSpec[] {
  return [
    { symbol: 'ETH', decimals: 18, errors: { transferExceedsBalance: 'INSUFFICIENT_FUNDS' } },
    { symbol: 'MORPH', decimals: 18, errors: { transferExceedsBalance: 'TRANSFER_AMOUNT_EXCEEDS_BALANCE', burnExceedsBalance: 'BURN_AMOUNT_EXCEEDS_BALANCE' } },
  ];
}

/** Predeploy labels used in MORPH Transfer events (spec 2). */
export const L2_STAKING_ADDRESS: Address = '0x5300000000000000000000000000000000000015';
export const DISTRIBUTE_ADDRESS: Address = '0x5300000000000000000000000000000000000014';
export const REWARD_EPOCH = 86_400;
export const SLOT_COUNT = 255;
