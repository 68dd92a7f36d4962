import { z } from 'zod';
import { echo } from './errors.js';

/**
 * Plain-language messages for zod's issues, installed once for every schema of the engine
 * (arguments, parameters, genesis, scenario files): what was expected and what was given, in the
 * file's own terms ("an integer", "a list"), never zod's type names ("received bigint").
 */
const expectedNames: Record<string, string> = {
  string: 'a text',
  number: 'an integer',
  int: 'an integer',
  bigint: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  map: 'an object',
  array: 'a list',
  tuple: 'a list',
  null: 'null',
  undefined: 'nothing',
  nan: 'a number',
  date: 'a date',
};

/** What a value is, as a message names it. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'bigint') return `the integer ${echo(v)}`;
  if (typeof v === 'number') return Number.isInteger(v) ? `the integer ${v}` : `the number ${v}`;
  if (typeof v === 'string') return `the text ${echo(v)}`;
  if (typeof v === 'boolean') return `${v}`;
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === 'object') return 'an object';
  return typeof v;
}

let installed = false;

export function installZodMessages(): void {
  if (installed) return;
  installed = true;
  z.config({
    customError: (iss) => {
      const input = (iss as { input?: unknown }).input;
      switch (iss.code) {
        case 'invalid_type': {
          const expected = String((iss as { expected?: string }).expected);
          if (input === undefined) return 'missing (required)';
          if (expected === 'undefined') return `not allowed here (got ${describeValue(input)})`;
          return `expected ${expectedNames[expected] ?? expected}, got ${describeValue(input)}`;
        }
        case 'invalid_union':
          return `got ${describeValue(input)}, which is not one of the allowed forms`;
        case 'invalid_value': {
          const values = (iss as { values?: unknown[] }).values ?? [];
          return `expected one of ${values.map((x) => echo(x)).join(', ')}, got ${describeValue(input)}`;
        }
        case 'too_big':
          return `${describeValue(input)} is too big: at most ${String((iss as { maximum?: unknown }).maximum)}${(iss as { origin?: string }).origin === 'array' ? ' items' : ''}`;
        case 'too_small':
          return `${describeValue(input)} is too small: at least ${String((iss as { minimum?: unknown }).minimum)}${(iss as { origin?: string }).origin === 'array' ? ' items' : ''}`;
        default:
          return undefined;
      }
    },
  });
}

installZodMessages();
