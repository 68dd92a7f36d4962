import { addressOf, isAccountName, isAddressLiteral, keccakText, type ChainEvent } from '../kernel/index.js';
import type { EventExpectation } from './schema.js';

/**
 * Partial deep match (README "The scenario format"): only the keys given are compared; integers
 * compare by value whatever their JSON form; names compare as their addresses; hex compares
 * case-insensitively; a name also matches the 32-byte keccak-256 of itself (worker keys); a
 * fraction (a metric, a yield) must equal the float exactly: the spec's floats are deterministic.
 * Arrays must have the same length. Returns the mismatches (empty = match).
 */
export function partialMatch(expected: unknown, actual: unknown, path = ''): string[] {
  if (expected === null || expected === undefined) {
    return actual === null || actual === undefined ? [] : [`${path || '(value)'}: expected null, got ${show(actual)}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path || '(value)'}: expected a list, got ${show(actual)}`];
    if (actual.length !== expected.length) return [`${path || '(value)'}: expected ${expected.length} items, got ${actual.length}`];
    return expected.flatMap((e, i) => partialMatch(e, actual[i], `${path}[${i}]`));
  }
  if (typeof expected === 'object') {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return [`${path || '(value)'}: expected an object, got ${show(actual)}`];
    return Object.entries(expected as Record<string, unknown>).flatMap(([k, v]) => {
      const a = Object.hasOwn(actual, k) ? (actual as Record<string, unknown>)[k] : undefined;
      const p = path ? `${path}.${k}` : k;
      if (a === undefined && v !== undefined && v !== null) return [`${p}: missing (expected ${show(v)})`];
      return partialMatch(v, a, p);
    });
  }
  return scalarEquals(expected, actual) ? [] : [`${path || '(value)'}: expected ${show(expected)}, got ${show(actual)}`];
}

function asInteger(v: unknown): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (typeof v === 'string' && /^-?[0-9]+$/.test(v)) return BigInt(v);
  return undefined;
}

export function scalarEquals(expected: unknown, actual: unknown): boolean {
  const ei = asInteger(expected);
  const ai = asInteger(actual);
  if (ei !== undefined && ai !== undefined) return ei === ai;
  if (typeof expected === 'string' && typeof actual === 'string') {
    if (expected === actual) return true;
    if (/^0x/i.test(expected) && /^0x/i.test(actual)) return expected.toLowerCase() === actual.toLowerCase();
    if (isAccountName(expected)) {
      if (isAddressLiteral(actual)) return addressOf(expected) === actual.toLowerCase();
      // A 32-byte key named in a scenario (stake-pool workers) is keccak-256 of the name (stake-pool.md §2).
      if (/^0x[0-9a-fA-F]{64}$/.test(actual)) return keccakText(expected) === actual.toLowerCase();
    }
    return false;
  }
  return expected === actual;
}

function show(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x)) ?? String(v);
}

export function eventMatches(e: EventExpectation, actual: ChainEvent): string[] {
  if (e.name !== actual.name) return [`name: expected ${e.name}, got ${actual.name}`];
  if (e.mechanism !== undefined && e.mechanism !== actual.mechanism) return [`mechanism: expected ${e.mechanism}, got ${actual.mechanism}`];
  return e.args ? partialMatch(e.args, actual.args, 'args') : [];
}

/** The listed events must appear in order among `actual` (others may come between). */
export function matchEventsInOrder(expected: EventExpectation[], actual: ChainEvent[]): string[] {
  let from = 0;
  for (const [k, e] of expected.entries()) {
    let found = -1;
    for (let i = from; i < actual.length; i++) {
      if (eventMatches(e, actual[i]!).length === 0) {
        found = i;
        break;
      }
    }
    if (found < 0) {
      const sameName = actual.slice(from).find((a) => a.name === e.name);
      const why = sameName ? `; nearest ${e.name}: ${eventMatches(e, sameName).join(', ')}` : `; emitted after the previous match: ${actual.slice(from).map((a) => a.name).join(', ') || '(none)'}`;
      return [`event #${k + 1} ${e.name} not found in order${why}`];
    }
    from = found + 1;
  }
  return [];
}

/** Every mechanism event, one for one and in order (ledger events excluded). */
export function matchEventsExactly(expected: EventExpectation[], actual: ChainEvent[]): string[] {
  const own = actual.filter((a) => a.mechanism !== 'ledger');
  if (own.length !== expected.length) {
    return [`expected exactly ${expected.length} event(s) [${expected.map((e) => e.name).join(', ')}], got ${own.length} [${own.map((a) => a.name).join(', ')}]`];
  }
  return expected.flatMap((e, i) => eventMatches(e, own[i]!).map((m) => `event #${i + 1}: ${m}`));
}
