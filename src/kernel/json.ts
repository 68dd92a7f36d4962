import { keccakText, type Hex } from './bytes.js';

/** JSON-safe value as the surfaces print it: bigints become decimal strings. */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Converts engine values (bigint, nested records, arrays) to JSON values; bigints as decimal strings. */
export function toJson(value: unknown): Json {
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`non-finite number in output: ${value}`);
      return value;
    case 'string':
    case 'boolean':
      return value;
    case 'undefined':
      return null;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) return value.map(toJson);
      if (value instanceof Map) {
        const out: { [k: string]: Json } = {};
        for (const [k, v] of value) out[String(k)] = toJson(v);
        return out;
      }
      const out: { [k: string]: Json } = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v !== undefined) out[k] = toJson(v);
      }
      return out;
    }
    default:
      throw new TypeError(`cannot serialise ${typeof value}`);
  }
}

/** Canonical serialisation: keys sorted, bigints as decimal strings, no whitespace. */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  write(value, parts, false);
  return parts.join('');
}

/**
 * The canonical text the state tree hashes: canonical JSON except that a bigint is written
 * `123n`, so that the bigint 123, the number 123 and the string "123" have different texts
 * (the encoding is injective on the values state holds). Not JSON; never parsed.
 */
export function canonicalText(value: unknown): string {
  const parts: string[] = [];
  write(value, parts, true);
  return parts.join('');
}

function write(value: unknown, out: string[], typed: boolean): void {
  switch (typeof value) {
    case 'bigint':
      out.push(typed ? `${value.toString()}n` : `"${value.toString()}"`);
      return;
    case 'number':
      if (!Number.isSafeInteger(value)) throw new TypeError(`state must hold safe integers only, got ${value}`);
      out.push(String(value));
      return;
    case 'string':
      out.push(JSON.stringify(value));
      return;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'undefined':
      out.push(typed ? 'undefined' : 'null');
      return;
    case 'object': {
      if (value === null) {
        out.push('null');
        return;
      }
      if (Array.isArray(value)) {
        out.push('[');
        value.forEach((v, i) => {
          if (i > 0) out.push(',');
          write(v, out, typed);
        });
        out.push(']');
        return;
      }
      const entries: Array<[string, unknown]> =
        value instanceof Map
          ? [...value.entries()].map(([k, v]) => [String(k), v])
          : Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      out.push(typed && value instanceof Map ? 'M{' : '{');
      entries.forEach(([k, v], i) => {
        if (i > 0) out.push(',');
        out.push(JSON.stringify(k), ':');
        write(v, out, typed);
      });
      out.push('}');
      return;
    }
    default:
      throw new TypeError(`cannot serialise ${typeof value}`);
  }
}

/** keccak-256 of the canonical serialisation. */
export function stateHash(value: unknown): Hex {
  return keccakText(canonicalJson(value));
}

/** A uint whose JSON form is a number (ids, heights): a number when it is a safe integer, else the bigint. */
export function jsonInt(x: bigint): number | bigint {
  return x <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(x) : x;
}
