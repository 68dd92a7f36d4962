import { z } from 'zod';
import { describeValue } from '../kernel/zodMessages.js';

/**
 * The scenario format (docs/scenario-format.md), as one zod schema. It validates files, types
 * the runner, and generates `schema/scenario.schema.json` (npm run schema), so the three never
 * drift apart. Integers may be numbers, decimal strings or (from YAML) bigints.
 */

const int = z.union([z.number().int(), z.bigint(), z.string().regex(/^(?:0|-?[1-9][0-9]*)$/)], {
  error: (iss) => `expected an integer (a number, or a decimal string without spaces, leading zeros, + sign or -0), got ${describeValue(iss.input)}`,
});
const count = int.transform((v, ctx) => {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isSafeInteger(n) || n < 0) {
    ctx.addIssue({ code: 'custom', message: `expected a non-negative integer, got ${v}` });
    return z.NEVER;
  }
  return n;
});
const hash32 = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, 'expected a 32-byte hex string 0x…')
  .transform((v) => v.toLowerCase() as `0x${string}`);
const errorCode = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'error codes are UPPER_SNAKE_CASE');
const call = z.string().regex(/^[A-Za-z][A-Za-z0-9]*\.[A-Za-z][A-Za-z0-9]*$/, 'expected "mechanism.name"');
const args = z.record(z.string(), z.unknown());

export const eventExpectation = z.strictObject({
  name: z.string().min(1),
  mechanism: z.string().optional(),
  args: z.record(z.string(), z.unknown()).optional(),
});

const balancesExpectation = z.record(z.string(), z.record(z.string(), int));

const effectExpectation = z.strictObject({
  events: z.array(eventExpectation).min(1, 'an empty events list asserts nothing; use expectEventsExactly: [] to assert that none was emitted').optional(),
  balances: balancesExpectation.optional(),
  result: z.unknown().optional(),
});

const note = z.string().optional();

export const txStep = z.strictObject({
  tx: z.strictObject({ from: z.string().min(1), call, args: args.optional() }),
  expect: effectExpectation.optional(),
  expectError: errorCode.optional(),
  expectEventsExactly: z.array(eventExpectation).optional(),
  note,
});

export const queryStep = z.strictObject({
  query: z.strictObject({ call, args: args.optional() }),
  expect: z.unknown().optional(),
  expectError: errorCode.optional(),
  note,
});

export const advanceStep = z.strictObject({
  advance: z
    .strictObject({
      seconds: count.optional(),
      blocks: count.optional(),
      blockHash: hash32.optional(),
      to: z.strictObject({ time: count.optional(), height: count.optional() }).optional(),
    })
    .refine((a) => !(a.to && (a.seconds !== undefined || a.blocks !== undefined)), 'use either seconds/blocks or to, not both'),
  expect: effectExpectation.optional(),
  expectEventsExactly: z.array(eventExpectation).optional(),
  note,
});

export const noteStep = z.strictObject({ note: z.string() });

export const step = z.union([txStep, queryStep, advanceStep, noteStep]);

export const mechanismConfig = z.looseObject({ preset: z.string().optional() });

export const scenarioSchema = z.strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  chain: z.strictObject({ mechanisms: z.record(z.string(), mechanismConfig) }),
  genesis: z
    .looseObject({
      time: count.optional(),
      height: count.optional(),
      balances: z.record(z.string(), z.record(z.string(), int)).optional(),
    })
    .optional(),
  /** Building the chain must fail with this code (a parameter check); such a scenario has no steps. */
  expectError: errorCode.optional(),
  /** Check every invariant after every step (default false; the test suite and `--check-invariants` turn it on). */
  checkInvariants: z.boolean().optional(),
  steps: z.array(step).optional(),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type Step = z.output<typeof step>;
export type EventExpectation = z.output<typeof eventExpectation>;

/** JSON Schema of the scenario format (input side: what a file may contain). */
export function scenarioJsonSchema(): unknown {
  return z.toJSONSchema(scenarioSchema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
    // A bigint is how a YAML reader hands over an integer literal: in a file it is a JSON integer.
    override: (ctx) => {
      if ((ctx.zodSchema as { _zod?: { def?: { type?: string } } })._zod?.def?.type === 'bigint') {
        for (const k of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as Record<string, unknown>)[k];
        (ctx.jsonSchema as Record<string, unknown>).type = 'integer';
      }
    },
  });
}
