import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fromRoot } from '../testing/repoRoot.js';

/**
 * The fast paths (WASM keccak, native BLS) forced off give the same outcomes, events, results and
 * roots: a few vectors of each mechanism through the CLI, compared as whole JSON reports. The
 * whole suite runs that way with `npm run test:portable`.
 */
const vectors = [
  'test/vectors/prover-pool/s7-weighted-assignment.yaml',
  'test/vectors/prover-pool/t1-propose-prove-verify.yaml',
  'test/vectors/sequencer-staking/bls-02-batch-signatures.yaml',
  'test/vectors/sequencer-staking/l2-22-distribution-record.yaml',
  'test/vectors/stake-pool/c1-computation-model.yaml',
  'test/vectors/stake-pool/14-2-grace-rule.yaml',
].map(fromRoot);

function report(env: Record<string, string>): string {
  return execFileSync(process.execPath, [fromRoot('bin/stakeworks.js'), 'run', '--json', '--check-invariants', ...vectors], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
}

describe('fast paths off (STAKEWORKS_KECCAK=noble, STAKEWORKS_BLS=noble)', () => {
  it('the same JSON report, byte for byte, as with them on', () => {
    const on = report({ STAKEWORKS_KECCAK: '', STAKEWORKS_BLS: '' });
    const off = report({ STAKEWORKS_KECCAK: 'noble', STAKEWORKS_BLS: 'noble' });
    const doc = JSON.parse(on) as { scenarios: Array<{ passed: boolean }> };
    assert.equal(doc.scenarios.length, vectors.length);
    assert.ok(doc.scenarios.every((s) => s.passed));
    assert.equal(off, on);
  });
});
