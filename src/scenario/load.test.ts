import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { StakeworksError } from '../kernel/index.js';
import { loadScenarioFile, parseScenario, validateScenario } from './load.js';

const head = 'chain: { mechanisms: { proverPool: { preset: taiko-a4 } } }\n';

/** Asserts SCENARIO_INVALID with a message containing every fragment, and returns the error. */
function invalid(text: string, ...fragments: string[]): StakeworksError {
  try {
    parseScenario(text, 'f.yaml');
  } catch (e) {
    assert.ok(e instanceof StakeworksError, String(e));
    assert.equal(e.code, 'SCENARIO_INVALID');
    assert.equal(e.mechanism, 'scenario');
    for (const f of fragments) assert.ok(e.message.includes(f), `message ${JSON.stringify(e.message)} lacks ${JSON.stringify(f)}`);
    return e;
  }
  assert.fail('the scenario was accepted');
}

describe('scenario loading', () => {
  it('accepts a valid scenario; big integers keep their precision', () => {
    const s = parseScenario(
      `${head}genesis: { time: 1700000000, balances: { alice: { TKO: 18446744073709551615 } } }\nsteps:\n` +
        '  - tx: { from: alice, call: proverPool.stake, args: { amount: 18446744073709551615, rewardPerGas: 10, maxCapacity: 32 } }\n' +
        '    expect: { events: [ { name: Staked, args: { addr: alice } } ] }\n' +
        '  - advance: { seconds: 10, blocks: 1, blockHash: "0xAB00000000000000000000000000000000000000000000000000000000000000" }\n' +
        '  - query: { call: proverPool.getStaker, args: { addr: alice } }\n    expect: { staker: { proverId: 1 } }\n' +
        '  - tx: { from: alice, call: proverPool.withdraw }\n    expectError: NO_MATURE_EXIT\n    expectEventsExactly: []\n' +
        '  - note: done\n',
    );
    assert.equal(s.genesis?.time, 1_700_000_000);
    assert.equal(s.genesis?.balances?.alice?.TKO, 18_446_744_073_709_551_615n);
    const tx = s.steps![0] as unknown as { tx: { args: { amount: unknown } } };
    assert.equal(tx.tx.args.amount, 18_446_744_073_709_551_615n);
    const adv = s.steps![1] as unknown as { advance: { seconds: number; blocks: number; blockHash: string } };
    assert.deepEqual(adv.advance, { seconds: 10, blocks: 1, blockHash: `0xab${'0'.repeat(62)}` });
    assert.equal(s.steps!.length, 5);
  });

  it('an unknown field in step 3 names the step and the field', () => {
    const e = invalid(`${head}steps:\n  - note: a\n  - advance: { seconds: 1 }\n  - tx: { from: alice, call: proverPool.exit }\n    expct: {}\n`, 'f.yaml', 'step 3', 'unknown field(s) expct');
    assert.deepEqual(e.details, { file: 'f.yaml', field: 'steps.2' });
  });

  it('an empty events list is rejected', () => {
    const e = invalid(`${head}steps:\n  - note: a\n  - tx: { from: alice, call: proverPool.exit }\n    expect: { events: [] }\n`, 'step 2 field expect.events', 'an empty events list asserts nothing');
    assert.equal(e.details.field, 'steps.1.expect.events');
    invalid(`${head}steps:\n  - advance: { blocks: 1 }\n    expect: { events: [] }\n`, 'step 1', 'expect.events', 'asserts nothing');
  });

  it('a bad call string names the step and field', () => {
    invalid(`${head}steps:\n  - tx: { from: alice, call: proverPool_exit }\n`, 'step 1 field tx.call', 'expected "mechanism.name"');
    invalid(`${head}steps:\n  - note: x\n  - query: { call: "proverPool." }\n`, 'step 2 field query.call', 'expected "mechanism.name"');
    invalid(`${head}steps:\n  - tx: { from: "", call: proverPool.exit }\n`, 'step 1 field tx.from');
  });

  it('other malformed steps', () => {
    invalid(`${head}steps:\n  - tx: { from: alice, call: proverPool.exit }\n    query: { call: proverPool.getState }\n`, 'step 1: one step cannot hold tx and query');
    invalid(`${head}steps:\n  - expect: {}\n`, 'step 1: a step needs one of tx, query, advance (got expect)');
    invalid(`${head}steps:\n  - 5\n`, 'step 1: expected an object');
    invalid(`${head}steps:\n  - tx: { from: alice, call: proverPool.exit }\n    expectError: bad_code\n`, 'step 1 field expectError', 'UPPER_SNAKE_CASE');
    invalid(`${head}steps:\n  - advance: { seconds: -5 }\n`, 'step 1 (advance) field advance.seconds', 'non-negative integer, got -5');
    invalid(`${head}steps:\n  - advance: { seconds: 5, to: { time: 9 } }\n`, 'step 1 field advance', 'either seconds/blocks or to');
    invalid(`${head}steps:\n  - advance: { blocks: 1, blockHash: "0x12" }\n`, 'step 1', 'blockHash', '32-byte hex');
    invalid(`${head}steps:\n  - tx: { from: alice, call: proverPool.exit, argz: {} }\n`, 'step 1 field tx', 'unknown field(s) argz');
    invalid(`${head}steps:\n  - tx: { from: alice, call: proverPool.exit }\n    expect: { events: [ { nam: Exited } ] }\n`, 'step 1', 'expect.events.0');
  });

  it('malformed files: top-level fields, YAML errors, duplicate keys, expectError with steps', () => {
    invalid(`${head}foo: 1\n`, 'field (top level): unknown field(s) foo');
    invalid('steps: []\n', 'field chain');
    invalid(`${head}steps: [\n`, 'not valid YAML');
    invalid(`${head}chain: {}\n`, 'not valid YAML', 'unique');
    const e = invalid(`${head}expectError: L1_INVALID_CONFIG\nsteps:\n  - note: x\n`, 'a scenario with a top-level expectError has no steps');
    assert.equal(e.details.field, 'expectError');
    assert.equal(parseScenario(`${head}expectError: L1_INVALID_CONFIG\n`).expectError, 'L1_INVALID_CONFIG');
  });

  it('validateScenario works on parsed JSON objects too', () => {
    assert.equal(validateScenario({ chain: { mechanisms: { proverPool: {} } }, steps: [{ note: 'x' }] }).steps!.length, 1);
    assert.throws(() => validateScenario({ chain: { mechanisms: {} }, steps: [{ tx: { from: 'a', call: 'x' } }] }, 'j.json'), (e: unknown) => e instanceof StakeworksError && e.code === 'SCENARIO_INVALID' && /^j\.json: step 1 field tx\.call/.test(e.message));
  });

  it('files: YAML and JSON load; a missing file is SCENARIO_INVALID', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stakeworks-load-'));
    const yamlFile = join(dir, 's.yaml');
    writeFileSync(yamlFile, `${head}steps:\n  - note: hi\n`);
    assert.deepEqual(loadScenarioFile(yamlFile).steps, [{ note: 'hi' }]);
    const jsonFile = join(dir, 's.json');
    writeFileSync(jsonFile, JSON.stringify({ chain: { mechanisms: { proverPool: {} } }, genesis: { balances: { alice: { TKO: '5' } } } }).replace('"5"', '123456789012345678901234567890'));
    assert.equal(loadScenarioFile(jsonFile).genesis?.balances?.alice?.TKO, 123_456_789_012_345_678_901_234_567_890n);
    assert.throws(() => loadScenarioFile(join(dir, 'nope.yaml')), (e: unknown) => e instanceof StakeworksError && e.code === 'SCENARIO_INVALID' && e.message.includes('cannot read'));
  });
});

describe('fractions: only inside an expect', () => {
  const query = (expect: string) => `${head}steps:\n  - query: { call: proverPool.metrics }\n    expect: ${expect}\n`;
  it('YAML: a fraction or exponent inside expect is a float, nested or not', () => {
    const s = parseScenario(query('{ gini: 0.25, hhi: 2.5e-1, lorenz: [[0, 0], [0.5, 0.125]] }'));
    const step = s.steps![0] as unknown as { expect: { gini: number; hhi: number; lorenz: number[][] } };
    assert.equal(step.expect.gini, 0.25);
    assert.equal(step.expect.hhi, 0.25);
    assert.deepEqual(step.expect.lorenz[1], [0.5, 0.125]);
  });
  it('JSON: the same', () => {
    const text = JSON.stringify({ chain: { mechanisms: { proverPool: { preset: 'taiko-a4' } } }, steps: [{ query: { call: 'proverPool.metrics' }, expect: { gini: 0.25 } }] });
    const s = parseScenario(text.replace('0.25', '2.5e-1'), 'f.json');
    assert.equal((s.steps![0] as unknown as { expect: { gini: number } }).expect.gini, 0.25);
  });
  it('a fraction anywhere else, or a non-finite number, is refused with its place', () => {
    invalid(`${head}steps:\n  - tx: { from: alice, call: proverPool.stake, args: { amount: 1.5, rewardPerGas: 10, maxCapacity: 32 } }\n`, 'step 1 field tx.args.amount', '1.5 is not an integer', 'allowed only inside an expect');
    invalid(query('{ gini: .inf }'), '.inf is not an integer');
    invalid(query('{ gini: 1e999 }'), '1e999 is not an integer');
    assert.throws(
      () => parseScenario(JSON.stringify({ chain: { mechanisms: { proverPool: {} } }, genesis: { time: 1.5 } }), 'f.json'),
      (e: unknown) => e instanceof StakeworksError && e.message.includes('1.5 is not an integer') && e.message.includes('allowed only inside expect'),
    );
  });
});
