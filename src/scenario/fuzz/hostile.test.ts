import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { keccakBackend } from '../../kernel/index.js';
import { buildCase, CASE_CLASSES, SEED_FILES, sampleCases } from './hostile.js';
import { runCases, summarise } from './harness.js';

/**
 * Hostile scenario input (the fuzz suite's default run): 200 cases from a fixed seed, each run
 * through the CLI plain and with --json in child processes with a 1.5 s time limit and a 512 MB
 * heap. No case may crash, hang, blow memory, print a stack trace, exit 0 on invalid input, or
 * give an error without a code, the file, the step. The long run is `npm run fuzz`.
 */
const SEED = 20240611;
const RUNS = 200;

describe('hostile scenario input', () => {
  it('the seeds run clean as YAML and as JSON (the harness itself is sound)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-fuzz-'));
    const cases = SEED_FILES.flatMap((_f, i) => [buildCase('seed', i, 'yaml', 1), buildCase('seed', i, 'json', 1)]);
    const results = await runCases(cases, { dir, timeoutMs: 10_000 });
    rmSync(dir, { recursive: true, force: true });
    for (const r of results) {
      assert.deepEqual(r.failures, [], r.case.name);
      assert.equal(r.plain!.code, 0, `${r.case.name}: ${r.plain!.stdout}`);
    }
  });

  it('the generator covers every class, deterministically', () => {
    const a = sampleCases(RUNS, SEED);
    const b = sampleCases(RUNS, SEED);
    assert.deepEqual(
      a.map((c) => c.name),
      b.map((c) => c.name),
    );
    const seen = new Set(a.map((c) => c.class));
    for (const c of CASE_CLASSES) if (c !== 'seed' && c !== 'empty' && c !== 'binary') assert.ok(seen.has(c), `class ${c} not generated`);
  });

  it(`${RUNS} hostile cases: no crash, hang, memory blow-up, trace, exit 0 on invalid input or unclear error`, { timeout: keccakBackend === 'noble' ? 600_000 : 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-fuzz-'));
    // A hang is a case still running after 8 s: the heaviest valid cases (a million blocks in one
    // advance, 20,000 genesis workers) take a few seconds on 2 cores; `npm run fuzz` allows 20 s.
    // With the fast paths off (npm run test:portable) keccak is 10× slower: the limit follows.
    const timeoutMs = keccakBackend === 'noble' ? 30_000 : 8000;
    const results = await runCases(sampleCases(RUNS, SEED), { dir, timeoutMs, maxOldSpaceMb: 512 });
    rmSync(dir, { recursive: true, force: true });
    const bad = results.filter((r) => r.failures.length > 0);
    assert.equal(bad.length, 0, summarise(results));
  });
});
