import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { addressOf } from '../kernel/index.js';
import { fromRoot } from '../testing/repoRoot.js';
import { runFiles } from './main.js';

function capture(files: string[], flags: Parameters<typeof runFiles>[1]): { code: number; out: string } {
  let out = '';
  const code = runFiles(files, flags, (s) => {
    out += s;
  });
  return { code, out };
}

describe('stakeworks run', () => {
  it('--json gives outcome, error code, events, result and state root of every step', () => {
    const { code, out } = capture([fromRoot('test/vectors/prover-pool/s3-exit-withdraw-timing.yaml')], { json: true });
    assert.equal(code, 0);
    const doc = JSON.parse(out);
    assert.deepEqual(doc.summary, { passed: 1, failed: 0 });
    const steps = doc.scenarios[0].steps;
    assert.equal(steps.length, 12);
    assert.equal(steps[0].outcome, 'ok');
    assert.deepEqual(
      steps[0].events.map((e: { name: string }) => e.name),
      ['Burn', 'Staked'],
    );
    assert.deepEqual(steps[0].events[1].args, { addr: addressOf('alice'), amount: '10000000000', rewardPerGas: 10, currentCapacity: 32 });
    assert.equal(steps[0].events[1].height, 1);
    assert.equal(steps[0].events[1].time, 1700000000);
    assert.match(steps[0].stateRoot, /^0x[0-9a-f]{64}$/);
    assert.equal(steps[3].result.staker.exitAmount, '10000000000');
    assert.equal(steps[6].outcome, 'error');
    assert.equal(steps[6].error.code, 'NO_MATURE_EXIT');
    assert.equal(steps[6].error.mechanism, 'proverPool');
    // the failed withdrawal left the state root as the step before it
    assert.equal(steps[6].stateRoot, steps[5].stateRoot);
    assert.deepEqual(steps[6].failures, []);
  });

  it('exits non-zero and names the failed expectation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      [
        'chain: { mechanisms: { proverPool: { preset: taiko-a4 } } }',
        'genesis: { time: 1700000000, balances: { alice: { TKO: "1000000" } } }',
        'steps:',
        '  - tx: { from: alice, call: proverPool.stake, args: { amount: "320000", rewardPerGas: 10, maxCapacity: 32 } }',
        '    expect: { balances: { alice: { TKO: "1" } } }',
      ].join('\n'),
    );
    const { code, out } = capture([file], {});
    assert.equal(code, 1);
    assert.match(out, /balance alice\.TKO: expected 1, got 680000/);
    assert.match(out, /0 passed, 1 failed/);
  });

  it('reports malformed scenarios with the step and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-'));
    const file = join(dir, 'malformed.yaml');
    writeFileSync(file, ['chain: { mechanisms: { proverPool: {} } }', 'steps:', '  - advance: { seconds: 1 }', '  - tx: { from: alice, call: stake }'].join('\n'));
    const { code, out } = capture([file], {});
    assert.equal(code, 1);
    assert.match(out, /SCENARIO_INVALID/);
    assert.match(out, /step 2 field tx\.call: expected "mechanism\.name"/);
  });

  it('unknown actions list what exists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-'));
    const file = join(dir, 'unknown.yaml');
    writeFileSync(file, ['chain: { mechanisms: { proverPool: {} } }', 'steps:', '  - tx: { from: alice, call: proverPool.stak }', '    expectError: INVALID_ARGUMENT'].join('\n'));
    const { code, out } = capture([file], { json: true });
    assert.equal(code, 0);
    const err = JSON.parse(out).scenarios[0].steps[0].error;
    assert.match(err.message, /unknown action proverPool\.stak; proverPool actions: stake, exit, withdraw/);
  });
});
