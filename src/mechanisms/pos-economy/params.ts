import { z } from 'zod';
import { address, ConfigError, InvalidArgumentError, smallUint, uint, type Address, type AssetSpec } from '../../kernel/index.js';
import type { Churn } from './churn.js';
import { ISSUANCE_KEYS, type Issuance } from './curves.js';

/** The asset has 9 decimals in state: gwei, as the consensus layer counts (§3). */
export const DECIMALS = 9;
export const PPM = 1_000_000n;

const gwei = uint(256);

/**
 * The parameters of §3.1. `issuance` is read loosely here (a kind plus any keys) and shaped in
 * `checkParams`: keys that its kind does not use are ignored and not checked (§3.1), so a preset's
 * `baseRewardFactor` does not stand in the way of an override to `cosmos`.
 */
export const paramsSchema = z.strictObject({
  asset: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,15}$/, 'expected an asset symbol (a letter, then up to 15 letters, digits or _)'),
  epochSeconds: smallUint(32),
  issuance: z.record(z.string(), z.unknown()),
  burnShare: uint(64),
  churn: z.strictObject({ min: gwei, quotient: gwei, increment: gwei, maxPerEpoch: gwei }).nullable(),
  withdrawalDelayEpochs: smallUint(32),
  slashFraction: uint(64),
  environment: address,
  slasher: address,
  initialFeeRevenue: gwei,
});

export interface PosEconomyParams {
  readonly asset: string;
  readonly epochSeconds: number;
  readonly issuance: Issuance;
  /** ppm of each epoch's fee revenue that is burned. */
  readonly burnShare: bigint;
  /** `null`: no churn limit. */
  readonly churn: Churn | null;
  readonly withdrawalDelayEpochs: number;
  /** ppm of active + exiting + locked stake taken by a slashing. */
  readonly slashFraction: bigint;
  readonly environment: Address;
  readonly slasher: Address;
  /** Fee revenue (gwei per epoch) until `setFeeRevenue` changes it. */
  readonly initialFeeRevenue: bigint;
}

const ETH = 1_000_000_000n;

/** Ethereum (Electra): the table of §3.1. */
const ethereum = {
  asset: 'ETH',
  epochSeconds: 384,
  issuance: { kind: 'sqrt', baseRewardFactor: 64 },
  burnShare: 1_000_000,
  churn: { min: `${128n * ETH}`, quotient: '65536', increment: `${ETH}`, maxPerEpoch: `${256n * ETH}` },
  withdrawalDelayEpochs: 256,
  slashFraction: 31_250,
  environment: 'environment',
  slasher: 'slasher',
  initialFeeRevenue: '0',
};

/** §3.3 presets: data, not code paths. */
export const presets = {
  ethereum,
  'ethereum-tempered': { ...ethereum, issuance: { kind: 'tempered', baseRewardFactor: 64, k: `${(1n << 26n) * ETH}` } },
  'ethereum-capped': { ...ethereum, issuance: { kind: 'capped', baseRewardFactor: 64, cap: `${(1n << 24n) * ETH}` } },
  'cosmos-hub': {
    ...ethereum,
    asset: 'TOKEN',
    epochSeconds: 3_600,
    issuance: { kind: 'cosmos', goal: 670_000, change: 130_000, min: 70_000, max: 200_000, initial: 100_000 },
    burnShare: 0,
    churn: null,
    withdrawalDelayEpochs: 504,
  },
  fixed: { ...ethereum, asset: 'TOKEN', issuance: { kind: 'fixedRate', rate: 60_000 } },
} as const;

const issuanceValue = uint(256);

/** A failed build check: the parameter it concerns and the rule it breaks. */
export interface ConfigFailure {
  readonly parameter: string;
  readonly rule: string;
}

/** Throws INVALID_CONFIG listing every failure (parameter: rule). */
export function failConfig(failed: readonly ConfigFailure[]): never {
  throw new ConfigError('INVALID_CONFIG', 'posEconomy', `invalid posEconomy configuration: ${failed.map((f) => `${f.parameter}: ${f.rule}`).join('; ')}`, {
    failed: failed.map((f) => ({ ...f })),
  });
}

/**
 * The build checks of §3.1 on parsed parameters, in the spec's order, every failure reported
 * (INVALID_CONFIG naming the parameter and the rule). Then shapes `issuance` to its kind's keys.
 * An ill-typed value of a key the kind uses is malformed input (INVALID_ARGUMENT), as for every
 * other parameter.
 */
export function checkParams(data: z.output<typeof paramsSchema>): PosEconomyParams {
  const failed: ConfigFailure[] = [];
  const rawKind = data.issuance.kind;
  const kinds = Object.keys(ISSUANCE_KEYS) as Array<keyof typeof ISSUANCE_KEYS>;
  const kind = typeof rawKind === 'string' && (kinds as string[]).includes(rawKind) ? (rawKind as keyof typeof ISSUANCE_KEYS) : undefined;
  if (kind === undefined) failed.push({ parameter: 'issuance.kind', rule: `unknown kind ${JSON.stringify(rawKind) ?? 'undefined'}; the kinds are ${kinds.join(', ')}` });
  if (data.epochSeconds <= 0) failed.push({ parameter: 'epochSeconds', rule: 'epochSeconds > 0' });
  if (data.burnShare > PPM) failed.push({ parameter: 'burnShare', rule: 'burnShare ≤ 1,000,000 (ppm)' });
  if (data.slashFraction > PPM) failed.push({ parameter: 'slashFraction', rule: 'slashFraction ≤ 1,000,000 (ppm)' });

  const values: Record<string, bigint> = {};
  if (kind !== undefined) {
    for (const key of ISSUANCE_KEYS[kind]) {
      const raw = data.issuance[key];
      if (raw === undefined || raw === null) {
        failed.push({ parameter: `issuance.${key}`, rule: `issuance kind ${kind} needs ${key}` });
        continue;
      }
      const res = issuanceValue.safeParse(raw);
      if (!res.success) {
        throw new InvalidArgumentError(`posEconomy parameters: issuance.${key}: ${res.error.issues[0]?.message ?? 'invalid'}`, { parameter: `issuance.${key}` }, 'posEconomy');
      }
      values[key] = res.data;
    }
    const positive = (key: string) => {
      if (values[key] !== undefined && values[key] === 0n) failed.push({ parameter: `issuance.${key}`, rule: `issuance.${key} > 0` });
    };
    if (kind === 'tempered') positive('k');
    if (kind === 'capped') positive('cap');
    if (kind === 'cosmos') {
      positive('goal');
      const { min, initial, max } = values;
      if (min !== undefined && initial !== undefined && max !== undefined && !(min <= initial && initial <= max)) {
        failed.push({ parameter: 'issuance.initial', rule: `issuance.min ≤ issuance.initial ≤ issuance.max (${min} ≤ ${initial} ≤ ${max} does not hold)` });
      }
    }
  }
  if (data.churn !== null) {
    for (const key of ['min', 'quotient', 'increment', 'maxPerEpoch'] as const) {
      if (data.churn[key] <= 0n) failed.push({ parameter: `churn.${key}`, rule: `churn.${key} > 0` });
    }
  }
  if (failed.length > 0) failConfig(failed);

  let issuance: Issuance;
  switch (kind!) {
    case 'sqrt':
      issuance = { kind: 'sqrt', baseRewardFactor: values.baseRewardFactor! };
      break;
    case 'tempered':
      issuance = { kind: 'tempered', baseRewardFactor: values.baseRewardFactor!, k: values.k! };
      break;
    case 'capped':
      issuance = { kind: 'capped', baseRewardFactor: values.baseRewardFactor!, cap: values.cap! };
      break;
    case 'fixedRate':
      issuance = { kind: 'fixedRate', rate: values.rate! };
      break;
    case 'cosmos':
      issuance = { kind: 'cosmos', goal: values.goal!, change: values.change!, min: values.min!, max: values.max!, initial: values.initial! };
      break;
  }
  return { ...data, issuance };
}

export function assetsOf(p: PosEconomyParams): AssetSpec[] {
  return [{ symbol: p.asset, decimals: DECIMALS }];
}
