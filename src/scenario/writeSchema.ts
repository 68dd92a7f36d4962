import { writeFileSync } from 'node:fs';
import { scenarioJsonSchema } from './schema.js';

/** `npm run schema`: regenerates schema/scenario.schema.json from the validator. */
writeFileSync('schema/scenario.schema.json', `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
process.stdout.write('wrote schema/scenario.schema.json\n');
