import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkMetricNames, parseMetricName } from './metricNames.js';

describe('metric names', () => {
  it('parse every form', () => {
    assert.deepEqual(parseMetricName('proverPool.nakamoto33'), { kind: 'distribution', name: 'proverPool.nakamoto33', mechanism: 'proverPool', metric: 'nakamoto33' });
    assert.deepEqual(parseMetricName('stakePool.gini@pool'), { kind: 'distribution', name: 'stakePool.gini@pool', mechanism: 'stakePool', metric: 'gini', by: 'pool' });
    assert.deepEqual(parseMetricName('posEconomy.economy.issued'), { kind: 'economy', name: 'posEconomy.economy.issued', mechanism: 'posEconomy', field: 'issued' });
    assert.deepEqual(parseMetricName('proverPool.state.totals.rewards'), { kind: 'state', name: 'proverPool.state.totals.rewards', mechanism: 'proverPool', path: ['totals', 'rewards'] });
    assert.deepEqual(parseMetricName('processes.price'), { kind: 'process', name: 'processes.price', process: 'price' });
    assert.deepEqual(parseMetricName('agents.prover.profit@p50'), { kind: 'agent', name: 'agents.prover.profit@p50', group: 'prover', field: 'profit', aggregate: 'p50' });
  });

  it('refuse malformed names with what is allowed', () => {
    assert.equal(parseMetricName('gini'), 'expected <mechanism>.<metric>, <mechanism>.economy.<field>, <mechanism>.state.<field>, processes.<name> or agents.<group>.<field>');
    assert.equal(parseMetricName('a.gini@x@y'), 'at most one @');
    assert.equal(parseMetricName('proverPool.lorenz'), 'unknown metric "lorenz": the distribution metrics are entities, total, nakamoto33, nakamoto50, nakamoto67, top1Share, top5Share, gini, hhi, hhiPoints, entropyBits, effectiveEntities, minStakeToAttack33, minStakeToAttack50, costToAttack33, costToAttack50 (or use economy.<field>, state.<field>)');
    assert.equal(parseMetricName('processes.price@sum'), 'expected processes.<name>');
    assert.equal(parseMetricName('agents.prover'), 'expected agents.<group>.<field>, optionally with @sum, @min, @max or @p50');
    assert.equal(parseMetricName('proverPool.economy.staked@x'), 'expected proverPool.economy.<field> (supply, staked, issued, burned, rewardsToStakers, feesPaid, feesBurned, slashed)');
    assert.equal(parseMetricName('proverPool.gini.x'), 'expected proverPool.<metric>[@by], proverPool.economy.<field> or proverPool.state.<field>');
    assert.equal(parseMetricName('proverPool.-gini'), 'expected dot-separated names of letters, digits and _');
  });

  it('without a chain, by and state fields are left for run time', () => {
    const r = checkMetricNames(['proverPool.gini@anything', 'proverPool.state.anything'], { mechanisms: ['proverPool'], processes: [], groups: [] });
    assert.deepEqual(r.problems, []);
    assert.equal(r.metrics.length, 2);
  });
});
