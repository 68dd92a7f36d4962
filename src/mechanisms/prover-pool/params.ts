import { z } from 'zod';
import { address, ConfigError, InvalidArgumentError, keccakText, maxUint, parseParamsWith, uint, type Address, type AssetSpec, type Hex } from '../../kernel/index.js';

/** Synthetic L2 block hash (§2.4): keccak256("l2block:" ‖ decimal b). */
export function l2Hash(b: bigint | number): Hex {
  const n = Number(b);
  if (!Number.isSafeInteger(n)) return keccakText(`l2block:${b}`);
  // Memoised (a pure function): a proof hashes its block and its parent, and the next block's
  // proof asks for the same parent again.
  const i = n % L2_MEMO_SLOTS;
  if (l2MemoId[i] === n) return l2MemoHash[i]!;
  const h = keccakText(`l2block:${n}`);
  l2MemoId[i] = n;
  l2MemoHash[i] = h;
  return h;
}
const L2_MEMO_SLOTS = 64;
const l2MemoId = new Float64Array(L2_MEMO_SLOTS).fill(-1);
const l2MemoHash: Hex[] = new Array<Hex>(L2_MEMO_SLOTS);

/** The oracle address credited for oracle proofs. */
export const ORACLE_ADDRESS: Address = '0x0000000000000000000000000000000000000001';

const u = (bits: number) => uint(bits).transform((x) => Number(x));

export const paramsSchema = z.strictObject({
  maxProvers: u(32),
  minCapacity: u(32),
  minStakePerCapacity: uint(64),
  exitPeriod: u(32),
  minChangeDelay: u(32),
  slashPoints: uint(64),
  slashMultiplier: uint(64),
  erpgLowerPct: uint(32),
  erpgUpperPct: uint(32),
  erpgBoundBits: u(16),
  feeMathBits: u(16),
  initFeePerGas: u(32),
  initAvgProofDelay: u(16),
  genesisBlockHash: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, 'expected a 32-byte hex string')
    .transform((v) => v.toLowerCase() as Hex)
    .nullable(),
  blockMaxGasLimit: u(32),
  fixedGasLimit: z.boolean(),
  anchorGas: u(32),
  blockFeeBaseGas: u(32),
  blockMaxProposals: u(48),
  blockRingBufferSize: u(48),
  blockMaxVerificationsPerTx: u(32),
  proofRegularCooldown: u(32),
  proofOracleCooldown: u(32),
  proofWindowMultiplier: u(32),
  proofMinWindow: u(32),
  proofMaxWindow: u(32),
  backupWindowMultiplier: u(32),
  rewardOpenMultiplier: u(16),
  rewardOpenRate: z.enum(['rewardPerGas', 'feePerGas']),
  rewardOpenMaxCount: u(48),
  openBlocks: z.boolean(),
  /** §5.11: verify at the end of proposeBlock/proveBlock (`transaction`, the reference) or in the block hook. */
  verification: z.enum(['transaction', 'hook']),
  rewardMaxDelayPenalty: u(32),
  movingAverageFactor: u(32),
  tkoMaxSupply: uint(256),
  protocol: address,
  proposer: address.nullable(),
  oracleProver: address.nullable(),
});

export type ProverPoolParams = Omit<z.output<typeof paramsSchema>, 'genesisBlockHash'> & { genesisBlockHash: Hex };

/** Final alpha-4 main-branch constants (Aug 2023). */
const taikoA4 = {
  maxProvers: 32,
  minCapacity: 32,
  minStakePerCapacity: '10000',
  exitPeriod: 604_800,
  minChangeDelay: 3_600,
  slashPoints: 25,
  slashMultiplier: 4,
  erpgLowerPct: 75,
  erpgUpperPct: 125,
  erpgBoundBits: 32,
  feeMathBits: 32,
  initFeePerGas: 10,
  initAvgProofDelay: 3_600,
  genesisBlockHash: null,
  blockMaxGasLimit: 6_000_000,
  fixedGasLimit: true,
  anchorGas: 180_000,
  blockFeeBaseGas: 20_000,
  blockMaxProposals: 403_200,
  blockRingBufferSize: 403_210,
  blockMaxVerificationsPerTx: 10,
  proofRegularCooldown: 1_800,
  proofOracleCooldown: 900,
  proofWindowMultiplier: 200,
  proofMinWindow: 600,
  proofMaxWindow: 5_400,
  backupWindowMultiplier: 0,
  rewardOpenMultiplier: 150,
  rewardOpenRate: 'rewardPerGas',
  rewardOpenMaxCount: 201_600,
  openBlocks: true,
  verification: 'transaction',
  rewardMaxDelayPenalty: 250,
  movingAverageFactor: 7_200,
  tkoMaxSupply: maxUint(64).toString(),
  protocol: 'protocol',
  proposer: null,
  oracleProver: 'oracle',
} as const;

/** Seed 000_… where it differs from alpha-4 (§3): same code, other numbers. */
const stakingProposal = {
  ...taikoA4,
  minChangeDelay: 86_400,
  erpgLowerPct: 50,
  erpgUpperPct: 200,
  erpgBoundBits: 64,
  feeMathBits: 64,
  blockFeeBaseGas: 0,
  proofMinWindow: 1,
  proofMaxWindow: 65_535,
  backupWindowMultiplier: 400,
  rewardOpenMultiplier: 800,
  rewardOpenRate: 'feePerGas',
  openBlocks: false,
  verification: 'hook',
} as const;

export const presets = { 'taiko-a4': taikoA4, 'staking-proposal': stakingProposal } as const;

/** Validates preset + overrides, then the configuration check of §3 (`L1_INVALID_CONFIG`). */
export function parseParams(raw: Record<string, unknown>): ProverPoolParams {
  return checkParams(parseParamsWith(paramsSchema, raw, 'proverPool'));
}

/**
 * The engine's own bound on the pool size: every slot is allocated (and hashed) from genesis on,
 * so `maxProvers` sizes memory. The reference's uint32 would allow 4 billion.
 */
export const MAX_PROVERS = 100_000;

/** The configuration check of §3 (`L1_INVALID_CONFIG`) on parsed parameters; fills the genesis hash. */
export function checkParams(data: z.output<typeof paramsSchema>): ProverPoolParams {
  if (data.maxProvers > MAX_PROVERS) {
    throw new InvalidArgumentError(`proverPool parameters: maxProvers is ${data.maxProvers}; the engine supports at most ${MAX_PROVERS.toLocaleString('en')} slots (each is allocated from genesis on)`, { parameter: 'maxProvers' }, 'proverPool');
  }
  const p = { ...data, genesisBlockHash: data.genesisBlockHash ?? l2Hash(0) };
  const checks: Array<[boolean, string]> = [
    [p.maxProvers >= 1, 'maxProvers ≥ 1'],
    [p.minCapacity >= 1, 'minCapacity ≥ 1'],
    [p.blockRingBufferSize > p.blockMaxProposals + 1, 'blockRingBufferSize > blockMaxProposals + 1'],
    [p.blockMaxProposals >= 2, 'blockMaxProposals ≥ 2'],
    [p.blockMaxGasLimit >= 1, 'blockMaxGasLimit ≥ 1'],
    [p.proofMinWindow >= 1, 'proofMinWindow ≥ 1'],
    [p.proofMaxWindow >= p.proofMinWindow, 'proofMaxWindow ≥ proofMinWindow'],
    [p.proofWindowMultiplier > 100, 'proofWindowMultiplier > 100'],
    [p.backupWindowMultiplier === 0 || p.backupWindowMultiplier >= p.proofWindowMultiplier, 'backupWindowMultiplier = 0 or ≥ proofWindowMultiplier'],
    [p.proofRegularCooldown >= p.proofOracleCooldown, 'proofRegularCooldown ≥ proofOracleCooldown'],
    [p.rewardOpenMultiplier >= 100, 'rewardOpenMultiplier ≥ 100'],
    [p.rewardMaxDelayPenalty < 10_000, 'rewardMaxDelayPenalty < 10,000'],
    [p.movingAverageFactor >= 1, 'movingAverageFactor ≥ 1'],
    [[32, 64, 256].includes(p.erpgBoundBits), 'erpgBoundBits in {32, 64, 256}'],
    [[32, 64].includes(p.feeMathBits), 'feeMathBits in {32, 64}'],
  ];
  const failed = checks.filter(([ok]) => !ok).map(([, rule]) => rule);
  if (failed.length > 0) {
    throw new ConfigError('L1_INVALID_CONFIG', 'proverPool', `invalid proverPool configuration: ${failed.join('; ')}`, { failed });
  }
  return p;
}

export function assetsOf(p: ProverPoolParams): AssetSpec[] {
  return [
    {
      symbol: 'TKO',
      decimals: 8,
      maxSupply: p.tkoMaxSupply,
      errors: {
        burnExceedsBalance: 'ERC20_BURN_AMOUNT_EXCEEDS_BALANCE',
        transferExceedsBalance: 'ERC20_TRANSFER_AMOUNT_EXCEEDS_BALANCE',
        mintCap: 'TKO_MINT_DISALLOWED',
      },
    },
  ];
}

