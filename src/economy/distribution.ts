import { z } from 'zod';
import { argsOf } from '../kernel/args.js';
import { echo, InvalidArgumentError } from '../kernel/errors.js';
import { query } from '../kernel/mechanism.js';
import { describeValue } from '../kernel/zodMessages.js';
import { distributionMetrics, priceProblem, type DistributionMetrics } from './metrics.js';

/**
 * One entity as a mechanism reports it: `id` a lower-case `0x` address (a string, compared as a
 * string) or a pid (a number, compared as a number and written as a decimal string).
 */
export interface RawEntry {
  readonly id: string | number;
  readonly stake: bigint;
}

/** The entities of one `by` view, in any order, zero stakes allowed (they are left out). */
export type EntriesFn = () => readonly RawEntry[];

/** A `by` view whose asset differs from the mechanism's default (sequencerStaking's `l1` is ETH). */
export interface ByView {
  readonly entries: EntriesFn;
  readonly asset?: string;
  readonly decimals?: number;
}

export interface DistributionQueriesSpec {
  /** Asset of the stakes and its decimals (costToAttack counts whole tokens). */
  readonly asset: string;
  readonly decimals: number;
  /** The `by` used when the query names none. */
  readonly defaultBy: string;
  /** `by` name → its entities. */
  readonly by: Readonly<Record<string, EntriesFn | ByView>>;
  /** Mechanism name carried by errors (default `economy`). */
  readonly mechanism?: string;
}

export interface DistributionEntry {
  readonly id: string;
  readonly stake: bigint;
}

/** `stakeDistribution` result (economy §1.1). Stakes are bigints, decimal strings in JSON like every amount. */
export interface StakeDistribution {
  readonly asset: string;
  readonly by: string;
  readonly entries: DistributionEntry[];
}

/**
 * Sorts entities as §1.1 orders them, stake > 0 only: descending stake, then ascending id
 * (strings by code unit, which for lower-case addresses is their order; numbers numerically).
 */
export function orderEntries(raw: readonly RawEntry[]): DistributionEntry[] {
  const kept = raw.filter((e) => {
    if (typeof e.stake !== 'bigint' || e.stake < 0n) throw new Error(`stake of ${String(e.id)} must be a non-negative bigint`);
    return e.stake > 0n;
  });
  const numeric = kept.length > 0 && typeof kept[0]!.id === 'number';
  const seen = new Set<string | number>();
  for (const e of kept) {
    if ((typeof e.id === 'number') !== numeric) throw new Error('entity ids must be all numbers or all strings');
    if (seen.has(e.id)) throw new Error(`entity ${String(e.id)} is listed twice`);
    seen.add(e.id);
  }
  kept.sort((a, b) => (a.stake > b.stake ? -1 : a.stake < b.stake ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return kept.map((e) => ({ id: String(e.id), stake: e.stake }));
}

/** Adds up stakes per id (an owner's pools, a delegator's shares across pools). */
export function sumById<K extends string | number>(pairs: Iterable<readonly [K, bigint]>): RawEntry[] {
  const totals = new Map<K, bigint>();
  for (const [k, v] of pairs) totals.set(k, (totals.get(k) ?? 0n) + v);
  return [...totals].map(([id, stake]) => ({ id, stake }));
}

const priceArg = z
  .string({ error: (iss) => `price must be a decimal string such as "1" or "2.50", got ${describeValue(iss.input)}` })
  .superRefine((v, ctx) => {
    const problem = priceProblem(v);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * The two standard queries of economy §1.1–§1.2 for a mechanism, from its table of `by` views:
 * `stakeDistribution { by? }` → `{ asset, by, entries: [{ id, stake }] }` (stake > 0, descending
 * stake then ascending id) and `metrics { by?, price?, lorenz? }` → the §1.2 object of those
 * entries. An unknown `by` fails with INVALID_ARGUMENT listing the ones that exist.
 *
 * ```ts
 * queries: { ...queries(pool), ...distributionQueries({ asset: 'TKO', decimals: 8, defaultBy: 'prover', by: { prover: () => entries } }) }
 * ```
 */
export function distributionQueries(spec: DistributionQueriesSpec) {
  const names = Object.keys(spec.by);
  if (!Object.hasOwn(spec.by, spec.defaultBy)) throw new Error(`defaultBy ${spec.defaultBy} is not one of ${names.join(', ')}`);
  const mechanism = spec.mechanism ?? 'economy';
  const view = (queryName: string, by: string | undefined) => {
    const name = by ?? spec.defaultBy;
    if (!Object.hasOwn(spec.by, name)) {
      throw new InvalidArgumentError(`${mechanism}.${queryName}: by: unknown distribution ${echo(name)}; ${mechanism} has ${names.join(', ')}`, { by: name, known: names }, mechanism);
    }
    const v = spec.by[name]!;
    const { entries, asset = spec.asset, decimals = spec.decimals } = typeof v === 'function' ? { entries: v } : v;
    return { name, entries, asset, decimals };
  };
  const byArg = z.string({ error: (iss) => `by must be one of ${names.join(', ')}, got ${describeValue(iss.input)}` }).optional();
  const distribution = (by: string | undefined): StakeDistribution => {
    const v = view('stakeDistribution', by);
    return { asset: v.asset, by: v.name, entries: orderEntries(v.entries()) };
  };
  return {
    stakeDistribution: query({
      summary: `entities and their stakes (> 0), descending, by ${names.join(' | ')} (default ${spec.defaultBy})`,
      args: argsOf({ by: byArg }),
      run: ({ by }): StakeDistribution => distribution(by),
    }),
    metrics: query({
      summary: `metrics of that distribution: nakamoto, top shares, gini, hhi, entropy, attack costs (with price), lorenz (on request)`,
      args: argsOf({ by: byArg, price: priceArg.optional(), lorenz: z.boolean().optional() }),
      run: ({ by, price, lorenz }): DistributionMetrics => {
        const v = view('metrics', by);
        return distributionMetrics(orderEntries(v.entries()), { decimals: v.decimals, price, lorenz });
      },
    }),
  };
}
