import { z } from 'zod';
import { nameOf, toJson, type Json } from '../kernel/index.js';

/**
 * `describe`'s text for argument schemas: `amount: integer, prover?: address or name`. Read off
 * the schemas' JSON Schema (input side), so it is what a scenario may write.
 */
type JsonSchema = { description?: string; type?: string | string[]; anyOf?: JsonSchema[]; items?: JsonSchema; properties?: Record<string, JsonSchema>; required?: string[]; enum?: unknown[]; pattern?: string };

function typeText(s: JsonSchema | undefined, depth = 0): string {
  if (!s || Object.keys(s).length === 0) return 'integer';
  if (s.anyOf) {
    const parts = [...new Set(s.anyOf.map((x) => typeText(x, depth)))];
    // Integers are accepted as numbers, decimal strings and (from YAML) bigints: one word for all.
    if (parts.includes('integer') && parts.every((p) => p === 'integer' || p === 'number' || p === 'text')) return 'integer';
    return parts.join(' or ');
  }
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  const t = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (t) {
    case 'integer':
    case 'number':
      return 'integer';
    case 'boolean':
      return 'true/false';
    case 'null':
      return 'null';
    case 'string':
      return s.description === 'account' ? 'account' : s.pattern?.includes('{64}') ? 'bytes32 hex' : 'text';
    case 'array':
      return `list of ${typeText(s.items, depth)}`;
    case 'object':
      return depth > 1 ? 'object' : `{ ${fieldsText(s, depth + 1)} }`;
    default:
      return t ?? 'value';
  }
}

function fieldsText(s: JsonSchema, depth: number): string {
  const req = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {})
    .map(([k, v]) => `${k}${req.has(k) ? '' : '?'}: ${typeText(v, depth)}`)
    .join(', ');
}

/** `(a: integer, b?: text)` for an argument object schema; `()` when it takes none. */
export function argsText(schema: z.ZodType): string {
  let js: JsonSchema;
  try {
    js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return '(…)';
  }
  return `(${fieldsText(js, 1)})`;
}

/** Parameters as `describe` prints them: addresses by name where the name is known. */
export function paramText(v: unknown): string {
  const j: Json = toJson(v);
  const text = JSON.stringify(j, (_k, x) => (typeof x === 'string' && /^0x[0-9a-f]{40}$/.test(x) ? (nameOf(x) ?? x) : x));
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
