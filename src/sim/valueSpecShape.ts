import { z } from 'zod';
import { describeValue } from '../kernel/zodMessages.js';

/**
 * The shape of a value spec (simulator §1): a literal or one distribution. Only the shape is
 * checked here (what each distribution takes, bounds that make it meaningless); drawing lives in
 * src/sim/distributions.ts, whose `valueSpecSchema` is meant to replace this one at merge.
 */

/** A number: finite JSON/YAML number, YAML bigint, or a decimal string (token amounts). */
export const numeric = z.union([z.number().refine(Number.isFinite, 'expected a finite number'), z.bigint(), z.string().regex(/^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/)], {
  error: (iss) => (iss.input === undefined ? 'missing (required)' : `expected a number (or a decimal string such as "2000000000000"), got ${describeValue(iss.input)}`),
});

const asNumber = (v: number | bigint | string): number => Number(v);
const positive = numeric.refine((v) => asNumber(v) > 0, { error: (iss) => `must be greater than 0, got ${describeValue(iss.input)}` });
const nonNegative = numeric.refine((v) => asNumber(v) >= 0, { error: (iss) => `must be at least 0, got ${describeValue(iss.input)}` });

export const literalValue = z.union([numeric, z.string(), z.boolean()]);

const choiceList = z.array(literalValue).min(1, 'a choice needs at least one value').max(10_000, 'a choice has at most 10,000 values');

export const valueSpecShape = z.union([
  literalValue,
  z.strictObject({
    uniform: z.tuple([numeric, numeric]).refine((t) => asNumber(t[0]) <= asNumber(t[1]), 'uniform [a, b] needs a ≤ b'),
  }),
  z.strictObject({ normal: z.tuple([numeric, nonNegative]) }),
  z.strictObject({ lognormal: z.strictObject({ median: positive, sigma: nonNegative }) }),
  z.strictObject({ pareto: z.strictObject({ scale: positive, shape: positive }) }),
  z.strictObject({ exponential: positive }),
  z.strictObject({ poisson: nonNegative }),
  z.strictObject({
    choice: z.union([
      choiceList,
      z
        .strictObject({ values: choiceList, weights: z.array(nonNegative) })
        .refine((c) => c.values.length === c.weights.length, 'choice needs as many weights as values')
        .refine((c) => c.weights.some((w) => asNumber(w) > 0), 'choice needs a weight above 0'),
    ]),
  }),
]);

/** The distribution keys, for messages. */
export const VALUE_SPEC_FORMS = 'a literal, or one of { uniform: [a, b] }, { normal: [mean, sd] }, { lognormal: { median, sigma } }, { pareto: { scale, shape } }, { exponential: mean }, { poisson: λ }, { choice: [..] } or { choice: { values, weights } }';

export type ValueSpecShape = z.output<typeof valueSpecShape>;
