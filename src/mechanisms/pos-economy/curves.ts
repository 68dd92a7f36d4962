import { isqrt, minBig } from '../../kernel/index.js';

/**
 * The five issuance curves of economy.md §3.3, in exact integer arithmetic. Every division
 * floors (cosmos's Δ truncates toward zero), multiplication always comes before division, and
 * "epochs per year" is the exact fraction 31,557,600 / epochSeconds. Flooring issuance favours
 * holders: a fraction of a gwei that a curve would issue is never created.
 *
 * Amounts are gwei (the asset's 9-decimal unit); rates are parts per million; the cosmos
 * inflation is in units of 10⁻¹⁸ (Cosmos's 18-decimal `Dec`).
 */

/** Seconds in a year of 365.25 days. */
export const YEAR_SECONDS = 31_557_600n;
/** Gwei per whole token. */
export const GWEI = 1_000_000_000n;
/** Ethereum's epoch length, the `sqrt` curve's reference period. */
export const ETHEREUM_EPOCH_SECONDS = 384n;
const PPM = 1_000_000n;
const DEC = 10n ** 18n;

/**
 * `sqrt` (Ethereum today): every whole token of stake earns `10⁹ × BRF div isqrt(D)` gwei per
 * 384-second epoch: `(D div 10⁹) × (10⁹ × BRF div isqrt(D)) × epochSeconds div 384`. 0 when D = 0.
 */
export function sqrtIssuance(stake: bigint, baseRewardFactor: bigint, epochSeconds: bigint): bigint {
  if (stake === 0n) return 0n;
  const perToken = (GWEI * baseRewardFactor) / isqrt(stake);
  return ((stake / GWEI) * perToken * epochSeconds) / ETHEREUM_EPOCH_SECONDS;
}

/** `tempered` (Elowsson): the sqrt form divided by (1 + D/k): `sqrt-form × k div (k + D)`. */
export function temperedIssuance(stake: bigint, baseRewardFactor: bigint, k: bigint, epochSeconds: bigint): bigint {
  return (sqrtIssuance(stake, baseRewardFactor, epochSeconds) * k) / (k + stake);
}

/** `capped`: the sqrt form up to `cap`, flat after: `sqrt-form(min(D, cap))`. */
export function cappedIssuance(stake: bigint, baseRewardFactor: bigint, cap: bigint, epochSeconds: bigint): bigint {
  return sqrtIssuance(minBig(stake, cap), baseRewardFactor, epochSeconds);
}

/** `fixedRate`: `rate` ppm of the supply per year: `supply × rate × epochSeconds div (10⁶ × 31,557,600)`. */
export function fixedRateIssuance(supply: bigint, ratePpm: bigint, epochSeconds: bigint): bigint {
  return (supply * ratePpm * epochSeconds) / (PPM * YEAR_SECONDS);
}

export interface CosmosCurve {
  /** Bonded-ratio goal, ppm. */
  readonly goal: bigint;
  /** Largest yearly change of the inflation, ppm. */
  readonly change: bigint;
  /** Inflation bounds, ppm per year. */
  readonly min: bigint;
  readonly max: bigint;
}

/**
 * One epoch's update of the `cosmos` inflation `i` (10⁻¹⁸ units): `ratio = D × 10¹⁸ div supply`
 * (0 when the supply is 0), `Δ = (10¹⁸ − ratio × 10⁶ div goal) × change × epochSeconds div
 * (10⁶ × 31,557,600)` truncated toward zero (bigint division does), `i' = clamp(i + Δ, min × 10¹²,
 * max × 10¹²)`. Truncating Δ toward zero favours the inflation staying where it is.
 */
export function cosmosInflationStep(inflation: bigint, stake: bigint, supply: bigint, c: CosmosCurve, epochSeconds: bigint): { ratio: bigint; delta: bigint; inflation: bigint } {
  const ratio = supply === 0n ? 0n : (stake * DEC) / supply;
  const delta = ((DEC - (ratio * PPM) / c.goal) * c.change * epochSeconds) / (PPM * YEAR_SECONDS);
  const lo = c.min * 1_000_000_000_000n;
  const hi = c.max * 1_000_000_000_000n;
  const next = inflation + delta;
  return { ratio, delta, inflation: next < lo ? lo : next > hi ? hi : next };
}

/** `cosmos` issuance of one epoch at inflation `i`: `supply × i × epochSeconds div (10¹⁸ × 31,557,600)`. */
export function cosmosIssuance(supply: bigint, inflation: bigint, epochSeconds: bigint): bigint {
  return (supply * inflation * epochSeconds) / (DEC * YEAR_SECONDS);
}

/** The parsed `issuance` parameter: each kind with exactly the keys it uses. */
export type Issuance =
  | { readonly kind: 'sqrt'; readonly baseRewardFactor: bigint }
  | { readonly kind: 'tempered'; readonly baseRewardFactor: bigint; readonly k: bigint }
  | { readonly kind: 'capped'; readonly baseRewardFactor: bigint; readonly cap: bigint }
  | { readonly kind: 'fixedRate'; readonly rate: bigint }
  | ({ readonly kind: 'cosmos'; readonly initial: bigint } & CosmosCurve);

/** Every kind and the keys it uses (the rest of `issuance` is ignored, §3.1). */
export const ISSUANCE_KEYS = {
  sqrt: ['baseRewardFactor'],
  tempered: ['baseRewardFactor', 'k'],
  capped: ['baseRewardFactor', 'cap'],
  fixedRate: ['rate'],
  cosmos: ['goal', 'change', 'min', 'max', 'initial'],
} as const satisfies Record<Issuance['kind'], readonly string[]>;

/**
 * The issuance of one epoch of any curve, from the state at the epoch's start: stake `D`, supply
 * and the cosmos inflation before this epoch's update. Returns `I_e` (0 when D = 0, whatever the
 * curve) and the inflation after the epoch (cosmos updates it every epoch, D = 0 included; other
 * kinds return it unchanged).
 */
export function epochIssuance(issuance: Issuance, at: { stake: bigint; supply: bigint; inflation: bigint }, epochSeconds: bigint): { issuance: bigint; inflation: bigint } {
  const { stake, supply } = at;
  let inflation = at.inflation;
  let amount: bigint;
  switch (issuance.kind) {
    case 'sqrt':
      amount = sqrtIssuance(stake, issuance.baseRewardFactor, epochSeconds);
      break;
    case 'tempered':
      amount = temperedIssuance(stake, issuance.baseRewardFactor, issuance.k, epochSeconds);
      break;
    case 'capped':
      amount = cappedIssuance(stake, issuance.baseRewardFactor, issuance.cap, epochSeconds);
      break;
    case 'fixedRate':
      amount = fixedRateIssuance(supply, issuance.rate, epochSeconds);
      break;
    case 'cosmos':
      inflation = cosmosInflationStep(inflation, stake, supply, issuance, epochSeconds).inflation;
      amount = cosmosIssuance(supply, inflation, epochSeconds);
      break;
  }
  return { issuance: stake === 0n ? 0n : amount, inflation };
}

/**
 * `issuanceAt`: the issuance one epoch would have at stake `D`, with the current supply and the
 * current cosmos inflation as it is (not stepped). 0 at D = 0, as in the epoch.
 */
export function issuanceAtStake(issuance: Issuance, stake: bigint, supply: bigint, inflation: bigint, epochSeconds: bigint): bigint {
  if (stake === 0n) return 0n;
  switch (issuance.kind) {
    case 'cosmos':
      return cosmosIssuance(supply, inflation, epochSeconds);
    default:
      return epochIssuance(issuance, { stake, supply, inflation }, epochSeconds).issuance;
  }
}
