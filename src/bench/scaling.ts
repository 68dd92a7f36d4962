/**
 * Two processes at once: the block lifecycle in one process alone, then in two processes started
 * together (one per core). The row is their combined throughput over the single process's: 2.0×
 * is perfect scaling. What takes it below is work V8 does beside the main thread (the garbage
 * collector's helpers, the optimising compiler), which on two cores competes with the other
 * process; less garbage per block is the lever.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { lifecycleMicros } from './proverPool.draws.js';
import type { BenchRow } from './row.js';

const run = promisify(execFile);
const self = fileURLToPath(import.meta.url);

async function child(): Promise<number> {
  const { stdout } = await run(process.execPath, [self, '--child']);
  return Number(stdout.trim());
}

export async function benchScaling(): Promise<BenchRow[]> {
  const alone = await child();
  const [a, b] = await Promise.all([child(), child()]);
  const ratio = (1 / a! + 1 / b!) / (1 / alone);
  return [
    {
      row: 'two processes at once (lifecycle)',
      value: ratio,
      unit: '×',
      floorLabel: 'perfect',
      floorValue: 2,
      target: { text: '≥ 1.8×', met: ratio >= 1.8 },
      note: `alone ${alone.toFixed(1)} µs/block; together ${a!.toFixed(1)} and ${b!.toFixed(1)}`,
    },
  ];
}

if (process.argv.includes('--child')) {
  process.stdout.write(`${lifecycleMicros(30_000, 5)}\n`);
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await benchScaling()) process.stdout.write(`${r.row}: ${r.value.toFixed(2)}× (${r.note})\n`);
}
