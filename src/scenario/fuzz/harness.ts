import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HostileCase } from './hostile.js';

/**
 * The fuzz oracle and harness. Each case is written to a file and run through the real CLI
 * program (`stakeworks run FILE` and `stakeworks run --json FILE`) inside a pool of child
 * processes (src/scenario/fuzz/child.ts), each with a V8 heap limit; the parent kills a child
 * that takes longer than the time limit. Failures are classified:
 *
 * - `crash`: an uncaught exception, a JS stack trace in the output (also inside --json strings),
 *   an INTERNAL_ERROR (the engine's own code for "a bug"), --json output that is not JSON;
 * - `native-abort`: the process died of a signal (other than the harness's own kill);
 * - `hang`: the time limit passed;
 * - `exit0-on-invalid`: exit code 0 (plain or --json) for a case that is certainly invalid;
 * - `unclear-error`: an error without an UPPER_SNAKE code, a load error that does not name the
 *   file, or (for a step-level problem) the step, or a message with internal jargon;
 * - `memory`: the heap limit was hit, or the peak RSS went above the limit;
 * - `prototype-pollution`: a built-in prototype changed while the case ran.
 */

export const FAILURE_KINDS = ['crash', 'native-abort', 'hang', 'exit0-on-invalid', 'unclear-error', 'memory', 'prototype-pollution'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export interface Failure {
  kind: FailureKind;
  detail: string;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The stack of an exception that escaped the CLI program (node would print it and exit 1). */
  thrown?: string;
}

export interface ChildRequest {
  id: number;
  file: string;
  invalid: boolean;
  step?: number;
}

export interface ChildResult {
  id: number;
  failures: Failure[];
  plain: CliRun;
  json: CliRun;
  ms: number;
  maxRssMb: number;
  heapMb: number;
  polluted: boolean;
}

export interface CaseResult {
  case: Omit<HostileCase, 'bytes'>;
  file: string;
  failures: Failure[];
  ms: number;
  plain?: CliRun;
  json?: CliRun;
}

// ── the oracle ───────────────────────────────────────────────────────────────────────────────

/** A V8 stack frame line: `    at fn (file:line:col)` or `    at file:line:col`. */
const STACK_LINE = /^\s+at .+\(.*:\d+:\d+\)$|^\s+at (?:file:|node:|\/)\S*:\d+:\d+$/m;
const UPPER_SNAKE = /^[A-Z][A-Z0-9_]*$/;
/** Internal jargon that means nothing to the author of a scenario file. */
const JARGON = /received bigint|expected undefined|received undefined|\[object Object\]|Cannot read propert|is not a function|is not iterable|Maximum call stack|Do not know how to serialize|undefined is not|Invalid input$/m;

interface ErrJson {
  code?: unknown;
  message?: unknown;
}

function firstLine(s: string): string {
  const l = s.split('\n').find((x) => x.trim() !== '') ?? '';
  return l.length > 300 ? `${l.slice(0, 300)}…` : l;
}

/** Judges the two runs of one case. Hang, memory and signal deaths are judged by the pool. */
export function judge(meta: { file: string; invalid: boolean; step?: number }, plain: CliRun, json: CliRun): Failure[] {
  const out: Failure[] = [];
  const add = (kind: FailureKind, detail: string): void => {
    if (!out.some((f) => f.kind === kind && f.detail === detail)) out.push({ kind, detail });
  };
  for (const [label, run] of [
    ['plain', plain],
    ['--json', json],
  ] as const) {
    if (run.thrown) add('crash', `${label}: uncaught exception: ${firstLine(run.thrown)}`);
    for (const [stream, text] of [
      ['stdout', run.stdout],
      ['stderr', run.stderr],
    ] as const) {
      const m = STACK_LINE.exec(text);
      if (m && !(label === '--json' && stream === 'stdout')) add('crash', `${label}: stack trace on ${stream}: ${firstLine(text.slice(Math.max(0, m.index - 200), m.index))}`);
    }
  }
  if (meta.invalid && (plain.code === 0 || json.code === 0)) add('exit0-on-invalid', `exit code ${plain.code} (plain), ${json.code} (--json) for invalid input`);

  if (json.thrown) return out;
  let doc: { scenarios?: Array<{ build?: { error?: ErrJson; failures?: string[] }; steps?: Array<{ index: number; error?: ErrJson; failures?: string[] }> }>; invalid?: Array<{ error?: ErrJson }> };
  try {
    doc = JSON.parse(json.stdout);
  } catch (e) {
    add('crash', `--json output is not JSON (${(e as Error).message}): ${firstLine(json.stdout)}`);
    return out;
  }
  // stack traces and INTERNAL_ERROR anywhere inside the JSON record
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'string') {
      if (STACK_LINE.test(v)) add('crash', `--json: stack trace in ${path}: ${firstLine(v)}`);
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.code === 'INTERNAL_ERROR') add('crash', `--json: INTERNAL_ERROR at ${path}: ${firstLine(String(o.message))}`);
      for (const k of Object.keys(o)) walk(o[k], `${path}.${k}`);
    }
  };
  walk(doc, '$');

  const checkError = (e: ErrJson | undefined, where: string, needFile: boolean): void => {
    if (!e) return;
    const msg = typeof e.message === 'string' ? e.message : '';
    if (typeof e.code !== 'string' || !UPPER_SNAKE.test(e.code)) add('unclear-error', `${where}: no UPPER_SNAKE code (${JSON.stringify(e.code)})`);
    if (!msg.trim()) add('unclear-error', `${where}: empty message`);
    if (needFile && !msg.includes(meta.file)) add('unclear-error', `${where}: the message does not name the file: ${firstLine(msg)}`);
    const j = JARGON.exec(msg);
    if (j && e.code !== 'INTERNAL_ERROR') add('unclear-error', `${where}: internal jargon "${j[0]}": ${firstLine(msg.slice(Math.max(0, j.index - 150)))}`);
  };
  for (const inv of doc.invalid ?? []) {
    checkError(inv.error, 'load error', true);
    const msg = typeof inv.error?.message === 'string' ? inv.error.message : '';
    if (/not valid (YAML|JSON)/.test(msg)) {
      // a syntax error cannot name a step; it must give the line instead
      if (!/\bline \d+/.test(msg)) add('unclear-error', `load error: a YAML/JSON syntax error without a line number: ${firstLine(msg.replace(meta.file, 'FILE'))}`);
    } else if (/\bis limited to\b|\blimited to [0-9,]+ bytes\b/.test(msg)) {
      // the file as a whole is over a size limit: no step is to blame
    } else if (meta.step !== undefined && inv.error?.code === 'SCENARIO_INVALID' && !new RegExp(`\\bstep ${meta.step}\\b`).test(msg)) {
      add('unclear-error', `load error: the problem is in step ${meta.step} but the message does not say so: ${firstLine(msg.replace(meta.file, 'FILE'))}`);
    }
  }
  for (const s of doc.scenarios ?? []) {
    checkError(s.build?.error, 'chain build error', false);
    for (const st of s.steps ?? []) {
      checkError(st.error, `step ${st.index} error`, false);
      for (const f of st.failures ?? []) {
        const j = JARGON.exec(f);
        if (j) add('unclear-error', `step ${st.index} failure: internal jargon "${j[0]}": ${firstLine(f)}`);
      }
    }
  }
  return out;
}

// ── the pool ─────────────────────────────────────────────────────────────────────────────────

export interface PoolOptions {
  /** Folder the case files are written to. */
  dir: string;
  /** Time limit per case (both runs), ms. */
  timeoutMs?: number;
  /** V8 old-space limit of each child, MB. */
  maxOldSpaceMb?: number;
  /** Peak RSS above which a case counts as a memory failure, MB. */
  rssLimitMb?: number;
  concurrency?: number;
  onResult?: (r: CaseResult, done: number, total: number) => void;
}

const CHILD = fileURLToPath(new URL('./child.js', import.meta.url));

/** A safe file name for a case (its name, prefixed by its index). */
export function caseFile(dir: string, i: number, c: HostileCase): string {
  return join(dir, `${String(i).padStart(5, '0')}-${c.name.replace(/[^A-Za-z0-9._-]/g, '_')}`);
}

/** Runs every case through the CLI in child processes; results in case order. */
export async function runCases(cases: HostileCase[], opts: PoolOptions): Promise<CaseResult[]> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const maxOld = opts.maxOldSpaceMb ?? 512;
  const rssLimit = opts.rssLimitMb ?? maxOld + 512;
  const concurrency = Math.max(1, Math.min(opts.concurrency ?? 2, cases.length));
  mkdirSync(opts.dir, { recursive: true });
  const files = cases.map((c, i) => {
    const f = caseFile(opts.dir, i, c);
    writeFileSync(f, c.bytes);
    return f;
  });
  const results: CaseResult[] = new Array(cases.length);
  let next = 0;
  let done = 0;

  const meta = (c: HostileCase): CaseResult['case'] => {
    const { bytes: _b, ...m } = c;
    void _b;
    return m;
  };

  interface Slot {
    child: ChildProcess;
    ready: Promise<void>;
    stderr: string;
  }
  const spawnChild = (): Slot => {
    const child = fork(CHILD, [], { execArgv: [`--max-old-space-size=${maxOld}`], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const slot: Slot = { child, stderr: '', ready: Promise.resolve() };
    child.stderr!.on('data', (b: Buffer) => {
      slot.stderr = (slot.stderr + b.toString('utf8')).slice(-8000);
    });
    child.stdout!.resume();
    slot.ready = new Promise((resolve, reject) => {
      const onMsg = (m: { ready?: boolean }): void => {
        if (m?.ready) {
          child.off('message', onMsg);
          resolve();
        }
      };
      child.on('message', onMsg);
      child.once('exit', (code, sig) => reject(new Error(`fuzz child exited before it was ready (${code ?? sig}): ${slot.stderr}`)));
    });
    slot.ready.catch(() => undefined);
    return slot;
  };

  const runOne = (slot: Slot, i: number): Promise<{ result: CaseResult; keep: boolean }> =>
    new Promise((resolve) => {
      const c = cases[i]!;
      const t0 = performance.now();
      let settled = false;
      const finish = (r: Omit<CaseResult, 'case' | 'file'>, keep: boolean): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        slot.child.off('message', onMsg);
        slot.child.off('exit', onExit);
        resolve({ result: { case: meta(c), file: files[i]!, ...r }, keep });
      };
      const onMsg = (m: ChildResult): void => {
        if (m?.id !== i) return;
        const failures = [...m.failures];
        if (m.maxRssMb > rssLimit) failures.push({ kind: 'memory', detail: `peak RSS ${m.maxRssMb.toFixed(0)} MB above the ${rssLimit} MB limit` });
        const keep = !m.polluted && m.maxRssMb <= rssLimit;
        finish({ failures, ms: m.ms, plain: m.plain, json: m.json }, keep);
      };
      const onExit = (code: number | null, sig: NodeJS.Signals | null): void => {
        const ms = performance.now() - t0;
        const tail = slot.stderr.trim().split('\n').slice(-3).join(' | ');
        if (/heap out of memory|Reached heap limit|Allocation failed/i.test(slot.stderr)) {
          finish({ failures: [{ kind: 'memory', detail: `the V8 heap limit (${maxOld} MB) was hit after ${ms.toFixed(0)} ms: ${tail}` }], ms }, false);
        } else if (sig) {
          finish({ failures: [{ kind: 'native-abort', detail: `killed by ${sig}: ${tail}` }], ms }, false);
        } else {
          finish({ failures: [{ kind: 'crash', detail: `the process exited (code ${code}) in the middle of the run: ${tail}` }], ms }, false);
        }
      };
      const timer = setTimeout(() => {
        const ms = performance.now() - t0;
        slot.child.off('exit', onExit);
        slot.child.kill('SIGKILL');
        finish({ failures: [{ kind: 'hang', detail: `no answer within ${timeoutMs} ms (killed)` }], ms }, false);
      }, timeoutMs);
      slot.child.on('message', onMsg);
      slot.child.once('exit', onExit);
      const req: ChildRequest = { id: i, file: files[i]!, invalid: c.invalid, ...(c.step !== undefined ? { step: c.step } : {}) };
      slot.child.send(req);
    });

  const lane = async (): Promise<void> => {
    let slot = spawnChild();
    try {
      while (next < cases.length) {
        const i = next++;
        await slot.ready;
        slot.stderr = '';
        const { result, keep } = await runOne(slot, i);
        results[i] = result;
        done++;
        opts.onResult?.(result, done, cases.length);
        if (!keep) {
          slot.child.kill('SIGKILL');
          slot = spawnChild();
        }
      }
    } finally {
      slot.child.kill('SIGKILL');
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return results;
}

/** Counts of failures by kind (a case counts once per kind). */
export function countByKind(results: CaseResult[]): Record<FailureKind, number> {
  const counts = Object.fromEntries(FAILURE_KINDS.map((k) => [k, 0])) as Record<FailureKind, number>;
  for (const r of results) for (const k of new Set(r.failures.map((f) => f.kind))) counts[k]++;
  return counts;
}

/** One line per failing case: kind, class, name, what was done, first detail. */
export function summarise(results: CaseResult[], limit = 40): string {
  const bad = results.filter((r) => r.failures.length > 0);
  const counts = countByKind(results);
  const lines = [`${bad.length} of ${results.length} cases failed: ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}`];
  for (const r of bad.slice(0, limit)) lines.push(`  [${[...new Set(r.failures.map((f) => f.kind))].join(',')}] ${r.case.name} (${r.case.what}): ${r.failures[0]!.detail}`);
  if (bad.length > limit) lines.push(`  … and ${bad.length - limit} more`);
  return lines.join('\n');
}
