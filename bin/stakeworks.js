#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('stakeworks is not built yet: run `npm run build` first.\n');
  process.exit(2);
}
const { buildProgram } = await import(entry.href);
await buildProgram().parseAsync(process.argv);
