import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node as YamlNode } from 'yaml';
import { nameEcho, ScenarioError } from '../kernel/index.js';
import { advanceStep, queryStep, scenarioSchema, txStep, type Scenario } from './schema.js';
import { jsonPathAt, lineColumn, parseStrictJson, StrictJsonError } from './strictJson.js';

/**
 * Scenario files above this size are refused before they are read (a scenario is a story, not a
 * data set). Measured peaks: a 16 MiB JSON file of 330,000 genesis accounts runs in ≈ 800 MB;
 * YAML's document tree is far heavier (a 4 MiB file of 142,000 accounts: ≈ 640 MB), so YAML has
 * its own, lower limit: write bigger scenarios as JSON.
 */
export const MAX_SCENARIO_BYTES = 16 * 2 ** 20;
export const MAX_YAML_BYTES = 4 * 2 ** 20;
/** Deepest nesting of objects and lists a scenario may use. */
export const MAX_SCENARIO_DEPTH = 64;
/** Integers in plain decimal form: no sign but `-`, no leading zeros, no `-0`. */
export const DECIMAL_INTEGER = /^(?:0|-?[1-9][0-9]*)$/;
/**
 * A finite decimal with a fraction or an exponent: allowed only inside an `expect` (metrics,
 * yields and shares are floats; amounts and counters, everywhere else, are integers).
 */
export const DECIMAL_FRACTION = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/** Scenario files (.yaml, .yml, .json) under `dir`, folders included, in name order. */
export function findScenarioFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findScenarioFiles(p));
    else if (/\.(ya?ml|json)$/.test(name)) out.push(p);
  }
  return out;
}

/** Reads a YAML or JSON scenario file (`-` reads standard input). */
export function loadScenarioFile(file: string): Scenario {
  let bytes: Uint8Array;
  try {
    if (file === '-') bytes = readFileSync(0);
    else {
      const st = statSync(file);
      if (st.isDirectory()) throw new ScenarioError(`${file}: is a folder, not a scenario file`, { file });
      if (st.size > MAX_SCENARIO_BYTES) throw tooBig(file, st.size);
      bytes = readFileSync(file);
    }
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    throw new ScenarioError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file });
  }
  return parseScenario(bytes, file);
}

/** "step 3 field advance.seconds, " or "field genesis.time, " for a key path (empty for the top level). */
function where(full: ReadonlyArray<string | number>): string {
  if (full.length === 0) return '';
  // A path through deep nesting is cut: the first levels say where, the count says how deep.
  const path = full.length > 10 ? [...full.slice(0, 8), `… (${full.length} levels)`] : full;
  if (path[0] === 'steps' && typeof path[1] === 'number') {
    const rest = path.slice(2).join('.');
    return `step ${path[1] + 1}${rest ? ` field ${rest}` : ''}, `;
  }
  return `field ${path.join('.')}, `;
}

/** The key path of the YAML node at a character offset (best effort, for error locations). */
function yamlPathAt(doc: Document, offset: number): Array<string | number> {
  const path: Array<string | number> = [];
  let node: unknown = doc.contents;
  for (let guard = 0; guard < 1000 && node; guard++) {
    const inside = (n: unknown) => {
      const r = (n as YamlNode | null)?.range;
      return r !== undefined && r !== null && offset >= r[0] && offset < r[2];
    };
    if (isMap(node)) {
      const pair = node.items.find((p) => inside(p.key) || inside(p.value));
      if (!pair) break;
      path.push(String((pair.key as { value?: unknown })?.value ?? pair.key));
      if (inside(pair.key)) break;
      node = pair.value;
    } else if (isSeq(node)) {
      const i = node.items.findIndex(inside);
      if (i < 0) break;
      path.push(i);
      node = node.items[i];
    } else break;
  }
  return path;
}

function tooBig(file: string, size: number): ScenarioError {
  return new ScenarioError(`${file}: the file has ${size.toLocaleString('en')} bytes; scenario files are limited to ${MAX_SCENARIO_BYTES.toLocaleString('en')} bytes`, { file });
}

/**
 * Parses and validates a scenario. JSON (a `.json` file, or text that starts with `{`) goes
 * through strict JSON; anything else is YAML 1.2. Both refuse what would otherwise be read
 * loosely: numbers that are not plain decimal integers, repeated keys, the key `__proto__`,
 * unknown YAML tags, bytes that are not UTF-8, nesting deeper than MAX_SCENARIO_DEPTH.
 */
export function parseScenario(input: string | Uint8Array, file = '(inline)'): Scenario {
  return validateScenario(readScenarioValue(input, file), file);
}

export interface ReadOptions {
  /** Numbers may have a fraction or an exponent anywhere (simulation files: sigma, reliability…), not only inside an expect. */
  fractionsAnywhere?: boolean;
}

/** The plain value of a scenario file, strictly parsed (not yet checked against the format). */
export function readScenarioValue(input: string | Uint8Array, file = '(inline)', options: ReadOptions = {}): unknown {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    if (input.length > MAX_SCENARIO_BYTES) throw tooBig(file, input.length);
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      const bad = firstBadUtf8(input);
      const before = new TextDecoder('utf-8').decode(input.subarray(0, bad));
      const lossy = new TextDecoder('utf-8').decode(input);
      const { line, column } = lineColumn(lossy, before.length);
      const path = /^\s*\{/.test(lossy) ? jsonPathAt(lossy, before.length) : yamlPathAt(parseDocument(lossy), before.length);
      throw new ScenarioError(`${file}: ${where(path)}line ${line}, column ${column}: the file is not UTF-8 text (byte ${bad} is 0x${input[bad]!.toString(16).padStart(2, '0')})`, { file, line, column });
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // JSON by content (a top-level object), whatever the name says; everything else is YAML.
  const json = /^\s*\{/.test(text);
  let raw: unknown;
  if (json) {
    try {
      raw = parseStrictJson(text, MAX_SCENARIO_DEPTH, options.fractionsAnywhere ? true : 'expect');
    } catch (e) {
      const path = e instanceof StrictJsonError ? e.path : [];
      throw new ScenarioError(`${file}: ${where(path)}not valid JSON: ${(e as Error).message}`, { file, ...(e instanceof StrictJsonError && e.line ? { line: e.line, column: e.column } : {}) });
    }
  } else {
    if (text.length > MAX_YAML_BYTES) {
      throw new ScenarioError(`${file}: a YAML scenario is limited to ${MAX_YAML_BYTES.toLocaleString('en')} characters (this one has ${text.length.toLocaleString('en')}); write larger scenarios as JSON (limit ${MAX_SCENARIO_BYTES.toLocaleString('en')} bytes)`, { file });
    }
    raw = parseYaml(text, file, options.fractionsAnywhere === true);
  }
  checkKeys(raw, file);
  return raw;
}

function parseYaml(text: string, file: string, fractionsAnywhere = false): unknown {
  const depth = flowDepth(text);
  if (depth.depth > MAX_SCENARIO_DEPTH) {
    const { line, column } = lineColumn(text, depth.at);
    // The text before the deep part is shallow: its tree says which step and field this is.
    const prefix = parseDocument(text.slice(0, depth.at));
    const lineStart = text.lastIndexOf('\n', depth.at) + 1;
    const firstWord = lineStart + (/^\s*/.exec(text.slice(lineStart, depth.at))?.[0].length ?? 0);
    let path = yamlPathAt(prefix, depth.at - 1);
    if (path.length === 0) path = yamlPathAt(prefix, firstWord);
    throw new ScenarioError(`${file}: ${where(path)}line ${line}, column ${column}: nesting deeper than ${MAX_SCENARIO_DEPTH} levels`, { file, line, column });
  }
  const lineCounter = new LineCounter();
  let doc;
  try {
    // uniqueKeys is checked below with a set per map: the reader's own check is quadratic
    // (100,000 genesis accounts took minutes).
    doc = parseDocument(text, { intAsBigInt: true, uniqueKeys: false, keepSourceTokens: true, lineCounter, prettyErrors: false });
  } catch (e) {
    const message = e instanceof RangeError ? `nesting deeper than the reader can follow (at most ${MAX_SCENARIO_DEPTH} levels)` : (e as Error).message;
    throw new ScenarioError(`${file}: not valid YAML: ${message}`, { file });
  }
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `line ${line}, column ${col}`;
  };
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    const loc = problem.pos ? `${where(yamlPathAt(doc, problem.pos[0]))}${at(problem.pos[0])}: ` : '';
    const text = problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    const message = /call stack/i.test(text) ? `nesting deeper than the reader can follow (at most ${MAX_SCENARIO_DEPTH} levels)` : text;
    throw new ScenarioError(`${file}: ${loc}not valid YAML: ${message}`, { file });
  }
  let bad: string | undefined;
  visit(doc, {
    Map(_key, node) {
      if (bad) return;
      const seen = new Set<string>();
      for (const pair of node.items) {
        const k = String((pair.key as { value?: unknown } | null)?.value ?? pair.key);
        if (seen.has(k)) {
          const offset = (pair.key as YamlNode | null)?.range?.[0] ?? 0;
          bad = `${where(yamlPathAt(doc, offset))}${at(offset)}: not valid YAML: the key ${JSON.stringify(k)} appears twice in one mapping (keys must be unique)`;
          return;
        }
        seen.add(k);
      }
    },
    Scalar(_key, node, path) {
      if (bad || (typeof node.value !== 'number' && typeof node.value !== 'bigint')) return;
      const source = node.srcToken && 'source' in node.srcToken ? node.srcToken.source : String(node.value);
      const offset = node.range?.[0] ?? 0;
      if (path.length > 2 * MAX_SCENARIO_DEPTH) bad = `${where(yamlPathAt(doc, offset))}${at(offset)}: nesting deeper than ${MAX_SCENARIO_DEPTH} levels`;
      else if (!DECIMAL_INTEGER.test(source) && !(DECIMAL_FRACTION.test(source) && Number.isFinite(node.value) && (fractionsAnywhere || insideExpect(path)))) {
        bad = fractionsAnywhere
          ? `${where(yamlPathAt(doc, offset))}${at(offset)}: ${source} is not a number in decimal form (no sign but -, leading zeros, hex, .nan or .inf)`
          : `${where(yamlPathAt(doc, offset))}${at(offset)}: ${source} is not an integer in decimal form (amounts and counters are integers: no fraction, exponent, sign, leading zeros, hex, .nan or .inf; a fraction such as 0.25 is allowed only inside an expect)`;
      }
    },
  });
  if (bad) throw new ScenarioError(`${file}: ${bad}`, { file });
  try {
    return doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    let first = -1;
    visit(doc, { Alias: (_k, n) => void (first < 0 && (first = n.range?.[0] ?? -1)) });
    const loc = first >= 0 ? `${where(yamlPathAt(doc, first))}${at(first)}: ` : '';
    const message = /alias count/i.test((e as Error).message) ? 'its aliases expand to too much data (more than 1,000 alias expansions)' : (e as Error).message;
    throw new ScenarioError(`${file}: ${loc}not valid YAML: ${message}`, { file });
  }
}

/** Whether a YAML node's ancestors include the value of an `expect` key. */
function insideExpect(path: readonly unknown[]): boolean {
  for (const n of path) {
    if (isPair(n) && isScalar(n.key) && n.key.value === 'expect') return true;
  }
  return false;
}

/** Deepest nesting of YAML flow collections ([…], {…}) outside quoted text, and where it is reached. */
function flowDepth(text: string): { depth: number; at: number } {
  let depth = 0;
  let max = 0;
  let at = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
      else if (c === 0x5c && quote === 0x22) i++;
      continue;
    }
    if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x23 /* # */ && (i === 0 || text.charCodeAt(i - 1) === 0x20 || text.charCodeAt(i - 1) === 0x0a)) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) {
        max = depth;
        at = i;
        if (max > MAX_SCENARIO_DEPTH) break;
      }
    } else if (c === 0x5d || c === 0x7d) depth = Math.max(0, depth - 1);
  }
  return { depth: max, at };
}

/** Refuses `__proto__` keys and over-deep nesting anywhere in the value (both formats). */
function checkKeys(raw: unknown, file: string): void {
  const stack: Array<[unknown, Array<string | number>]> = [[raw, []]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (path.length > MAX_SCENARIO_DEPTH) throw new ScenarioError(`${file}: ${where(path)}nesting deeper than ${MAX_SCENARIO_DEPTH} levels`, { file });
    if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, [...path, i]]));
    else {
      for (const k of Object.keys(v)) {
        if (k === '__proto__') throw new ScenarioError(`${file}: ${where([...path, k])}the key "__proto__" is not allowed`, { file, field: [...path, k].join('.') });
        stack.push([(v as Record<string, unknown>)[k], [...path, k]]);
      }
    }
  }
}

function firstBadUtf8(bytes: Uint8Array): number {
  // Binary search for the shortest prefix with an invalid byte (streaming: a character cut at the
  // end of a prefix is not an error).
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

export function validateScenario(raw: unknown, file = '(inline)'): Scenario {
  const res = scenarioSchema.safeParse(raw);
  if (res.success) {
    if (res.data.expectError && res.data.steps && res.data.steps.length > 0) {
      throw new ScenarioError(`${file}: a scenario with a top-level expectError has no steps`, { file, field: 'expectError' });
    }
    return res.data;
  }
  const lines = res.error.issues.flatMap((i): string[] => {
    const where = describePath(i.path);
    if (i.code === 'unrecognized_keys') return [`${where}: unknown field(s) ${i.keys.map((k) => nameEcho(k)).join(', ')}`];
    if (i.code === 'invalid_union' && i.path[0] === 'steps' && i.path.length === 2) {
      return stepIssues(raw, i.path[1] as number);
    }
    return [`${where}: ${i.message}`];
  });
  const first = res.error.issues[0];
  throw new ScenarioError(`${file}: ${lines.join('\n  ')}`, { file, field: first ? first.path.join('.') : undefined });
}

function describePath(path: readonly PropertyKey[]): string {
  const part = (k: PropertyKey) => (typeof k === 'string' ? nameEcho(k) : String(k));
  if (path[0] === 'steps' && typeof path[1] === 'number') {
    const rest = path.slice(2).map(part).join('.');
    return `step ${path[1] + 1}${rest ? ` field ${rest}` : ''}`;
  }
  return `field ${path.map(part).join('.') || '(top level)'}`;
}

const stepSchemas = { tx: txStep, query: queryStep, advance: advanceStep } as const;

/** A step failed the union: say which kind it looks like and what is wrong with it as that kind. */
function stepIssues(raw: unknown, index: number): string[] {
  const where = `step ${index + 1}`;
  const s = (raw as { steps?: unknown[] })?.steps?.[index];
  if (typeof s !== 'object' || s === null) return [`${where}: expected an object with tx, query, advance or note`];
  const kinds = Object.keys(s).filter((k): k is keyof typeof stepSchemas => Object.hasOwn(stepSchemas, k));
  if (kinds.length === 0) return [`${where}: a step needs one of tx, query, advance (got ${Object.keys(s).join(', ')})`];
  if (kinds.length > 1) return [`${where}: one step cannot hold ${kinds.join(' and ')}`];
  const res = stepSchemas[kinds[0]!].safeParse(s);
  if (res.success) return [`${where}: invalid ${kinds[0]} step`];
  return res.error.issues.map((i) => {
    const field = i.path.map(String).join('.');
    const prefix = `${where} (${kinds[0]})${field ? ` field ${field}` : ''}`;
    return i.code === 'unrecognized_keys' ? `${prefix}: unknown field(s) ${i.keys.map((k) => nameEcho(k)).join(', ')}` : `${prefix}: ${i.message}`;
  });
}
