import { Chain } from '../chain/chain.js';
import type { AccountFields } from '../economy/account.js';
import type { DistributionMetrics } from '../economy/metrics.js';
import { echo } from '../kernel/errors.js';

/**
 * Metric names of a simulation file (simulator §1):
 * - `<m>.<metric>` / `<m>.<metric>@<by>`: a distribution metric (economy §1) on the default or a named `by`;
 * - `<m>.economy.<field>`: a field of the economic account (economy §2);
 * - `<m>.state.<field>[.<sub>…]`: a numeric field of `<m>.getState`;
 * - `processes.<name>`;
 * - `agents.<group>.<field>[@sum|@min|@max|@p50]`: mean (default) or aggregate of a field the policy reports.
 */
export type MetricName =
  | { kind: 'distribution'; name: string; mechanism: string; metric: DistributionMetricName; by?: string }
  | { kind: 'economy'; name: string; mechanism: string; field: EconomyField }
  | { kind: 'state'; name: string; mechanism: string; path: string[] }
  | { kind: 'process'; name: string; process: string }
  | { kind: 'agent'; name: string; group: string; field: string; aggregate: AgentAggregate };

export type AgentAggregate = 'mean' | 'sum' | 'min' | 'max' | 'p50';
const AGGREGATES = ['sum', 'min', 'max', 'p50'] as const;

/** The numeric fields of the `metrics` query (lorenz is a curve, not a number). */
export const DISTRIBUTION_METRICS = [
  'entities', 'total', 'nakamoto33', 'nakamoto50', 'nakamoto67', 'top1Share', 'top5Share', 'gini', 'hhi', 'hhiPoints',
  'entropyBits', 'effectiveEntities', 'minStakeToAttack33', 'minStakeToAttack50', 'costToAttack33', 'costToAttack50',
] as const satisfies ReadonlyArray<Exclude<keyof DistributionMetrics, 'lorenz'>>;
export type DistributionMetricName = (typeof DISTRIBUTION_METRICS)[number];

export const ECONOMY_FIELDS = ['supply', 'staked', 'issued', 'burned', 'rewardsToStakers', 'feesPaid', 'feesBurned', 'slashed'] as const satisfies ReadonlyArray<keyof AccountFields>;
export type EconomyField = (typeof ECONOMY_FIELDS)[number];

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Parses one metric name's syntax; a string is the problem. Names are checked against the file by `checkMetricNames`. */
export function parseMetricName(name: string): MetricName | string {
  const [base, at, ...more] = name.split('@');
  if (more.length > 0) return 'at most one @';
  const parts = base!.split('.');
  if (parts.some((p) => !NAME.test(p))) return 'expected dot-separated names of letters, digits and _';
  if (parts[0] === 'processes') {
    if (parts.length !== 2 || at !== undefined) return 'expected processes.<name>';
    return { kind: 'process', name, process: parts[1]! };
  }
  if (parts[0] === 'agents') {
    if (parts.length !== 3) return 'expected agents.<group>.<field>, optionally with @sum, @min, @max or @p50';
    if (at !== undefined && !(AGGREGATES as readonly string[]).includes(at)) return `unknown aggregate @${at}: expected @sum, @min, @max or @p50 (the mean without one)`;
    return { kind: 'agent', name, group: parts[1]!, field: parts[2]!, aggregate: (at ?? 'mean') as AgentAggregate };
  }
  if (parts.length < 2) return 'expected <mechanism>.<metric>, <mechanism>.economy.<field>, <mechanism>.state.<field>, processes.<name> or agents.<group>.<field>';
  const [mechanism, second, ...rest] = parts as [string, string, ...string[]];
  if (second === 'economy') {
    if (rest.length !== 1 || at !== undefined) return `expected ${mechanism}.economy.<field> (${ECONOMY_FIELDS.join(', ')})`;
    if (!(ECONOMY_FIELDS as readonly string[]).includes(rest[0]!)) return `unknown economy field ${echo(rest[0])}: the fields are ${ECONOMY_FIELDS.join(', ')}`;
    return { kind: 'economy', name, mechanism, field: rest[0] as EconomyField };
  }
  if (second === 'state') {
    if (rest.length === 0 || at !== undefined) return `expected ${mechanism}.state.<field>`;
    return { kind: 'state', name, mechanism, path: rest };
  }
  if (rest.length > 0) return `expected ${mechanism}.<metric>[@by], ${mechanism}.economy.<field> or ${mechanism}.state.<field>`;
  if (!(DISTRIBUTION_METRICS as readonly string[]).includes(second)) return `unknown metric ${echo(second)}: the distribution metrics are ${DISTRIBUTION_METRICS.join(', ')} (or use economy.<field>, state.<field>)`;
  if (at !== undefined && !NAME.test(at)) return `expected a distribution name after @, got ${echo(at)}`;
  return { kind: 'distribution', name, mechanism, metric: second as DistributionMetricName, ...(at !== undefined ? { by: at } : {}) };
}

export interface MetricContext {
  mechanisms: readonly string[];
  processes: readonly string[];
  groups: readonly string[];
  /** A chain built from the file's chain and genesis, to list distribution views and state fields. */
  chain?: Chain;
}

/**
 * Parses and checks the names against the file: mechanisms of the chain, `by` against the
 * mechanism's distribution views, `state.<field>` against `getState` at genesis (a numeric field
 * there: a number, a bigint or a decimal string), processes and groups of the file. Agent fields
 * are what the policy's `report` returns: only checked on the first sample (policies are code).
 * Returns the parsed names, or the problems as [index, message].
 */
export function checkMetricNames(names: readonly string[], ctx: MetricContext): { metrics: MetricName[]; problems: Array<[number, string]> } {
  const metrics: MetricName[] = [];
  const problems: Array<[number, string]> = [];
  const seen = new Set<string>();
  names.forEach((name, i) => {
    const problem = (m: string) => problems.push([i, `${echo(name)}: ${m}`]);
    if (seen.has(name)) return problem('listed twice');
    seen.add(name);
    const m = parseMetricName(name);
    if (typeof m === 'string') return problem(m);
    if (m.kind === 'process') {
      if (!ctx.processes.includes(m.process)) return problem(`no process ${echo(m.process)} in the file (${ctx.processes.length ? `processes: ${ctx.processes.join(', ')}` : 'it has no processes'})`);
    } else if (m.kind === 'agent') {
      if (!ctx.groups.includes(m.group)) return problem(`no agent group ${echo(m.group)} in the file (${ctx.groups.length ? `groups: ${ctx.groups.join(', ')}` : 'it has no agents'})`);
    } else {
      if (!ctx.mechanisms.includes(m.mechanism)) return problem(`no mechanism ${echo(m.mechanism)} in the chain (mechanisms: ${ctx.mechanisms.join(', ')})`);
      if (m.kind === 'distribution' && m.by !== undefined && ctx.chain) {
        const known = distributionViews(ctx.chain, m.mechanism);
        if (known && !known.includes(m.by)) return problem(`${m.mechanism} has no distribution ${echo(m.by)} (it has ${known.join(', ')})`);
      }
      if (m.kind === 'state' && ctx.chain) {
        const s = ctx.chain.query(`${m.mechanism}.getState`, {});
        if (!s.ok) return problem(`${m.mechanism} has no getState query to read state fields from`);
        const fields = numericFields(s.result);
        const key = m.path.join('.');
        if (!fields.includes(key)) return problem(`${m.mechanism}.getState has no numeric field ${echo(key)} (it has ${fields.join(', ')})`);
      }
    }
    metrics.push(m);
  });
  return { metrics, problems };
}

/** The `by` views of a mechanism's `metrics` query: asked with a name no view has, the error lists them. */
function distributionViews(chain: Chain, mechanism: string): string[] | undefined {
  const o = chain.query(`${mechanism}.metrics`, { by: '\u0000' });
  const known = (o.error?.details as { known?: unknown } | undefined)?.known;
  return Array.isArray(known) ? known.map(String) : undefined;
}

/** Dotted paths of the numeric leaves of a query result. */
function numericFields(v: unknown, prefix = ''): string[] {
  if (typeof v === 'number' || typeof v === 'bigint' || (typeof v === 'string' && /^-?[0-9]+(?:\.[0-9]+)?$/.test(v))) return prefix ? [prefix] : [];
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return [];
  return Object.entries(v).flatMap(([k, x]) => numericFields(x, prefix ? `${prefix}.${k}` : k));
}
