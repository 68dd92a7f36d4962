import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { scenarioJsonSchema } from '../src/scenario/schema.js';

it('schema/scenario.schema.json is the one generated from the validator (npm run schema)', () => {
  const committed = JSON.parse(readFileSync(new URL('../../schema/scenario.schema.json', import.meta.url), 'utf8'));
  assert.deepEqual(committed, scenarioJsonSchema());
});
