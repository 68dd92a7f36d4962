import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ScenarioError } from '../kernel/index.js';
import { fromRoot } from '../testing/repoRoot.js';
import { applyPoint, loadSimulation, loadSimulationFile, parseSimulation, parseSimulationFull } from './file.js';

const EXAMPLE = fromRoot('test/sim/prover-pool-decentralisation.yaml');

/** A small valid file; `extra` lines are appended at the top level. */
function yaml(extra = '', agents = AGENTS): string {
  return `name: t
chain: { mechanisms: { proverPool: { preset: staking-proposal } } }
genesis: { time: 1700000000, height: 1 }
duration: { blocks: 100 }
${agents}
${extra}`;
}
const AGENTS = `agents:
  - name: prover
    count: 4
    policy: proverPool.prover
    params: { stake: { lognormal: { median: "2000000000000", sigma: 1.0 } }, reliability: 0.98 }
processes:
  price: { gbm: { start: 1.0, volatility: 0.8 } }`;

/** The error message of parsing `text` (it must fail with a ScenarioError, never another kind). */
function problem(text: string, file = 'sim.yaml'): string {
  try {
    parseSimulation(text, file);
  } catch (e) {
    assert.ok(e instanceof ScenarioError, `not a ScenarioError: ${(e as Error).stack}`);
    assert.ok(!e.message.includes('    at '), 'no stack trace in the message');
    return e.message;
  }
  assert.fail('expected the file to be refused');
}

function includesAll(message: string, ...parts: string[]): void {
  for (const p of parts) assert.ok(message.includes(p), `${JSON.stringify(message)} lacks ${JSON.stringify(p)}`);
}

describe('simulation file: the spec example', () => {
  it('parses, typed, with defaults filled in', () => {
    const { simulation: s, metrics, points } = loadSimulation(EXAMPLE);
    assert.equal(s.name, 'does the staking proposal keep the prover pool decentralised?');
    assert.deepEqual(s.duration, { blocks: 50400 });
    assert.equal(s.blockSeconds, 12);
    assert.deepEqual(s.agents.map((a) => [a.name, a.count, a.policy]), [['prover', 48, 'proverPool.prover'], ['proposer', 1, 'proverPool.proposer']]);
    assert.deepEqual(s.agents[0]!.params!.stake, { lognormal: { median: '2000000000000', sigma: 1 } });
    assert.equal(s.agents[0]!.params!.reliability, 0.98);
    assert.deepEqual(s.agents[0]!.params!.rewardPerGas, { uniform: [6n, 14n] });
    assert.deepEqual(s.processes.price, { gbm: { start: 1, drift: 0, volatility: 0.8 } });
    assert.deepEqual(s.monteCarlo, { runs: 20, seed: '0x5eed' });
    assert.deepEqual(metrics.map((m) => m.kind), ['distribution', 'distribution', 'distribution', 'state', 'economy', 'agent']);
    assert.deepEqual(metrics[5], { kind: 'agent', name: 'agents.prover.profit', group: 'prover', field: 'profit', aggregate: 'mean' });
    assert.equal(points.length, 6);
    assert.deepEqual(points[1], { 'chain.mechanisms.proverPool.rewardOpenMultiplier': 150n, 'agents.prover.count': 32n });
    assert.deepEqual(loadSimulationFile(EXAMPLE), s);
  });

  it('applyPoint sets the values at their paths, validated, and leaves the input alone', () => {
    const { simulation: s, points } = loadSimulation(EXAMPLE);
    const p = applyPoint(s, points[5]!);
    assert.deepEqual(p.chain.mechanisms.proverPool, { preset: 'staking-proposal', rewardOpenMultiplier: 800n });
    assert.equal(p.agents[0]!.count, 64);
    assert.deepEqual(s.chain.mechanisms.proverPool, { preset: 'staking-proposal' });
    assert.equal(s.agents[0]!.count, 48);
    const q = applyPoint(s, { 'agents.prover.params.reliability': 0.5, 'genesis.time': 1800000000, 'duration.blocks': 7, 'processes.price': { ou: { start: 1, mean: 1, speed: 2, volatility: 0.1 } } });
    assert.equal(q.agents[0]!.params!.reliability, 0.5);
    assert.equal(q.genesis.time, 1800000000);
    assert.deepEqual(q.duration, { blocks: 7 });
    assert.deepEqual(q.processes.price, { ou: { start: 1, mean: 1, speed: 2, volatility: 0.1 } });
    assert.throws(() => applyPoint(s, { 'agents.prover.count': -1 }), /with the sweep point applied: agents\[0\]\.count: expected an integer from 0 to 100,000, got -1/);
  });

  it('JSON works the same, fractions included', () => {
    const s = parseSimulation(JSON.stringify({ name: 'j', chain: { mechanisms: { posEconomy: {} } }, duration: { seconds: 120 }, processes: { fee: { normal: [1.5, 0.25] } } }), 'j.json');
    assert.deepEqual(s.processes.fee, { normal: [1.5, 0.25] });
    assert.deepEqual(s.agents, []);
    assert.deepEqual(s.monteCarlo, { runs: 1, seed: '0x00' });
    assert.match(problem('{"name": "j", "x": 1e400}', 'j.json'), /^j\.json: field x, not valid JSON: line 1, column 20: 1e400 is not a finite number$/);
  });

  it('every value-spec form and process form is accepted', () => {
    const s = parseSimulation(yaml(`processes:
  a: 3
  b: { uniform: ["1", "10"] }
  c: { pareto: { scale: 1, shape: 1.5 } }
  d: { exponential: 2.5 }
  e: { choice: { values: [a, b], weights: [1, 3] } }
  f: { step: [ { at: 0, value: 1 }, { at: 50, value: 2.5 } ] }
  g: { ou: { start: 1, mean: 2, speed: 0.5, volatility: 0.2 } }`, 'agents: []'));
    assert.deepEqual(Object.keys(s.processes), ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    assert.deepEqual(s.processes.f, { step: [{ at: 0, value: 1n }, { at: 50, value: 2.5 }] });
  });
});

describe('simulation file: malformed input is refused with the file, the path and what is allowed', () => {
  it('a bad distribution parameter names its full path', () => {
    const m = problem(yaml('', AGENTS.replace('sigma: 1.0', 'sigma: -1')));
    assert.equal(m, 'sim.yaml: agents[0].params.stake.lognormal.sigma: must be at least 0, got the integer -1');
    includesAll(problem(yaml('', AGENTS.replace('lognormal', 'lognormale'))), 'sim.yaml: agents[0].params.stake: expected a literal, or one of { uniform: [a, b] }');
    includesAll(problem(yaml('', AGENTS.replace('reliability: 0.98', 'reliability: { uniform: [5, 1] }'))), 'agents[0].params.reliability.uniform: uniform [a, b] needs a ≤ b');
    includesAll(problem(yaml('', AGENTS.replace('reliability: 0.98', 'reliability: { choice: { values: [1, 2], weights: [1] } }'))), 'agents[0].params.reliability.choice: choice needs as many weights as values');
    includesAll(problem(yaml('', AGENTS.replace('reliability: 0.98', 'reliability: { choice: [] }'))), 'agents[0].params.reliability.choice: a choice needs at least one value');
    includesAll(problem(yaml('', AGENTS.replace('reliability: 0.98', 'reliability: { poisson: 2, normal: [1, 1] }'))), 'agents[0].params.reliability: expected a literal, or one of');
    includesAll(problem(yaml('processes:\n  p: { step: [ { at: 5, value: 1 } ] }', 'agents: []')), 'processes.p.step: a step schedule starts at block 0');
    includesAll(problem(yaml('processes:\n  p: { gbm: { start: 1 } }', 'agents: []')), 'processes.p.gbm.volatility: missing (required)');
  });

  it('unknown policy, negative count, duplicate group', () => {
    includesAll(problem(yaml('', AGENTS.replace('proverPool.prover', 'proverPool.lazy'))), 'agents[0].policy: unknown policy the text "proverPool.lazy": expected a built-in policy (proverPool.prover, proverPool.proposer', 'or a module path ./file.js#export');
    assert.equal(parseSimulation(yaml('', AGENTS.replace('proverPool.prover', './agents/my.js#lazyProver'))).agents[0]!.policy, './agents/my.js#lazyProver');
    assert.equal(problem(yaml('', AGENTS.replace('    policy: proverPool.prover\n', ''))), 'sim.yaml: agents[0].policy: missing (required)');
    includesAll(problem(yaml('', AGENTS.replace('proverPool.prover', 'agents/my.js#lazy'))), 'agents[0].policy: unknown policy the text "agents/my.js#lazy"');
    assert.equal(problem(yaml('', AGENTS.replace('count: 4', 'count: -3'))), 'sim.yaml: agents[0].count: expected an integer from 0 to 100,000, got -3');
    assert.equal(problem(yaml('', `${AGENTS.split('\nprocesses')[0]}\n  - name: prover\n    policy: proverPool.proposer`)), 'sim.yaml: agents[1].name: the group name prover is used twice (names make the agents\' accounts)');
    includesAll(problem(yaml('', AGENTS.replace('proverPool.prover', 'stakePool.owner'))), 'agents[0].policy: stakePool.owner needs stakePool in chain.mechanisms (the chain has proverPool)');
  });

  it('duplicate keys, integers written as fractions stay fine but unknown fields do not', () => {
    includesAll(problem(yaml('blockSeconds: 12\nblockSeconds: 6')), 'sim.yaml: field blockSeconds, line 13, column 1: not valid YAML: the key "blockSeconds" appears twice');
    includesAll(problem('{"name": "a", "name": "b"}', 's.json'), 's.json: ', 'the key "name" appears twice in one object');
    assert.equal(problem(yaml('steps: []')), 'sim.yaml: (top level): unknown field(s) steps');
    assert.equal(problem(yaml('', AGENTS.replace('count: 4', 'count: 2.5'))), 'sim.yaml: agents[0].count: expected an integer (a number, or a decimal string), got the number 2.5');
    includesAll(problem(yaml('monteCarlo: { runs: 3, seed: 12 }')), 'monteCarlo.seed: expected a text, got the integer 12');
  });

  it('unknown mechanism, unbuildable chain', () => {
    includesAll(problem(yaml('', 'agents: []').replace('proverPool: { preset: staking-proposal }', 'prover: {}')), 'chain.mechanisms.prover: unknown mechanism; the mechanisms are proverPool, sequencerStaking, stakePool, posEconomy');
    includesAll(problem(yaml('', 'agents: []').replace('preset: staking-proposal', 'preset: nope')), 'sim.yaml: chain: the chain cannot be built: ');
  });

  it('absurd sizes: runs, points, jobs, agents, duration', () => {
    assert.equal(problem(yaml('monteCarlo: { runs: 1000000 }')), 'sim.yaml: monteCarlo.runs: expected an integer from 1 to 100,000, got 1000000');
    assert.equal(problem(yaml('', 'agents: []').replace('blocks: 100', 'blocks: 100000001')), 'sim.yaml: duration.blocks: expected an integer from 1 to 100,000,000, got 100000001');
    assert.equal(problem(yaml('blockSeconds: 1', 'agents: []').replace('{ blocks: 100 }', '{ seconds: 100000001 }')), 'sim.yaml: duration.seconds: 100,000,001 seconds at 1 s per block is more than 100,000,000 blocks');
    const big = Array.from({ length: 100 }, (_, i) => i + 1).join(', ');
    assert.equal(
      problem(yaml(`sweep:\n  grid:\n    genesis.time: [${big}]\n    genesis.height: [${big}]\n    duration.blocks: [${big}]`)),
      'sim.yaml: sweep.grid: 100 × 100 × 100 = 1,000,000 points; a sweep has at most 100,000',
    );
    assert.equal(problem(yaml(`monteCarlo: { runs: 1000 }\nsweep:\n  grid:\n    genesis.time: [${big}]\n    duration.blocks: [${big}]`)), 'sim.yaml: monteCarlo.runs: 10,000 points × 1,000 runs = 10,000,000 jobs; at most 1,000,000');
    assert.equal(problem(yaml('sweep:\n  zip:\n    agents.prover.count: [60000, 100000]', `${AGENTS.split('\nprocesses')[0]}\n  - name: other\n    count: 1000\n    policy: greedyCoalition`)), 'sim.yaml: agents: 101,000 agents in all (at the largest swept counts); at most 100,000');
  });

  it('sweeps: unknown paths, bad values, zip length mismatch', () => {
    assert.equal(problem(yaml('sweep:\n  grid:\n    chain.mechanisms.proverPool.rewardOpenMultipler: [150]')).split(' (it has')[0], 'sim.yaml: sweep.grid.chain.mechanisms.proverPool.rewardOpenMultipler: unknown sweep path: chain.mechanisms.proverPool has no "rewardOpenMultipler"');
    assert.equal(problem(yaml('sweep:\n  grid:\n    chain.mechanisms.stakePool.cap: [1]')), 'sim.yaml: sweep.grid.chain.mechanisms.stakePool.cap: unknown sweep path: no mechanism "stakePool" in the chain (mechanisms: proverPool)');
    assert.equal(problem(yaml('sweep:\n  grid:\n    agents.provers.count: [1]')), 'sim.yaml: sweep.grid.agents.provers.count: unknown sweep path: no agent group "provers" (groups: prover)');
    assert.equal(problem(yaml('sweep:\n  grid:\n    agents.prover.params.patience: [1]')), 'sim.yaml: sweep.grid.agents.prover.params.patience: unknown sweep path: agents.prover.params has no "patience" (it has stake, reliability)');
    assert.equal(problem(yaml('sweep:\n  grid:\n    processes.fee: [1]')), 'sim.yaml: sweep.grid.processes.fee: unknown sweep path: processes has no "fee" (it has price)');
    assert.equal(problem(yaml('sweep:\n  grid:\n    duration.seconds: [1]')), 'sim.yaml: sweep.grid.duration.seconds: unknown sweep path: duration has no "seconds" (it has blocks)');
    assert.equal(problem(yaml('sweep:\n  grid:\n    metrics.every: [1]')), 'sim.yaml: sweep.grid.metrics.every: unknown sweep path: cannot sweep "metrics": sweep paths start with chain.mechanisms, agents, processes, genesis, duration or blockSeconds');
    assert.equal(problem(yaml('sweep:\n  grid:\n    agents.prover.count: [4, -1]')), 'sim.yaml: sweep.grid.agents.prover.count[1]: agents[0].count: expected an integer from 0 to 100,000, got -1');
    includesAll(problem(yaml('sweep:\n  grid:\n    agents.prover.params.reliability: [{ normal: [1, -1] }]')), 'sweep.grid.agents.prover.params.reliability[0]: agents[0].params.reliability.normal[1]: must be at least 0');
    assert.equal(problem(yaml('sweep:\n  zip:\n    genesis.time: [1, 2, 3]\n    agents.prover.count: [1, 2]')), 'sim.yaml: sweep.zip: the lists must have equal lengths (genesis.time: 3, agents.prover.count: 2)');
    assert.equal(problem(yaml('sweep:\n  grid:\n    genesis.time: []')), 'sim.yaml: sweep.grid.genesis.time: a swept path needs at least one value');
  });

  it('parameters of the preset are sweepable even when the file does not set them; their checks still run', () => {
    const s = parseSimulationFull(yaml('sweep:\n  zip:\n    chain.mechanisms.proverPool.rewardOpenMultiplier: [150, 800]\n    genesis.height: [5, 6]'));
    assert.deepEqual(s.points, [
      { 'chain.mechanisms.proverPool.rewardOpenMultiplier': 150n, 'genesis.height': 5n },
      { 'chain.mechanisms.proverPool.rewardOpenMultiplier': 800n, 'genesis.height': 6n },
    ]);
  });

  it('metrics: unknown mechanism, metric, field, by, process, group', () => {
    const m = problem(yaml(`metrics:
  every: 10
  record: [stakePool.gini, proverPool.ginni, proverPool.economy.minted, proverPool.gini@pool, proverPool.state.nope, processes.fee, agents.provers.profit, agents.prover.profit@avg, processes.fee]`));
    assert.equal(
      m.replace(/(numeric field "nope") \(it has [^)]*\)/, '$1 (it has …)'),
      [
        'sim.yaml: metrics.record[0]: "stakePool.gini": no mechanism "stakePool" in the chain (mechanisms: proverPool)',
        'metrics.record[1]: "proverPool.ginni": unknown metric "ginni": the distribution metrics are entities, total, nakamoto33, nakamoto50, nakamoto67, top1Share, top5Share, gini, hhi, hhiPoints, entropyBits, effectiveEntities, minStakeToAttack33, minStakeToAttack50, costToAttack33, costToAttack50 (or use economy.<field>, state.<field>)',
        'metrics.record[2]: "proverPool.economy.minted": unknown economy field "minted": the fields are supply, staked, issued, burned, rewardsToStakers, feesPaid, feesBurned, slashed',
        'metrics.record[3]: "proverPool.gini@pool": proverPool has no distribution "pool" (it has prover)',
        'metrics.record[4]: "proverPool.state.nope": proverPool.getState has no numeric field "nope" (it has …)',
        'metrics.record[5]: "processes.fee": no process "fee" in the file (processes: price)',
        'metrics.record[6]: "agents.provers.profit": no agent group "provers" in the file (groups: prover)',
        'metrics.record[7]: "agents.prover.profit@avg": unknown aggregate @avg: expected @sum, @min, @max or @p50 (the mean without one)',
        'metrics.record[8]: "processes.fee": listed twice',
      ].join('\n  '),
    );
    includesAll(m, '(it has feePerGas, avgProofDelay, numOpenBlocks');
    const ok = parseSimulationFull(yaml('metrics: { every: 1, record: [proverPool.gini@prover, agents.prover.stake@p50, processes.price, proverPool.state.feePerGas] }'));
    assert.deepEqual(ok.metrics.map((x) => x.name), ['proverPool.gini@prover', 'agents.prover.stake@p50', 'processes.price', 'proverPool.state.feePerGas']);
  });

  it('file errors: missing file, folder', () => {
    assert.throws(() => loadSimulationFile('/nonexistent/sim.yaml'), { message: '/nonexistent/sim.yaml: cannot read (ENOENT)' });
    assert.throws(() => loadSimulationFile(fromRoot('test/sim')), { message: `${fromRoot('test/sim')}: is a folder, not a simulation file` });
  });
});

it('a swept parameter value that the mechanism refuses fails at load, naming the value', () => {
  const m = problem(yaml('sweep:\n  grid:\n    chain.mechanisms.proverPool.rewardOpenMultiplier: [150, 50]'));
  assert.ok(m.startsWith('sim.yaml: sweep.grid.chain.mechanisms.proverPool.rewardOpenMultiplier[1]: the chain cannot be built with this value: '), m);
  includesAll(m, 'rewardOpenMultiplier ≥ 100');
});

it('numbers: fractions allowed, other forms refused; duration needs one form', () => {
  assert.equal(problem(yaml('', AGENTS.replace('0.98', '.nan'))), 'sim.yaml: field agents.0.params.reliability, line 9, column 91: .nan is not a number in decimal form (no sign but -, leading zeros, hex, .nan or .inf)');
  includesAll(problem(yaml('', AGENTS.replace('0.98', '0x10'))), '0x10 is not a number in decimal form');
  assert.equal(problem(yaml('').replace('{ blocks: 100 }', '{ blocks: 1, seconds: 2 }')), 'sim.yaml: duration: expected { blocks: N } or { seconds: N }, got an object');
  assert.equal(problem(yaml('').replace('{ blocks: 100 }', '{ blocks: 0 }')), 'sim.yaml: duration.blocks: expected an integer from 1 to 100,000,000, got 0');
});

// Quadratic copying took ≈ 10 s here; the test's timeout, not a timed assertion, catches a regression.
it('a long sweep is checked in linear time (each value without copying the lists)', { timeout: 30_000 }, () => {
  const values = Array.from({ length: 5000 }, (_, i) => i + 1).join(', ');
  const s = parseSimulationFull(yaml(`sweep:\n  zip:\n    agents.prover.count: [${values}]\n    duration.blocks: [${values}]`));
  assert.equal(s.points.length, 5000);
  assert.deepEqual(s.points[4999], { 'agents.prover.count': 5000n, 'duration.blocks': 5000n });
});
