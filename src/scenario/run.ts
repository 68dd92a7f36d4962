import { Chain, type Outcome } from '../chain/chain.js';
import { internalError, parseAddress, StakeworksError, toJson, type ChainEvent, type InvariantTier, type Json } from '../kernel/index.js';
import { matchEventsExactly, matchEventsInOrder, partialMatch } from './match.js';
import type { Scenario, Step } from './schema.js';

export interface StepRecord {
  index: number;
  kind: 'tx' | 'query' | 'advance' | 'note';
  note?: string;
  from?: string;
  call?: string;
  args?: Json;
  advance?: Json;
  outcome: 'ok' | 'error';
  error?: { code: string; mechanism: string; message: string; details: Json };
  result?: Json;
  events: Json[];
  stateRoot: string;
  time: number;
  height: number;
  /** Failed expectations and invariant violations; empty when the step passed. */
  failures: string[];
}

export interface ScenarioRecord {
  file: string;
  name: string;
  passed: boolean;
  /** Building the chain: its outcome, the events genesis emitted, and the genesis state root. */
  build: { outcome: 'ok' | 'error'; error?: StepRecord['error']; events?: Json[]; stateRoot?: string; failures: string[] };
  steps: StepRecord[];
}

export interface RunOptions {
  /** Check every invariant after every step; overrides the scenario's own `checkInvariants` (default off; the test suite turns it on). */
  checkInvariants?: boolean | InvariantTier;
}

/** Runs one scenario: builds the chain, applies every step, checks every expectation. Never throws on engine errors. */
export function runScenario(scenario: Scenario, file: string, options: RunOptions = {}): ScenarioRecord {
  const name = scenario.name ?? file;
  const record: ScenarioRecord = { file, name, passed: true, build: { outcome: 'ok', failures: [] }, steps: [] };
  let chain: Chain;
  try {
    chain = Chain.build(scenario.chain, scenario.genesis ?? {});
  } catch (err) {
    const e = toStakeworks(err);
    record.build = { outcome: 'error', error: errorJson(e), failures: [] };
    if (scenario.expectError !== e.code) {
      record.build.failures.push(scenario.expectError ? `expected the chain to fail with ${scenario.expectError}, got ${e.code}: ${e.message}` : `building the chain failed: ${e.code}: ${e.message}`);
    }
    record.passed = record.build.failures.length === 0;
    return record;
  }
  if (scenario.expectError) {
    record.build.failures.push(`expected building the chain to fail with ${scenario.expectError}, but it succeeded`);
    record.passed = false;
    return record;
  }
  const checkOpt = options.checkInvariants ?? scenario.checkInvariants ?? false;
  const check = checkOpt !== false;
  const tier: InvariantTier = typeof checkOpt === 'string' ? checkOpt : 'full';
  try {
    record.build.events = chain.events.since(0).map(eventJson);
    record.build.stateRoot = chain.stateRoot();
    if (check) record.build.failures.push(...chain.invariants(tier).map((v) => `invariant after genesis: ${v}`));
  } catch (err) {
    const e = toStakeworks(err);
    record.build.failures.push(`after genesis: ${e.code}: ${e.message}`);
  }

  for (const [i, step] of (scenario.steps ?? []).entries()) {
    let r: StepRecord;
    try {
      r = runStep(chain, step, i + 1);
      if (check) r.failures.push(...chain.invariants(tier).map((v) => `invariant: ${v}`));
    } catch (err) {
      // The engine reports protocol failures as outcomes; what arrives here is a bug, recorded as a failed step.
      const e = toStakeworks(err);
      const kind: StepRecord['kind'] = 'tx' in step ? 'tx' : 'query' in step ? 'query' : 'advance' in step ? 'advance' : 'note';
      r = { index: i + 1, kind, outcome: 'error', error: errorJson(e), events: [], stateRoot: '', time: chain.time, height: chain.height, failures: [`${e.code}: ${e.message}`] };
    }
    record.steps.push(r);
    if (r.error?.code === 'INTERNAL_ERROR') break;
  }
  record.passed = record.build.failures.length === 0 && record.steps.every((s) => s.failures.length === 0);
  return record;
}

function runStep(chain: Chain, step: Step, index: number): StepRecord {
  const failures: string[] = [];
  let outcome: Outcome;
  let base: Partial<StepRecord>;
  if ('tx' in step) {
    const rootBefore = step.expectError ? chain.stateRoot() : undefined;
    outcome = chain.tx(step.tx.from, step.tx.call, step.tx.args ?? {});
    base = { kind: 'tx', from: step.tx.from, call: step.tx.call, args: asWritten(step.tx.args ?? {}) };
    checkError(outcome, step.expectError, failures);
    if (step.expectError && rootBefore !== chain.stateRoot()) failures.push('the failed transaction changed the state root');
    checkEffects(chain, outcome, step.expect, step.expectEventsExactly, failures);
  } else if ('query' in step) {
    outcome = chain.query(step.query.call, step.query.args ?? {});
    base = { kind: 'query', call: step.query.call, args: asWritten(step.query.args ?? {}) };
    checkError(outcome, step.expectError, failures);
    if (outcome.ok && step.expect !== undefined) failures.push(...partialMatch(step.expect, toJson(outcome.result)).map((m) => `result ${m}`));
  } else if ('advance' in step) {
    outcome = chain.advance(step.advance);
    base = { kind: 'advance', advance: asWritten(step.advance) };
    checkError(outcome, undefined, failures);
    checkEffects(chain, outcome, step.expect, step.expectEventsExactly, failures);
  } else {
    outcome = { ok: true, events: [] };
    base = { kind: 'note' };
  }
  return {
    index,
    ...(step.note !== undefined ? { note: step.note } : {}),
    ...base,
    outcome: outcome.ok ? 'ok' : 'error',
    ...(outcome.error ? { error: errorJson(outcome.error) } : {}),
    ...(outcome.ok && outcome.result !== undefined ? { result: toJson(outcome.result) } : {}),
    events: outcome.events.map(eventJson),
    stateRoot: chain.stateRoot(),
    time: chain.time,
    height: chain.height,
    failures,
  } as StepRecord;
}

function checkError(outcome: Outcome, expected: string | undefined, failures: string[]): void {
  if (expected) {
    if (outcome.ok) failures.push(`expected error ${expected}, but the step succeeded`);
    else if (outcome.error!.code !== expected) failures.push(`expected error ${expected}, got ${outcome.error!.code}: ${outcome.error!.message}`);
  } else if (!outcome.ok) {
    failures.push(`failed with ${outcome.error!.code}: ${outcome.error!.message}`);
  }
}

function checkEffects(
  chain: Chain,
  outcome: Outcome,
  expect: { events?: Parameters<typeof matchEventsInOrder>[0]; balances?: Record<string, Record<string, unknown>>; result?: unknown } | undefined,
  exactly: Parameters<typeof matchEventsExactly>[0] | undefined,
  failures: string[],
): void {
  if (expect?.events) failures.push(...matchEventsInOrder(expect.events, outcome.events));
  if (exactly) failures.push(...matchEventsExactly(exactly, outcome.events));
  if (expect?.result !== undefined) failures.push(...partialMatch(expect.result, toJson(outcome.result)).map((m) => `result ${m}`));
  for (const [who, assets] of Object.entries(expect?.balances ?? {})) {
    for (const [asset, amount] of Object.entries(assets)) {
      try {
        const have = chain.ledger.balanceOf(asset, parseAddress(who));
        if (BigInt(amount as string) !== have) failures.push(`balance ${who}.${asset}: expected ${amount}, got ${have}`);
      } catch (e) {
        failures.push(`balance ${who}.${asset}: ${(e as Error).message}`);
      }
    }
  }
}

export function eventJson(e: ChainEvent): Json {
  return toJson({ mechanism: e.mechanism, name: e.name, args: e.args, height: e.height, time: e.time });
}

function errorJson(e: StakeworksError): StepRecord['error'] {
  return { code: e.code, mechanism: e.mechanism, message: e.message, details: toJson(e.details) };
}

function toStakeworks(err: unknown): StakeworksError {
  return err instanceof StakeworksError ? err : internalError(err);
}

/** Arguments as the file wrote them: YAML integers (parsed as bigint for precision) stay numbers when safe. */
function asWritten(v: unknown): Json {
  if (typeof v === 'bigint') return v >= -BigInt(Number.MAX_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
  if (Array.isArray(v)) return v.map(asWritten);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, asWritten(x)]));
  return toJson(v);
}
