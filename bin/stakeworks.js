#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Piped into `head` and the like: a closed pipe ends the program quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('stakeworks is not built yet: run `npm run build` first.\n');
  process.exit(2);
}
const { buildProgram } = await import(entry.href);
try {
  await buildProgram().parseAsync(process.argv);
} catch (err) {
  // Errors of the command line itself (a bad flag value, an unknown mechanism, a missing folder)
  // and, should one escape, bugs: one line, no stack trace unless STAKEWORKS_DEBUG is set.
  const code = err && typeof err === 'object' && 'code' in err ? err.code : 'INTERNAL_ERROR';
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`stakeworks: ${code}: ${message}\n`);
  if (process.env.STAKEWORKS_DEBUG) process.stderr.write(`${err?.internalStack ?? err?.stack ?? ''}\n`);
  process.exitCode = code === 'INTERNAL_ERROR' ? 70 : 2;
}
