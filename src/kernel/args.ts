import { z } from 'zod';
import { describeValue } from './zodMessages.js';
import { parseAddress, type Address } from './address.js';
import type { Hex } from './bytes.js';
import { echo, InvalidArgumentError, nameEcho } from './errors.js';
import { maxUint } from './math.js';

/**
 * Argument schemas shared by every mechanism. Integers are accepted as JSON numbers, decimal
 * strings or bigints (README "Numbers"); widths are enforced here, so an out-of-width, negative
 * or non-integer argument fails with INVALID_ARGUMENT before anything runs.
 */

const intLike = z.union([z.bigint(), z.number(), z.string()], {
  error: (iss) => `expected an integer (a number, or a decimal string), got ${describeValue(iss.input)}`,
});

function toBigInt(v: bigint | number | string, ctx: z.RefinementCtx): bigint | typeof z.NEVER {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) {
      ctx.addIssue({ code: 'custom', message: `expected an integer, got ${v}` });
      return z.NEVER;
    }
    if (!Number.isSafeInteger(v)) {
      ctx.addIssue({ code: 'custom', message: `integer ${v} is beyond 2^53: write it as a decimal string` });
      return z.NEVER;
    }
    return BigInt(v);
  }
  // Plain decimal only: no spaces, sign other than `-`, leading zeros, `-0`, hex or exponent.
  if (!/^(?:0|-?[1-9][0-9]*)$/.test(v)) {
    ctx.addIssue({ code: 'custom', message: `expected an integer in decimal form, got ${echo(v)}` });
    return z.NEVER;
  }
  return BigInt(v);
}

/** An unsigned integer of the given width, as bigint. */
export function uint(bits: number) {
  const max = maxUint(bits);
  return intLike.transform((v, ctx) => {
    const x = toBigInt(v, ctx);
    if (typeof x !== 'bigint') return z.NEVER;
    if (x < 0n || x > max) {
      ctx.addIssue({ code: 'custom', message: `expected an unsigned integer of ${bits} bits (0 … 2^${bits} − 1), got ${x}` });
      return z.NEVER;
    }
    return x;
  });
}

/** An unsigned integer of at most 53 bits, as number (counts, capacities, percentages, seconds). */
export function smallUint(bits: number) {
  if (bits > 53) throw new Error('smallUint supports at most 53 bits');
  return uint(bits).transform((x) => Number(x));
}

export const address = z.string().describe('account').transform((v, ctx): Address => {
  try {
    return parseAddress(v);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
    return z.NEVER;
  }
});

export const bytes32 = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, 'expected a 32-byte hex string 0x…')
  .transform((v) => v.toLowerCase() as Hex);

export const bool = z.boolean();

/** The argument object of an action or query: unknown keys are refused. */
export function argsOf<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject(shape);
}

export const noArgs = argsOf({});

/** Validates `raw` against `schema`; failures become INVALID_ARGUMENT naming the field and listing the known ones. */
export function parseArgs<T>(schema: z.ZodType<T>, raw: unknown, where: string, mechanism = 'kernel'): T {
  const res = schema.safeParse(raw ?? {});
  if (res.success) return res.data;
  const known = schema instanceof z.ZodObject ? Object.keys(schema.shape as object) : [];
  const issues = res.error.issues.map((i) => {
    const path = i.path.join('.') || '(args)';
    if (valueAt(raw, i.path) === undefined && i.path.length > 0) return `${path}: missing (required)`;
    if (i.code === 'unrecognized_keys') return `unknown argument(s) ${i.keys.map((k) => nameEcho(k)).join(', ')}; ${where} takes ${known.length ? known.join(', ') : 'no arguments'}`;
    return `${path}: ${i.message}`;
  });
  throw new InvalidArgumentError(`${where}: ${issues.join('; ')}`, { issues: res.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) }, mechanism);
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const k of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/**
 * Validates a mechanism's parameters (a preset merged with overrides). Failures are
 * INVALID_ARGUMENT naming each bad field; unknown keys list every parameter the mechanism has.
 */
export function parseParamsWith<S extends z.ZodRawShape>(schema: z.ZodObject<S>, raw: unknown, mechanism: string): z.output<z.ZodObject<S>> {
  const res = schema.safeParse(raw);
  if (res.success) return res.data;
  const known = Object.keys(schema.shape).concat('preset');
  const lines = res.error.issues.map((i) =>
    i.code === 'unrecognized_keys' ? `unknown parameter(s) ${i.keys.map((k) => nameEcho(k)).join(', ')}; ${mechanism} parameters: ${known.join(', ')}` : `${i.path.join('.')}: ${i.message}`,
  );
  throw new InvalidArgumentError(`${mechanism} parameters: ${lines.join('; ')}`, { issues: res.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) }, mechanism);
}
