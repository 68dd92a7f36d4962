import { z } from 'zod';
import { describeValue } from '../kernel/zodMessages.js';
import { mechanismConfig } from '../scenario/schema.js';
import { numeric, valueSpecShape } from './valueSpecShape.js';

/**
 * The simulation file (simulator §1) as one zod schema: it validates files, types the
 * simulator, and generates schema/simulation.schema.json (npm run schema). Cross-field checks
 * (sweep paths, metric names, limits over the whole file) are in file.ts.
 */

/** Limits (file.ts checks the ones that span fields). */
export const MAX_RUNS = 100_000;
export const MAX_POINTS = 100_000;
/** Jobs = points × runs. */
export const MAX_JOBS = 1_000_000;
/** Agents over all groups, at the largest count any sweep gives each group. */
export const MAX_AGENTS = 100_000;
export const MAX_AGENT_GROUPS = 1_000;
/** A year of 1-second blocks is 31.5 M; the chain passes at most 10 M blocks per advance but the simulator advances one at a time. */
export const MAX_DURATION_BLOCKS = 100_000_000;
export const MAX_METRICS = 1_000;
export const MAX_PROCESSES = 1_000;
export const MAX_STEP_POINTS = 10_000;

const int = z.union([z.number().int(), z.bigint(), z.string().regex(/^(?:0|-?[1-9][0-9]*)$/)], {
  error: (iss) => (iss.input === undefined ? 'missing (required)' : `expected an integer (a number, or a decimal string), got ${describeValue(iss.input)}`),
});
const countIn = (min: number, max: number) =>
  int.transform((v, ctx) => {
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: `expected an integer from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}, got ${String(v)}` });
      return z.NEVER;
    }
    return n;
  });

/** Names of agent groups and processes: they become account names (`prover-0`) and metric names. */
export const identifier = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'expected a name of letters, digits and _ (starting with a letter)');

export const BUILT_IN_POLICIES = [
  'proverPool.prover',
  'proverPool.proposer',
  'sequencerStaking.staker',
  'sequencerStaking.delegator',
  'sequencerStaking.sequencer',
  'stakePool.owner',
  'stakePool.delegator',
  'posEconomy.operator',
  'posEconomy.environment',
  'greedyCoalition',
] as const;

/** A user policy: a relative ES module path and its export, `./agents/lazy.js#lazyProver`. */
export const USER_POLICY = /^\.{1,2}\/[^#\0]+\.m?js#[A-Za-z_$][A-Za-z0-9_$]*$/;

// A union, not a refine, so that the JSON Schema lists the built-in names and the path pattern.
const policyError = (iss: { input?: unknown }) =>
  iss.input === undefined ? 'missing (required)' : `unknown policy ${describeValue(iss.input)}: expected a built-in policy (${BUILT_IN_POLICIES.join(', ')}) or a module path ./file.js#export`;
const policy = z.union([z.enum(BUILT_IN_POLICIES), z.string().regex(USER_POLICY, { error: policyError })], { error: policyError });

const balances = z.record(z.string(), z.record(z.string(), int));

export const agentGroup = z.strictObject({
  name: identifier,
  count: countIn(0, MAX_AGENTS).default(1),
  policy,
  /** Asset → amount, for each agent of the group. */
  balances: z.record(z.string(), int).optional(),
  params: z.record(identifier, valueSpecShape).optional(),
});

const processStart = numeric;
/** Geometric Brownian motion; drift and volatility per year. */
const gbm = z.strictObject({ gbm: z.strictObject({ start: processStart, drift: numeric.default(0), volatility: numeric }) });
/** Ornstein–Uhlenbeck (mean-reverting): speed per year toward mean, volatility per year. */
const ou = z.strictObject({ ou: z.strictObject({ start: processStart, mean: numeric, speed: numeric, volatility: numeric }) });
/** A schedule: `value` from block `at` on; the first entry is at block 0, `at` strictly increases. */
const step = z.strictObject({
  step: z
    .array(z.strictObject({ at: countIn(0, MAX_DURATION_BLOCKS), value: numeric }))
    .min(1, 'a step schedule needs at least one entry')
    .max(MAX_STEP_POINTS)
    .refine((s) => s[0]?.at === 0, 'a step schedule starts at block 0 (its first entry has at: 0)')
    .refine((s) => s.every((e, i) => i === 0 || e.at > s[i - 1]!.at), 'step entries need strictly increasing at'),
});
export const processSpec = z.union([gbm, ou, step, valueSpecShape]);

const sweepLists = z.record(z.string(), z.array(z.unknown()).min(1, 'a swept path needs at least one value'));

export const simulationSchema = z.strictObject({
  name: z.string().min(1, 'a simulation needs a name (it names the results store)'),
  description: z.string().optional(),
  chain: z.strictObject({ mechanisms: z.record(z.string(), mechanismConfig) }),
  genesis: z
    .looseObject({ time: countIn(0, 2 ** 48 - 1).optional(), height: countIn(0, 2 ** 48 - 1).optional(), balances: balances.optional() })
    .default({}),
  duration: z.union([z.strictObject({ blocks: countIn(1, MAX_DURATION_BLOCKS) }), z.strictObject({ seconds: countIn(1, Number.MAX_SAFE_INTEGER) })], {
    error: (iss) => `expected { blocks: N } or { seconds: N }, got ${describeValue(iss.input)}`,
  }),
  blockSeconds: countIn(1, 86_400).default(12),
  agents: z.array(agentGroup).max(MAX_AGENT_GROUPS).default([]),
  processes: z.record(identifier, processSpec).default({}),
  metrics: z
    .strictObject({ every: countIn(1, MAX_DURATION_BLOCKS), record: z.array(z.string()).min(1, 'record at least one metric').max(MAX_METRICS) })
    .optional(),
  monteCarlo: z
    .strictObject({
      runs: countIn(1, MAX_RUNS).default(1),
      seed: z.string().regex(/^0x(?:[0-9a-fA-F]{2}){1,64}$/, 'expected a hex seed of 1 to 64 bytes, 0x…').default('0x00'),
    })
    .default({ runs: 1, seed: '0x00' }),
  sweep: z.union([z.strictObject({ grid: sweepLists }), z.strictObject({ zip: sweepLists })], {
    error: (iss) => `expected { grid: { path: [values] } } or { zip: { path: [values] } }, got ${describeValue(iss.input)}`,
  }).optional(),
});

export type Simulation = z.output<typeof simulationSchema>;
export type AgentGroup = z.output<typeof agentGroup>;
export type ProcessSpec = z.output<typeof processSpec>;

/** JSON Schema of the simulation file (input side). */
export function simulationJsonSchema(): unknown {
  return z.toJSONSchema(simulationSchema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
    override: (ctx) => {
      if ((ctx.zodSchema as { _zod?: { def?: { type?: string } } })._zod?.def?.type === 'bigint') {
        for (const k of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as Record<string, unknown>)[k];
        (ctx.jsonSchema as Record<string, unknown>).type = 'integer';
      }
    },
  });
}
