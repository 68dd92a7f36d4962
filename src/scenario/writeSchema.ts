import { writeFileSync } from 'node:fs';
import { simulationJsonSchema } from '../sim/schema.js';
import { scenarioJsonSchema } from './schema.js';

/** `npm run schema`: regenerates schema/scenario.schema.json and schema/simulation.schema.json from the validators. */
writeFileSync('schema/scenario.schema.json', `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
process.stdout.write('wrote schema/scenario.schema.json\n');
writeFileSync('schema/simulation.schema.json', `${JSON.stringify(simulationJsonSchema(), null, 2)}\n`);
process.stdout.write('wrote schema/simulation.schema.json\n');
