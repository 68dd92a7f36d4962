import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ScenarioError } from '../kernel/index.js';
import { advanceStep, queryStep, scenarioSchema, txStep, type Scenario } from './schema.js';

/** Reads a YAML or JSON scenario (JSON is parsed as YAML 1.2 too, so big integers keep their precision). */
export function loadScenarioFile(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ScenarioError(`${file}: cannot read (${(e as Error).message})`, { file });
  }
  return parseScenario(text, file);
}

export function parseScenario(text: string, file = '(inline)'): Scenario {
  let raw: unknown;
  try {
    raw = parse(text, { intAsBigInt: true, uniqueKeys: true });
  } catch (e) {
    throw new ScenarioError(`${file}: not valid YAML/JSON: ${(e as Error).message}`, { file });
  }
  return validateScenario(raw, file);
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
    if (i.code === 'unrecognized_keys') return [`${where}: unknown field(s) ${i.keys.join(', ')}`];
    if (i.code === 'invalid_union' && i.path[0] === 'steps' && i.path.length === 2) {
      return stepIssues(raw, i.path[1] as number);
    }
    return [`${where}: ${i.message}`];
  });
  const first = res.error.issues[0];
  throw new ScenarioError(`${file}: ${lines.join('\n  ')}`, { file, field: first ? first.path.join('.') : undefined });
}

function describePath(path: readonly PropertyKey[]): string {
  if (path[0] === 'steps' && typeof path[1] === 'number') {
    const rest = path.slice(2).map(String).join('.');
    return `step ${path[1] + 1}${rest ? ` field ${rest}` : ''}`;
  }
  return `field ${path.map(String).join('.') || '(top level)'}`;
}

const stepSchemas = { tx: txStep, query: queryStep, advance: advanceStep } as const;

/** A step failed the union: say which kind it looks like and what is wrong with it as that kind. */
function stepIssues(raw: unknown, index: number): string[] {
  const where = `step ${index + 1}`;
  const s = (raw as { steps?: unknown[] })?.steps?.[index];
  if (typeof s !== 'object' || s === null) return [`${where}: expected an object with tx, query, advance or note`];
  const kinds = Object.keys(s).filter((k): k is keyof typeof stepSchemas => k in stepSchemas);
  if (kinds.length === 0) return [`${where}: a step needs one of tx, query, advance (got ${Object.keys(s).join(', ')})`];
  if (kinds.length > 1) return [`${where}: one step cannot hold ${kinds.join(' and ')}`];
  const res = stepSchemas[kinds[0]!].safeParse(s);
  if (res.success) return [`${where}: invalid ${kinds[0]} step`];
  return res.error.issues.map((i) => {
    const field = i.path.map(String).join('.');
    const prefix = `${where} (${kinds[0]})${field ? ` field ${field}` : ''}`;
    return i.code === 'unrecognized_keys' ? `${prefix}: unknown field(s) ${i.keys.join(', ')}` : `${prefix}: ${i.message}`;
  });
}
