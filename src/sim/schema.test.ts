import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { fromRoot } from '../testing/repoRoot.js';
import { simulationJsonSchema } from './schema.js';

it('schema/simulation.schema.json is the one generated from the validator (npm run schema)', () => {
  const committed = JSON.parse(readFileSync(fromRoot('schema/simulation.schema.json'), 'utf8'));
  assert.deepEqual(committed, simulationJsonSchema());
});

it('stakeworks schema --sim prints it; without --sim, the scenario schema', () => {
  const bin = fromRoot('bin/stakeworks.js');
  const sim: { required: string[] } = JSON.parse(execFileSync(process.execPath, [bin, 'schema', '--sim'], { encoding: 'utf8' }));
  assert.deepEqual(sim, simulationJsonSchema());
  assert.deepEqual(sim.required, ['name', 'chain', 'duration']);
  const scenario = JSON.parse(execFileSync(process.execPath, [bin, 'schema'], { encoding: 'utf8' }));
  assert.deepEqual(scenario, JSON.parse(readFileSync(fromRoot('schema/scenario.schema.json'), 'utf8')));
});
