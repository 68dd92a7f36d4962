/**
 * Strict JSON for scenario files: `JSON.parse` does the parsing (native, linear), after one scan
 * that enforces what JSON.parse lets through silently:
 *
 * - numbers must be integers in plain decimal form (no fraction, no exponent, no `-0`): amounts
 *   and counters are integers, and `1e3` or `1.0` is a typo more often than a wish;
 * - integers beyond 2^53 keep their precision: they come out as bigints (JSON.parse alone would
 *   round them);
 * - an object may not hold the same key twice (JSON.parse keeps the last one) nor `__proto__`;
 * - nesting is at most `maxDepth` deep.
 *
 * Errors carry the line and column.
 */
export class StrictJsonError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    /** Where in the document: keys and list positions from the top, e.g. ['steps', 3, 'advance']. */
    readonly path: ReadonlyArray<string | number> = [],
  ) {
    super(message);
  }
}

/** Marks the integers quoted to survive JSON.parse; the reviver turns them into bigints. */
const BIG = '\u0000bigint:';
/** The same marker as JSON text (a control character must be escaped inside a JSON string). */
const BIG_JSON = '\\u0000bigint:';

const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

function echoChar(text: string, i: number): string {
  const cp = text.codePointAt(i)!;
  return cp < 0x20 || cp === 0x7f ? `control character U+${cp.toString(16).padStart(4, '0').toUpperCase()}` : JSON.stringify(String.fromCodePoint(cp));
}

/** The key path at a character offset of a JSON text (best effort, for error locations). */
export function jsonPathAt(text: string, offset: number): Array<string | number> {
  try {
    parseStrictJson(text.slice(0, offset) + '\u0001', Infinity);
  } catch (e) {
    if (e instanceof StrictJsonError) return [...e.path];
  }
  return [];
}

/**
 * `fractionsUnder`: a key inside whose value numbers may have a fraction or an exponent
 * (scenario expectations of floats), or `true` for anywhere (simulation files); everywhere else
 * they must be integers.
 */
export function parseStrictJson(text: string, maxDepth: number, fractionsUnder?: string | true): unknown {
  // Per open container: the keys seen (objects) or undefined (arrays), and whether a key comes next;
  // `at` is the current key or list position of each, for error locations.
  const keys: Array<Set<string> | undefined> = [];
  const at: Array<string | number> = [];
  let expectKey = false;
  const fail = (offset: number, message: string): never => {
    const { line, column } = lineColumn(text, offset);
    throw new StrictJsonError(`line ${line}, column ${column}: ${message}`, line, column, [...at]);
  };
  const quoted: Array<[number, number]> = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 0x5c /* \ */) j += 2;
        else if (d === 0x22) break;
        else j++;
      }
      if (j >= n) fail(i, 'unterminated string');
      const top = keys[keys.length - 1];
      if (top && expectKey) {
        let key: string;
        try {
          key = JSON.parse(text.slice(i, j + 1)) as string;
        } catch {
          return fail(i, 'invalid string');
        }
        if (key === '__proto__') fail(i, 'the key "__proto__" is not allowed');
        if (top.has(key)) fail(i, `the key ${JSON.stringify(key)} appears twice in one object`);
        top.add(key);
        at[at.length - 1] = key;
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b /* { */) {
      keys.push(new Set());
      at.push('');
      expectKey = true;
      if (keys.length > maxDepth) fail(i, `nesting deeper than ${maxDepth} levels`);
    } else if (c === 0x5b /* [ */) {
      keys.push(undefined);
      at.push(0);
      expectKey = false;
      if (keys.length > maxDepth) fail(i, `nesting deeper than ${maxDepth} levels`);
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      keys.pop();
      at.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      expectKey = keys[keys.length - 1] !== undefined;
      if (!expectKey && at.length > 0) at[at.length - 1] = (at[at.length - 1] as number) + 1;
    } else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) return fail(i, 'invalid number');
      const token = m[0];
      const fraction = m[1] !== undefined || m[2] !== undefined;
      if (fraction && !(fractionsUnder !== undefined && (fractionsUnder === true || at.includes(fractionsUnder)) && Number.isFinite(Number(token)))) {
        fail(i, fractionsUnder === true ? `${token} is not a finite number` : `${token} is not an integer in decimal form (amounts and counters are integers: write them without fraction or exponent${fractionsUnder ? `; a fraction is allowed only inside ${fractionsUnder}` : ''})`);
      }
      if (token === '-0') fail(i, '-0 is not allowed: write 0');
      if (!fraction && token.length > 15 && !Number.isSafeInteger(Number(token))) quoted.push([i, i + token.length]);
      i += token.length - 1;
    } else if (c === 0x74 || c === 0x66 || c === 0x6e) {
      const word = c === 0x74 ? 'true' : c === 0x66 ? 'false' : 'null';
      if (!text.startsWith(word, i)) fail(i, `unexpected ${echoChar(text, i)}`);
      i += word.length - 1;
    } else if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0x3a /* : */) {
      fail(i, `unexpected ${echoChar(text, i)} (not JSON)`);
    }
  }
  let source = text;
  if (quoted.length > 0) {
    const parts: string[] = [];
    let at = 0;
    for (const [a, b] of quoted) {
      parts.push(text.slice(at, a), '"', BIG_JSON, text.slice(a, b), '"');
      at = b;
    }
    parts.push(text.slice(at));
    source = parts.join('');
  }
  try {
    if (quoted.length === 0) return JSON.parse(source);
    return JSON.parse(source, (_k, v) => (typeof v === 'string' && v.startsWith(BIG) ? BigInt(v.slice(BIG.length)) : v));
  } catch (e) {
    const message = (e as Error).message;
    const m = /position (\d+)/.exec(message);
    if (m && quoted.length === 0) fail(Number(m[1]), message.replace(/ in JSON at position \d+.*$/, ''));
    if (/end of JSON input/.test(message)) fail(text.length, 'the JSON ends before its last value or bracket is closed (is the file cut short?)');
    const { line, column } = lineColumn(text, text.length);
    throw new StrictJsonError(`line ${line}, column ${column}: ${message}`, line, column);
  }
}
