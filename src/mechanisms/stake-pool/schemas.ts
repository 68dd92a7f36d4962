import { z } from 'zod';
import { keccakText, uint, type Hex } from '../../kernel/index.js';
import { MAX_FX, parseFx, type Fx } from './fixed.js';

/** A U64F64 value: its bits (number or decimal string) or the `"fx:<decimal>"` literal (§3.2). */
export const fxArg = z.union([z.bigint(), z.number(), z.string()]).transform((v, ctx): Fx => {
  const f = parseFx(v);
  if (f === undefined || f > MAX_FX) {
    ctx.addIssue({ code: 'custom', message: `expected U64F64 bits (0 … 2^128 − 1) or "fx:<decimal>", got ${JSON.stringify(String(v))}` });
    return z.NEVER;
  }
  return f;
});

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;

/** A worker id: 0x + 64 hex digits, or a name standing for keccak-256 of its UTF-8 bytes (§2). */
export function workerIdOf(v: string): Hex | undefined {
  if (/^0x[0-9a-fA-F]{64}$/.test(v)) return v.toLowerCase() as Hex;
  if (NAME_RE.test(v) && !/^0x/i.test(v)) return keccakText(v);
  return undefined;
}

export const workerArg = z.string().transform((v, ctx): Hex => {
  const w = workerIdOf(v);
  if (w === undefined) {
    ctx.addIssue({ code: 'custom', message: `expected a worker id (0x + 64 hex digits) or a worker name, got ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return w;
});

/**
 * A pool id: u64 as in the reference. Ids beyond 2^53 cannot exist (pids are a counter), so they
 * map to -1 and fail POOL_DOES_NOT_EXIST like any unknown pool, not INVALID_ARGUMENT.
 */
export const pidArg = uint(64).transform((x) => (x > BigInt(Number.MAX_SAFE_INTEGER) ? -1 : Number(x)));
