import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { fromRoot } from '../testing/repoRoot.js';
import { scenarioJsonSchema } from './schema.js';

it('schema/scenario.schema.json is the one generated from the validator (npm run schema)', () => {
  const committed = JSON.parse(readFileSync(fromRoot('schema/scenario.schema.json'), 'utf8'));
  assert.deepEqual(committed, scenarioJsonSchema());
});
