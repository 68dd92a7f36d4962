import { z } from 'zod';
import { InvalidArgumentError } from '../kernel/index.js';
import { describeValue } from '../kernel/zodMessages.js';
import type { Rng } from './rng.js';

/**
 * Value specs (simulator.md §1): a literal, or an object with exactly one distribution key.
 *
 * Numbers in parameters may be JSON numbers, bigints or decimal strings ("2000000000000",
 * "1.5"). Sampling uses only + - * / and Math.log/exp/sqrt/cos, whose results V8 computes the
 * same way on every platform (fdlibm ports), so draws replay bit for bit on Node.
 *
 * Stream use per sample, so replays line up: uniform = one float or one bounded integer;
 * normal and lognormal = two floats (Box–Muller, cosine branch only, nothing cached); pareto
 * and exponential = one float (inverse CDF); poisson = Knuth's product of floats for λ < 10, Hörmann's PTRS
 * (transformed rejection, as numpy) for λ ≥ 10, a variable number of floats; choice = one bounded
 * integer (bigint for integer weights).
 *
 * Results: a float, unless
 * - `amount` (option `amount: true`, or a location/scale parameter written as a decimal string:
 *   uniform bounds, normal mean or sd, lognormal median, pareto scale, exponential mean, poisson λ):
 *   rounded down to a bigint, and a negative draw is clamped to 0n (a token amount is never
 *   negative; a normal near 0 then has a mass at 0);
 * - `integer: true`: rounded down, a number (a bigint beyond 2^53);
 * - integer uniforms and poisson, which are integers already (bigint when a bound is a string
 *   or a bigint or beyond 2^53, or when `amount`).
 * Literals and choice values come back as written, except that decimal-integer strings become
 * bigints, and under `amount` every value is turned into a clamped bigint.
 * Continuous draws are doubles, so an amount above 2^53 is exact only to about 16 significant
 * digits (the same digits on every run). The schema refuses a negative sd, sigma, exponential
 * mean, poisson λ or weight, a median, scale or shape that is not above 0, and a > b in uniform.
 */

const distributionNames = 'uniform, normal, lognormal, pareto, exponential, poisson, choice';
const decimal = /^-?[0-9]+(\.[0-9]+)?$/;
const decimalInteger = /^-?[0-9]+$/;

export type NumberLike = number | bigint | string;
export type Literal = number | bigint | string | boolean;

const numberLike = z.union([z.number().finite(), z.bigint(), z.string().regex(decimal, 'expected a number or a decimal string such as "320000" or "1.5" (no exponent)')], {
  error: (iss) => (iss.input === undefined ? 'missing (required)' : `expected a number or a decimal string such as "320000" or "1.5", got ${describeValue(iss.input)}`),
});
// Refinements only judge well-formed numbers (NaN passes), so a malformed one gets one message.
const nonNegative = numberLike.refine((v) => !(toFloat(v) < 0), 'must not be negative');
const positive = numberLike.refine((v) => !(toFloat(v) <= 0), 'must be greater than 0');
const wellFormed = (v: NumberLike) => typeof v !== 'string' || decimal.test(v);
const literalSchema = z.union([z.number().finite(), z.bigint(), z.string(), z.boolean()], {
  error: (iss) => `expected a number, a text, true or false, or a distribution (an object with one of ${distributionNames}), got ${describeValue(iss.input)}`,
});

const uniformSchema = z
  .tuple([numberLike, numberLike])
  .refine(([a, b]) => !wellFormed(a) || !wellFormed(b) || (isIntegerLike(a) && isIntegerLike(b) ? toBigInt(a) <= toBigInt(b) : toFloat(a) <= toFloat(b)), 'the lower bound must not exceed the upper bound: [a, b] with a ≤ b');

const weightedChoice = z
  .strictObject({ values: z.array(literalSchema).min(1), weights: z.array(nonNegative).min(1) })
  .refine((c) => c.values.length === c.weights.length, 'weights must have one entry per value (same length as values)')
  .refine((c) => c.weights.some((w) => toFloat(w) > 0), 'at least one weight must be greater than 0');

const distributionShapes = {
  uniform: uniformSchema,
  normal: z.tuple([numberLike, nonNegative]),
  lognormal: z.strictObject({ median: positive, sigma: nonNegative }),
  pareto: z.strictObject({ scale: positive, shape: positive }),
  exponential: nonNegative,
  poisson: nonNegative,
  choice: z.union([z.array(literalSchema).min(1, 'a choice needs at least one value'), weightedChoice]),
};

const distributionSchema = z
  .strictObject({
    uniform: distributionShapes.uniform.optional(),
    normal: distributionShapes.normal.optional(),
    lognormal: distributionShapes.lognormal.optional(),
    pareto: distributionShapes.pareto.optional(),
    exponential: distributionShapes.exponential.optional(),
    poisson: distributionShapes.poisson.optional(),
    choice: distributionShapes.choice.optional(),
  }, { error: (iss) => (iss.code === 'unrecognized_keys' ? `unknown distribution ${iss.keys.map((k) => JSON.stringify(k)).join(', ')}: a value spec is a literal or exactly one of ${distributionNames}` : undefined) })
  .superRefine((o, ctx) => {
    const keys = Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined);
    if (keys.length !== 1) {
      ctx.addIssue({ code: 'custom', message: `a distribution has exactly one of ${distributionNames}; got ${keys.length === 0 ? 'none' : keys.join(' and ')}` });
    }
  });

function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && typeof v !== 'bigint';

/**
 * The zod schema of a value spec, for the simulation file loader. Objects are checked as
 * distributions and everything else as literals, so each error names the one form meant rather
 * than a union's "none matched"; the JSON Schema is the union of the two.
 */
export const valueSpecSchema = z
  .unknown()
  .superRefine((v, ctx) => {
    const unknown = isObject(v) ? Object.keys(v as object).filter((k) => !distributionNames.split(', ').includes(k)) : [];
    if (unknown.length > 0) {
      ctx.addIssue({ code: 'custom', message: `unknown distribution ${unknown.map((k) => JSON.stringify(k)).join(', ')}: a value spec is a literal or exactly one of ${distributionNames}` });
      return;
    }
    const r = (isObject(v) ? distributionSchema : literalSchema).safeParse(v);
    if (!r.success) for (const iss of r.error.issues) ctx.addIssue({ code: 'custom', message: iss.message, path: iss.path });
  })
  .meta({ anyOf: [jsonSchemaOf(literalSchema), { ...jsonSchemaOf(distributionSchema), minProperties: 1, maxProperties: 1 }] }) as unknown as z.ZodType<ValueSpec>;

export type Distribution =
  | { uniform: [NumberLike, NumberLike] }
  | { normal: [NumberLike, NumberLike] }
  | { lognormal: { median: NumberLike; sigma: NumberLike } }
  | { pareto: { scale: NumberLike; shape: NumberLike } }
  | { exponential: NumberLike }
  | { poisson: NumberLike }
  | { choice: Literal[] | { values: Literal[]; weights: NumberLike[] } };
export type ValueSpec = Literal | Distribution;
export type Sample = number | bigint | string | boolean;
export interface SampleOptions {
  /** Round down to an integer. */
  integer?: boolean;
  /** A token amount: a bigint, rounded down, clamped at 0. */
  amount?: boolean;
}

export function isDistribution(spec: ValueSpec): spec is Distribution {
  return typeof spec === 'object' && spec !== null;
}

function isIntegerLike(v: NumberLike): boolean {
  if (typeof v === 'bigint') return true;
  if (typeof v === 'number') return Number.isInteger(v);
  return decimalInteger.test(v);
}

function toFloat(v: NumberLike): number {
  return typeof v === 'number' ? v : Number(v);
}

function toBigInt(v: NumberLike): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'string' && decimalInteger.test(v)) return BigInt(v);
  const x = toFloat(v);
  if (!Number.isFinite(x)) throw new InvalidArgumentError(`not a finite number: ${String(v)}`, {}, 'sim');
  return BigInt(Math.floor(x));
}

function asAmount(v: Sample): bigint {
  if (typeof v === 'boolean' || (typeof v === 'string' && !decimal.test(v))) {
    throw new InvalidArgumentError(`a token amount must be a number, got ${JSON.stringify(v)}`, {}, 'sim');
  }
  const n = toBigInt(v);
  return n < 0n ? 0n : n;
}

function floorInteger(x: number): number | bigint {
  const f = Math.floor(x);
  return Number.isSafeInteger(f) ? f : BigInt(f);
}

function finish(x: number, amount: boolean, integer: boolean): Sample {
  if (amount) return asAmount(x);
  return integer ? floorInteger(x) : x;
}

function literalValue(v: Literal, amount: boolean, integer: boolean): Sample {
  if (amount) return asAmount(v);
  if (typeof v === 'string' && decimalInteger.test(v)) return BigInt(v);
  if (integer && typeof v === 'number') return floorInteger(v);
  return v;
}

/** A standard normal draw (Box–Muller); 1 - u keeps log away from 0. */
function standardNormal(rng: Rng): number {
  const u1 = rng.nextFloat();
  const u2 = rng.nextFloat();
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
}

/** log Γ(x) for x ≥ 1 (numpy's Stirling series with upward shift). */
const LOGGAM = [8.333333333333333e-2, -2.777777777777778e-3, 7.936507936507937e-4, -5.952380952380952e-4, 8.417508417508418e-4, -1.917526917526918e-3, 6.41025641025641e-3, -2.955065359477124e-2, 1.796443723688307e-1, -1.39243221690590];
function logGamma(x: number): number {
  if (x === 1 || x === 2) return 0;
  let x0 = x;
  let n = 0;
  if (x <= 7) {
    n = Math.floor(7 - x);
    x0 = x + n;
  }
  const x2 = 1 / (x0 * x0);
  let gl0 = LOGGAM[9];
  for (let k = 8; k >= 0; k--) gl0 = gl0 * x2 + LOGGAM[k];
  let gl = gl0 / x0 + 0.5 * Math.log(2 * Math.PI) + (x0 - 0.5) * Math.log(x0) - x0;
  for (let k = 1; k <= n; k++) {
    gl -= Math.log(x0 - 1);
    x0 -= 1;
  }
  return gl;
}

function poisson(lambda: number, rng: Rng): number {
  if (lambda === 0) return 0;
  if (lambda < 10) {
    // Knuth: multiply uniforms until the product drops below e^-λ.
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = rng.nextFloat();
    while (p > limit) {
      k++;
      p *= rng.nextFloat();
    }
    return k;
  }
  // PTRS (Hörmann 1993, "The transformed rejection method for generating Poisson random variables").
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.nextFloat() - 0.5;
    const v = rng.nextFloat();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logGamma(k + 1)) return k;
  }
}

function weightedIndex(weights: NumberLike[], rng: Rng): number {
  if (weights.every(isIntegerLike)) {
    // Integer weights: an exact bigint draw, no float rounding.
    const ws = weights.map(toBigInt);
    const total = ws.reduce((s, w) => s + w, 0n);
    let r = rng.bigintBetween(0n, total - 1n);
    for (let i = 0; i < ws.length; i++) {
      if (r < ws[i]) return i;
      r -= ws[i];
    }
  } else {
    const ws = weights.map(toFloat);
    const total = ws.reduce((s, w) => s + w, 0);
    let r = rng.nextFloat() * total;
    for (let i = 0; i < ws.length; i++) {
      if (r < ws[i]) return i;
      r -= ws[i];
    }
  }
  // Float rounding can run past the end: the last positive weight takes it.
  for (let i = weights.length - 1; i >= 0; i--) if (toFloat(weights[i]) > 0) return i;
  return weights.length - 1;
}

/** One draw of `spec` from `rng` (rules above). The spec should have passed `valueSpecSchema`. */
export function sample(spec: ValueSpec, rng: Rng, options: SampleOptions = {}): Sample {
  const integer = options.integer === true;
  let amount = options.amount === true;
  if (!isDistribution(spec)) return literalValue(spec, amount, integer);
  const s = (v: NumberLike) => {
    if (typeof v === 'string') amount = true;
  };
  if ('uniform' in spec) {
    const [a, b] = spec.uniform;
    s(a);
    s(b);
    if (isIntegerLike(a) && isIntegerLike(b)) {
      const big = amount || typeof a !== 'number' || typeof b !== 'number' || !Number.isSafeInteger(a) || !Number.isSafeInteger(b);
      if (!big) return rng.intBetween(a as number, b as number);
      const v = rng.bigintBetween(toBigInt(a), toBigInt(b));
      return amount && v < 0n ? 0n : v;
    }
    const lo = toFloat(a);
    return finish(lo + (toFloat(b) - lo) * rng.nextFloat(), amount, integer);
  }
  if ('normal' in spec) {
    const [mean, sd] = spec.normal;
    s(mean);
    s(sd);
    return finish(toFloat(mean) + toFloat(sd) * standardNormal(rng), amount, integer);
  }
  if ('lognormal' in spec) {
    s(spec.lognormal.median);
    return finish(toFloat(spec.lognormal.median) * Math.exp(toFloat(spec.lognormal.sigma) * standardNormal(rng)), amount, integer);
  }
  if ('pareto' in spec) {
    s(spec.pareto.scale);
    return finish(toFloat(spec.pareto.scale) * Math.exp(-Math.log(1 - rng.nextFloat()) / toFloat(spec.pareto.shape)), amount, integer);
  }
  if ('exponential' in spec) {
    s(spec.exponential);
    return finish(-toFloat(spec.exponential) * Math.log(1 - rng.nextFloat()), amount, integer);
  }
  if ('poisson' in spec) {
    s(spec.poisson);
    const k = poisson(toFloat(spec.poisson), rng);
    return amount ? BigInt(k) : floorInteger(k);
  }
  if ('choice' in spec) {
    const c = spec.choice;
    const v = Array.isArray(c) ? c[rng.intBetween(0, c.length - 1)] : c.values[weightedIndex(c.weights, rng)];
    return literalValue(v, amount, integer);
  }
  throw new InvalidArgumentError(`not a value spec: a literal or exactly one of ${distributionNames}`, {}, 'sim');
}
