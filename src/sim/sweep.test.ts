import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSimulation } from './file.js';
import { expandSweep, pointCount, setPoint, SweepError, sweepPathProblem } from './sweep.js';

const SIM = parseSimulation(`name: s
chain: { mechanisms: { stakePool: {}, posEconomy: { preset: ethereum } } }
genesis: { time: 10 }
duration: { seconds: 3600 }
agents:
  - { name: owner, policy: stakePool.owner, params: { commission: 0 } }
`);

describe('sweep expansion', () => {
  it('grid: cartesian product in the file key order, last key fastest', () => {
    const points = expandSweep({ grid: { a: [1, 2], b: ['x', 'y', 'z'] } });
    assert.deepEqual(points, [
      { a: 1, b: 'x' }, { a: 1, b: 'y' }, { a: 1, b: 'z' },
      { a: 2, b: 'x' }, { a: 2, b: 'y' }, { a: 2, b: 'z' },
    ]);
    assert.equal(pointCount({ grid: { a: [1, 2], b: ['x', 'y', 'z'] } }), 6);
  });

  it('zip: element-wise, equal lengths or an error; no sweep: one empty point', () => {
    assert.deepEqual(expandSweep({ zip: { a: [1, 2], b: ['x', 'y'] } }), [{ a: 1, b: 'x' }, { a: 2, b: 'y' }]);
    assert.throws(() => expandSweep({ zip: { a: [1, 2], b: ['x'] } }), (e: unknown) => e instanceof SweepError && e.message === 'sweep.zip: the lists must have equal lengths (a: 2, b: 1)');
    assert.deepEqual(expandSweep(undefined), [{}]);
  });

  it('the point limit is checked before any point is built', () => {
    const ten = Array.from({ length: 10 }, (_, i) => i);
    assert.throws(() => expandSweep({ grid: { a: ten, b: ten, c: ten } }, 999), { message: 'sweep.grid: 10 × 10 × 10 = 1,000 points; at most 999' });
  });
});

describe('sweep paths', () => {
  it('parameters of the preset, set in the file or not', () => {
    assert.equal(sweepPathProblem(SIM, 'chain.mechanisms.posEconomy.preset'), undefined);
    assert.match(sweepPathProblem(SIM, 'chain.mechanisms.posEconomy.nope') ?? '', /^chain\.mechanisms\.posEconomy has no "nope" \(it has /);
    assert.equal(sweepPathProblem(SIM, 'genesis.height'), undefined, 'genesis.height is a documented optional value');
    assert.equal(sweepPathProblem(SIM, 'genesis.balances'), 'genesis has no "balances" (it has time, height)');
    assert.equal(sweepPathProblem(SIM, 'duration.seconds'), undefined);
    assert.equal(sweepPathProblem(SIM, 'blockSeconds'), undefined);
    assert.equal(sweepPathProblem(SIM, 'agents.owner.count'), undefined);
    assert.equal(sweepPathProblem(SIM, 'agents.owner.params.commission'), undefined);
    assert.equal(sweepPathProblem(SIM, 'agents.owner.policy'), 'expected agents.owner.count, agents.owner.params.<p> or agents.owner.balances.<asset>');
    assert.equal(sweepPathProblem(SIM, 'agents..count'), 'expected dot-separated names');
  });

  it('setPoint copies: the input simulation is unchanged', () => {
    const out = setPoint(SIM, { 'genesis.height': 5, 'agents.owner.params.commission': 100 }) as { genesis: unknown; agents: Array<{ params: unknown }> };
    assert.deepEqual(out.genesis, { time: 10, height: 5 });
    assert.deepEqual(out.agents[0]!.params, { commission: 100 });
    assert.deepEqual(SIM.genesis, { time: 10 });
    assert.deepEqual(SIM.agents[0]!.params, { commission: 0n });
    assert.throws(() => setPoint(SIM, { 'processes.x': 1 }), { message: 'sweep path processes.x: processes has no "x"' });
  });
});
