/**
 * The value encoding of snapshots: JSON with tags for what JSON lacks, so that a value read back
 * is the value written (a bigint stays a bigint, a string that looks like a number stays a string).
 *
 *   bigint 5n      → {"$n":"5"}        Map → {"$map":[[k,v],…]} (sorted by key)
 *   Uint8Array     → {"$bytes":"0x…"}  undefined (a whole value) → {"$undefined":true}
 *
 * Plain objects keep their keys (sorted); state records never use keys that start with `$`
 * (asserted), so a tag cannot be mistaken for a record. Object fields that are undefined are left
 * out, as in the canonical text the state root hashes.
 */
import { fromHex, toHex } from './bytes.js';

export function encodeValue(v: unknown): unknown {
  switch (typeof v) {
    case 'bigint':
      return { $n: v.toString() };
    case 'number':
      if (!Number.isFinite(v)) throw new TypeError(`state holds a non-finite number: ${v}`);
      return v;
    case 'string':
    case 'boolean':
      return v;
    case 'undefined':
      return { $undefined: true };
    case 'object': {
      if (v === null) return null;
      if (Array.isArray(v)) return v.map((x) => (x === undefined ? { $undefined: true } : encodeValue(x)));
      if (v instanceof Uint8Array) return { $bytes: toHex(v) };
      if (v instanceof Map) {
        const entries = [...v.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return { $map: entries.map(([k, x]) => [encodeValue(k), encodeValue(x)]) };
      }
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) {
        if (k.startsWith('$')) throw new TypeError(`state record key ${k} starts with $ (reserved for snapshot tags)`);
        const x = (v as Record<string, unknown>)[k];
        if (x !== undefined) out[k] = encodeValue(x);
      }
      return out;
    }
    default:
      throw new TypeError(`cannot snapshot a ${typeof v}`);
  }
}

export function decodeValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'number' && !Number.isFinite(v)) throw new TypeError(`non-finite number ${v}`);
    return v;
  }
  if (Array.isArray(v)) return v.map(decodeValue);
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0]!.startsWith('$')) {
    const tag = keys[0]!;
    const x = o[tag];
    switch (tag) {
      case '$n':
        if (typeof x !== 'string' || !/^-?[0-9]+$/.test(x)) throw new TypeError(`bad $n tag ${JSON.stringify(x)}`);
        return BigInt(x);
      case '$bytes':
        if (typeof x !== 'string') throw new TypeError('bad $bytes tag');
        return fromHex(x);
      case '$undefined':
        return undefined;
      case '$map':
        if (!Array.isArray(x)) throw new TypeError('bad $map tag');
        return new Map(x.map((e) => {
          if (!Array.isArray(e) || e.length !== 2) throw new TypeError('bad $map entry');
          return [decodeValue(e[0]), decodeValue(e[1])] as const;
        }));
      default:
        throw new TypeError(`unknown snapshot tag ${tag}`);
    }
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    if (k.startsWith('$')) throw new TypeError(`unexpected key ${k} in a snapshot record`);
    out[k] = decodeValue(o[k]);
  }
  return out;
}
