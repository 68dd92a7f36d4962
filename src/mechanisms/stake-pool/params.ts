import { z } from 'zod';
import { address, parseParamsWith, uint, type AssetSpec } from '../../kernel/index.js';
import { fxArg } from './schemas.js';

const u = (bits: number) => uint(bits).transform((x) => Number(x));

const tokenomicSchema = z.strictObject({
  phaRate: fxArg,
  rho: fxArg,
  budgetPerBlock: fxArg,
  vMax: fxArg,
  costK: fxArg,
  costB: fxArg,
  slashRate: fxArg,
  treasuryRatio: fxArg,
  rigK: fxArg,
  rigB: fxArg,
  re: fxArg,
  k: fxArg,
  kappa: fxArg,
});

export const paramsSchema = z.strictObject({
  registry: address,
  gatekeeper: address,
  subsidyPool: address,
  treasury: address,
  minContribution: uint(128),
  gracePeriod: u(53),
  coolDownPeriod: u(53),
  maxPoolWorkers: u(32),
  minInitP: u(32),
  maxWhitelistLen: u(32),
  maxDescriptionLen: u(32),
  existentialDeposit: uint(128),
  miningEnabled: z.boolean(),
  slashEnabled: z.boolean(),
  heartbeatWindow: u(32),
  computation: z.strictObject({
    enabled: z.boolean(),
    halvingInterval: u(53),
    /** null: the genesis height. */
    halvingStartBlock: u(53).nullable(),
  }),
  tokenomic: tokenomicSchema,
});

export type StakePoolParams = z.output<typeof paramsSchema>;
export type Tokenomic = z.output<typeof tokenomicSchema>;

/** Constants the reference wrote for Khala at launch (Aug 2021), as U64F64 bits. */
const khalaTokenomic = {
  phaRate: '15495265021916023357',
  rho: '18446756370313412349',
  budgetPerBlock: '153722867280912930133',
  vMax: '553402322211286548480000',
  costK: '347309560303',
  costB: '740317746965011',
  slashRate: '61489146912365',
  treasuryRatio: '3689348814741910323',
  rigK: '6588122883467697006',
  rigB: '0',
  re: '27670116110564327424',
  k: '922337203685477580800',
  kappa: '18446744073709551616',
};

/** The reference's unit-test constants. */
const testTokenomic = {
  ...khalaTokenomic,
  phaRate: '18446744073709551616',
  budgetPerBlock: '1844674407370955161600',
  costK: '291740030655',
  costB: '621866907450610',
  rigK: '5534023222112865485',
  re: '23980767295822417101',
  k: '1844674407370955161600',
};

const roles = { registry: 'registry', gatekeeper: 'gatekeeper', subsidyPool: 'subsidy', treasury: 'treasury' };

const phalaKhalaV1 = {
  ...roles,
  minContribution: '10000000000',
  gracePeriod: 604_800,
  coolDownPeriod: 604_800,
  maxPoolWorkers: 200,
  minInitP: 50,
  maxWhitelistLen: 100,
  maxDescriptionLen: 4400,
  existentialDeposit: '10000000000',
  miningEnabled: true,
  slashEnabled: false,
  heartbeatWindow: 10,
  computation: { enabled: false, halvingInterval: 1_296_000, halvingStartBlock: null },
  tokenomic: khalaTokenomic,
};

const phalaTestV1 = {
  ...phalaKhalaV1,
  maxPoolWorkers: 10,
  minInitP: 1,
  existentialDeposit: '2',
  slashEnabled: true,
  computation: { enabled: false, halvingInterval: 0, halvingStartBlock: null },
  tokenomic: testTokenomic,
};

export const presets = { 'phala-khala-v1': phalaKhalaV1, 'phala-test-v1': phalaTestV1 } as const;

export function parseParams(raw: Record<string, unknown>): StakePoolParams {
  return parseParamsWith(paramsSchema, raw, 'stakePool');
}

export function assetsOf(): AssetSpec[] {
  return [{ symbol: 'PHA', decimals: 12 }];
}
