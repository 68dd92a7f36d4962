import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { z } from 'zod';
import { sample, valueSpecSchema, type SampleOptions, type ValueSpec } from './distributions.js';
import { stream, type Rng } from './rng.js';
import { jobSeed } from './seed.js';

const job = jobSeed('0x5eed', 0, 0);
const first = (name: string, spec: ValueSpec, options: SampleOptions = {}, n = 5) => {
  const r = stream(job, name, 0);
  return Array.from({ length: n }, () => sample(spec, r, options));
};
const mean = (name: string, spec: ValueSpec, n: number, options: SampleOptions = {}) => {
  const r = stream(job, `${name}/stats`, 0);
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const x = Number(sample(spec, r, options));
    sum += x;
    sq += x * x;
  }
  return { mean: sum / n, variance: sq / n - (sum / n) ** 2 };
};
const near = (x: number, target: number, tolerance: number) => assert.ok(Math.abs(x - target) <= tolerance, `${x} not within ${tolerance} of ${target}`);
const issues = (v: unknown) => {
  const r = valueSpecSchema.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('sim value specs: exact first draws of a fixed seed', () => {
  it('literals', () => {
    const r = stream(job, 'lit', 0);
    assert.equal(sample(0.98, r), 0.98);
    assert.equal(sample('320000', r), 320000n);
    assert.equal(sample('fast', r), 'fast');
    assert.equal(sample(true, r), true);
    assert.equal(sample(2.7, r, { integer: true }), 2);
    assert.equal(sample(2.7, r, { amount: true }), 2n);
    assert.equal(sample(-5, r, { amount: true }), 0n);
    assert.throws(() => sample('fast', r, { amount: true }), /token amount must be a number/);
  });
  it('uniform: integers inclusive, bigints for strings, floats otherwise', () => {
    assert.deepEqual(first('uniformInt', { uniform: [6, 14] }), [10, 11, 9, 13, 13]);
    assert.deepEqual(first('uniformBig', { uniform: ['1000000000000', '2000000000000'] }), [1360720081550n, 1740481914316n, 1234294998462n, 1962637078695n, 1026336567783n]);
    assert.deepEqual(first('uniformFloat', { uniform: [0.5, 1.5] }), [1.3937095177750063, 1.0908773293742737, 1.1329123618571968, 0.6197995296822715, 0.617178504801683]);
    assert.equal(typeof first('u', { uniform: [6, 14] }, { amount: true })[0], 'bigint');
    assert.equal(typeof first('u', { uniform: [0, 2 ** 60] })[0], 'bigint');
    assert.deepEqual(first('u', { uniform: ['-5', '-1'] }, { amount: true }), [0n, 0n, 0n, 0n, 0n]);
  });
  it('normal (Box–Muller), lognormal, pareto, exponential', () => {
    assert.deepEqual(first('normal', { normal: [3000000, 800000] }), [3211170.3788522556, 2624729.0067804316, 3008160.9108705157, 3077867.9065572857, 4455214.150089893]);
    assert.deepEqual(first('normalInt', { normal: [3000000, 800000] }, { integer: true }), [4234927, 2859829, 3311627, 1912770, 3090187]);
    assert.deepEqual(first('lognormal', { lognormal: { median: '2000000000000', sigma: 1.0 } }), [1155683427335n, 5506680551327n, 4348989230032n, 2465642843702n, 2304105319694n]);
    assert.deepEqual(first('pareto', { pareto: { scale: 1, shape: 2 } }), [2.674853160951012, 1.267542104481871, 1.9089933721289947, 1.1427812898854017, 7.082862975795141]);
    assert.deepEqual(first('exponential', { exponential: 10 }), [7.327622091282661, 16.961103010903646, 6.882767399152935, 14.3799426454204, 5.569574258944211]);
  });
  it('poisson (Knuth below 10, PTRS from 10), choice', () => {
    assert.deepEqual(first('poisson', { poisson: 2 }), [0, 0, 2, 1, 3]);
    assert.deepEqual(first('poissonLarge', { poisson: 150 }), [152, 144, 174, 138, 157]);
    assert.deepEqual(first('p0', { poisson: 0 }), [0, 0, 0, 0, 0]);
    assert.deepEqual(first('choice', { choice: [16, 32, 64] }), [16, 32, 16, 32, 32]);
    assert.deepEqual(first('weighted', { choice: { values: ['a', 'b', 'c'], weights: [1, 2, 7] } }), ['c', 'b', 'c', 'b', 'c']);
    assert.deepEqual(first('weightedFloat', { choice: { values: ['a', 'b', 'c'], weights: [0.1, 0.2, 0.7] } }), ['c', 'c', 'c', 'b', 'c']);
    assert.deepEqual(first('w0', { choice: { values: ['a', 'b'], weights: [0, 3] } }), ['b', 'b', 'b', 'b', 'b']);
    assert.deepEqual(first('ca', { choice: ['100', 7] }, { amount: true }).map((v) => typeof v), ['bigint', 'bigint', 'bigint', 'bigint', 'bigint']);
  });
});

describe('sim value specs: statistics over many draws', () => {
  const N = 20000;
  it('means and variances within loose bounds', () => {
    const u = mean('u', { uniform: [6, 14] }, N);
    near(u.mean, 10, 0.1);
    near(u.variance, (9 * 9 - 1) / 12, 0.2);
    near(mean('uf', { uniform: [0, 1] }, N).mean, 0.5, 0.01);
    const n = mean('n', { normal: [5, 2] }, N);
    near(n.mean, 5, 0.05);
    near(n.variance, 4, 0.15);
    near(mean('ln', { lognormal: { median: 1, sigma: 0.5 } }, N).mean, Math.exp(0.125), 0.02);
    near(mean('pa', { pareto: { scale: 1, shape: 3 } }, N).mean, 1.5, 0.03);
    near(mean('ex', { exponential: 4 }, N).mean, 4, 0.1);
    for (const lambda of [0.5, 2, 9.5, 10, 30, 1000]) {
      const p = mean(`po${lambda}`, { poisson: lambda }, N);
      near(p.mean, lambda, 0.04 * Math.sqrt(lambda) + 0.01);
      near(p.variance, lambda, 0.08 * lambda + 0.02);
    }
  });
  it('weighted choice follows its weights', () => {
    const r = stream(job, 'wc', 0);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < N; i++) counts[sample({ choice: { values: ['a', 'b', 'c'], weights: [1, 2, 7] } }, r) as string]++;
    near(counts.a / N, 0.1, 0.01);
    near(counts.b / N, 0.2, 0.015);
    near(counts.c / N, 0.7, 0.015);
  });
  it('amounts are non-negative bigints; integer uniforms stay in bounds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 0, max: 1e6 }), (i, m, sd) => {
        const r: Rng = stream(job, 'prop', i);
        const a = sample({ normal: [m, sd] }, r, { amount: true });
        assert.ok(typeof a === 'bigint' && a >= 0n);
        const u = sample({ uniform: [m, m + sd] }, r);
        assert.ok(typeof u === 'number' && Number.isInteger(u) && u >= m && u <= m + sd);
      }),
      { numRuns: 200 },
    );
  });
});

describe('sim value specs: the schema', () => {
  it('accepts the forms of simulator.md §1', () => {
    for (const v of [0.98, '100000000000000', true, 'proverPool.prover', { uniform: [6, 14] }, { uniform: ['1', '2'] }, { normal: [3000000, 800000] }, { lognormal: { median: '2000000000000', sigma: 1.0 } }, { pareto: { scale: 1, shape: 1.5 } }, { exponential: 5 }, { poisson: 2 }, { choice: [16, 32, 64] }, { choice: { values: ['a', 'b'], weights: [1, 3] } }]) {
      assert.deepEqual(issues(v), [], JSON.stringify(v));
    }
  });
  it('refuses with messages that name what is allowed', () => {
    assert.deepEqual(issues({}), [': a distribution has exactly one of uniform, normal, lognormal, pareto, exponential, poisson, choice; got none']);
    assert.deepEqual(issues({ uniform: [1, 2], normal: [1, 2] }), [': a distribution has exactly one of uniform, normal, lognormal, pareto, exponential, poisson, choice; got uniform and normal']);
    assert.deepEqual(issues({ gaussian: [1, 2] }), [': unknown distribution "gaussian": a value spec is a literal or exactly one of uniform, normal, lognormal, pareto, exponential, poisson, choice']);
    assert.deepEqual(issues({ normal: [1, -1] }), ['normal.1: must not be negative']);
    assert.deepEqual(issues({ lognormal: { median: 1, sigma: -1 } }), ['lognormal.sigma: must not be negative']);
    assert.deepEqual(issues({ lognormal: { median: 1 } }), ['lognormal.sigma: missing (required)']);
    assert.deepEqual(issues({ pareto: { scale: 0, shape: 1 } }), ['pareto.scale: must be greater than 0']);
    assert.deepEqual(issues({ pareto: { scale: 1, shape: -2 } }), ['pareto.shape: must be greater than 0']);
    assert.deepEqual(issues({ poisson: -1 }), ['poisson: must not be negative']);
    assert.deepEqual(issues({ exponential: '-3' }), ['exponential: must not be negative']);
    assert.deepEqual(issues({ uniform: [3, 1] }), ['uniform: the lower bound must not exceed the upper bound: [a, b] with a ≤ b']);
    assert.deepEqual(issues({ choice: { values: [1, 2], weights: [1] } }), ['choice: weights must have one entry per value (same length as values)']);
    assert.deepEqual(issues({ choice: { values: [1], weights: [-1] } }), ['choice.weights.0: must not be negative', 'choice: at least one weight must be greater than 0']);
    assert.ok(issues({ lognormal: { median: 1, sigma: 1, mu: 0 } }).length > 0);
    assert.deepEqual(issues({ uniform: ['1e5', 2] }), ['uniform.0: expected a number or a decimal string such as "320000" or "1.5" (no exponent)']);
    assert.deepEqual(issues({ exponential: 'ten' }), ['exponential: expected a number or a decimal string such as "320000" or "1.5" (no exponent)']);
    assert.ok(issues([1, 2])[0].startsWith(': expected a number, a text, true or false, or a distribution'));
    assert.ok(issues(null).length === 1 && issues(Infinity).length === 1);
  });
  it('has a JSON Schema: a literal or an object with exactly one distribution key', () => {
    const j = z.toJSONSchema(valueSpecSchema, { unrepresentable: 'any' }) as { anyOf: Record<string, unknown>[] };
    assert.equal(j.anyOf.length, 2);
    assert.deepEqual([j.anyOf[1].type, j.anyOf[1].minProperties, j.anyOf[1].maxProperties, j.anyOf[1].additionalProperties], ['object', 1, 1, false]);
    assert.deepEqual(Object.keys(j.anyOf[1].properties as object), ['uniform', 'normal', 'lognormal', 'pareto', 'exponential', 'poisson', 'choice']);
  });
});
