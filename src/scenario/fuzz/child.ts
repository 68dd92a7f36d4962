/**
 * The fuzz harness's worker process: runs scenario files through the real CLI program
 * (`buildProgram()` of src/cli/main.ts, in-process, output captured), once plain and once with
 * `--json`, and reports each run over IPC. The parent enforces the time limit (it kills this
 * process) and reads the memory figures reported here.
 */
import { resourceUsage } from 'node:process';
import { buildProgram } from '../../cli/main.js';
import { judge, type ChildRequest, type ChildResult, type CliRun } from './harness.js';

async function runCli(args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const outWrite = process.stdout.write;
  const errWrite = process.stderr.write;
  const cap =
    (which: 'out' | 'err') =>
    (chunk: unknown): boolean => {
      const s = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      if (which === 'out') stdout += s;
      else stderr += s;
      return true;
    };
  process.stdout.write = cap('out') as typeof process.stdout.write;
  process.stderr.write = cap('err') as typeof process.stderr.write;
  process.exitCode = 0;
  let thrown: string | undefined;
  let code: number;
  try {
    const program = buildProgram().exitOverride();
    program.configureOutput({ writeOut: (s) => void (stdout += s), writeErr: (s) => void (stderr += s) });
    for (const c of program.commands) c.exitOverride();
    await program.parseAsync(['node', 'stakeworks', ...args]);
    code = Number(process.exitCode ?? 0);
  } catch (e) {
    const err = e as { code?: string; exitCode?: number; stack?: string };
    if (typeof err?.code === 'string' && err.code.startsWith('commander.')) code = err.exitCode ?? 1;
    else {
      thrown = String(err?.stack ?? e);
      code = 1; // node prints the trace and exits 1 on an uncaught exception
    }
  } finally {
    process.stdout.write = outWrite;
    process.stderr.write = errWrite;
    process.exitCode = 0;
  }
  return { code, stdout, stderr, ...(thrown !== undefined ? { thrown } : {}) };
}

const cut = (s: string): string => (s.length > 20000 ? `${s.slice(0, 20000)}\n… (${s.length} characters)` : s);
const trim = (r: CliRun): CliRun => ({ ...r, stdout: cut(r.stdout), stderr: cut(r.stderr), ...(r.thrown ? { thrown: cut(r.thrown) } : {}) });

const protoNames = (): string => [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) => Object.getOwnPropertyNames(p).sort().join(',')).join('|');
const baseline = protoNames();

process.on('message', (msg: ChildRequest) => {
  void (async () => {
    const t0 = performance.now();
    const plain = await runCli(['run', msg.file]);
    const json = await runCli(['run', '--json', msg.file]);
    const polluted = protoNames() !== baseline || Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted');
    const failures = judge({ file: msg.file, invalid: msg.invalid, step: msg.step }, plain, json);
    if (polluted) failures.push({ kind: 'prototype-pollution', detail: 'a built-in prototype gained or lost a property during the run' });
    const res: ChildResult = {
      id: msg.id,
      failures,
      plain: trim(plain),
      json: trim(json),
      ms: performance.now() - t0,
      maxRssMb: resourceUsage().maxRSS / 1024,
      heapMb: process.memoryUsage().heapUsed / 2 ** 20,
      polluted,
    };
    process.send!(res);
  })();
});
process.send!({ ready: true });
