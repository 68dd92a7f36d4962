/**
 * The long fuzz run (`npm run fuzz`): N hostile cases through the CLI, counts by failure kind
 * and by case class, failing cases written to fuzz-out/<kind>/ for reproduction
 * (each as the scenario file plus a .txt with what was done, the command and what happened).
 *
 *   node dist/src/scenario/fuzz/run.js [--cases 5000] [--timeout 20] [--seed 42] [--out fuzz-out]
 *                                      [--concurrency 2] [--max-old-space 512]
 */
import { mkdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { countByKind, FAILURE_KINDS, runCases, type CaseResult } from './harness.js';
import { sampleCases } from './hostile.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '5000' },
    timeout: { type: 'string', default: '20' },
    seed: { type: 'string', default: '42' },
    out: { type: 'string', default: 'fuzz-out' },
    concurrency: { type: 'string', default: '2' },
    'max-old-space': { type: 'string', default: '512' },
  },
});
const n = Number(values.cases);
const out = resolve(values.out!);
const work = join(tmpdir(), `stakeworks-fuzz-${process.pid}`);
// Elapsed time for the progress lines: a developer tool's wall clock, never the engine's.
const t0 = performance.now();
const cases = sampleCases(n, Number(values.seed));
process.stdout.write(`fuzz: ${n} cases, seed ${values.seed}, time limit ${values.timeout} s, heap limit ${values['max-old-space']} MB, ${values.concurrency} processes\n`);
const results = await runCases(cases, {
  dir: work,
  timeoutMs: Number(values.timeout) * 1000,
  maxOldSpaceMb: Number(values['max-old-space']),
  concurrency: Number(values.concurrency),
  onResult: (_r, done, total) => {
    if (done % 100 === 0 || done === total) process.stdout.write(`  ${done}/${total} (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
  },
});

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const bad = results.filter((r) => r.failures.length > 0);
const counts = countByKind(results);
const byClass = new Map<string, { total: number; failed: Record<string, number> }>();
for (const r of results) {
  const e = byClass.get(r.case.class) ?? { total: 0, failed: {} };
  e.total++;
  for (const k of new Set(r.failures.map((f) => f.kind))) e.failed[k] = (e.failed[k] ?? 0) + 1;
  byClass.set(r.case.class, e);
}

const report = (r: CaseResult): string =>
  [
    `case: ${r.case.name}`,
    `class: ${r.case.class}   invalid: ${r.case.invalid}${r.case.step !== undefined ? `   step: ${r.case.step}` : ''}`,
    `what: ${r.case.what}`,
    `command: node bin/stakeworks.js run ${basename(r.file)}   (and with --json)`,
    `time: ${r.ms.toFixed(0)} ms`,
    'failures:',
    ...r.failures.map((f) => `  ${f.kind}: ${f.detail}`),
    ...(r.plain ? ['', `── plain: exit ${r.plain.code}`, r.plain.stdout.slice(0, 4000), r.plain.stderr ? `stderr: ${r.plain.stderr.slice(0, 4000)}` : '', r.plain.thrown ? `thrown: ${r.plain.thrown.slice(0, 4000)}` : ''] : []),
    ...(r.json ? ['', `── --json: exit ${r.json.code}`, r.json.stdout.slice(0, 6000), r.json.thrown ? `thrown: ${r.json.thrown.slice(0, 4000)}` : ''] : []),
  ].join('\n');
for (const r of bad) {
  for (const k of new Set(r.failures.map((f) => f.kind))) {
    const dir = join(out, k);
    mkdirSync(dir, { recursive: true });
    copyFileSync(r.file, join(dir, basename(r.file)));
    writeFileSync(join(dir, `${basename(r.file)}.txt`), `${report(r)}\n`);
  }
}
writeFileSync(
  join(out, 'summary.json'),
  `${JSON.stringify({ cases: n, seed: Number(values.seed), timeoutS: Number(values.timeout), seconds: (performance.now() - t0) / 1000, counts, byClass: Object.fromEntries(byClass), failing: bad.map((r) => ({ name: basename(r.file), class: r.case.class, invalid: r.case.invalid, what: r.case.what, failures: r.failures })) }, null, 1)}\n`,
);
rmSync(work, { recursive: true, force: true });

process.stdout.write(`\n${bad.length} of ${n} cases failed in ${((performance.now() - t0) / 1000).toFixed(0)} s\nby failure kind (cases):\n`);
for (const k of FAILURE_KINDS) process.stdout.write(`  ${k.padEnd(20)} ${counts[k]}\n`);
process.stdout.write('by case class: total, then failures by kind\n');
for (const [c, e] of [...byClass].sort()) process.stdout.write(`  ${c.padEnd(18)} ${String(e.total).padStart(5)}  ${Object.entries(e.failed).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
process.stdout.write(`failing cases written to ${out}/<kind>/\n`);
process.exitCode = bad.length === 0 ? 0 : 1;
