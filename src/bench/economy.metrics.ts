/**
 * Stake-distribution metrics benchmark (alone: node dist/src/bench/economy.metrics.js [entities]).
 * `distributionMetrics` on 100,000 entities with 18-decimal stakes (up to 10⁶ tokens, so past
 * 64 bits), given in random order (the sort's worst case; the query passes them sorted
 * descending, which the sort takes in O(n)). Floor: sorting the same 100,000 bigints alone,
 * with the same comparator, which every order-based metric needs at least once.
 */
import { pathToFileURL } from 'node:url';
import { distributionMetrics, type StakeEntry } from '../economy/metrics.js';
import { formatTable, medianMicros, type BenchRow } from './row.js';

/** Deterministic stakes in [1, 10²⁴] from a 64-bit LCG (no Math.random). */
export function lcgEntries(n: number, seed = 0x9e3779b97f4a7c15n): StakeEntry[] {
  let x = seed;
  const next = () => (x = (x * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn);
  const out: StakeEntry[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = { id: `e${i}`, stake: ((next() << 64n) | next()) % 10n ** 24n + 1n };
  return out;
}

const ascending = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

/** Median ms of one call, over `runs` timed calls after a warm-up. */
const medianMs = (runs: number, fn: () => void) => medianMicros(1, runs, fn) / 1000;

export function benchMetrics(entities = 100_000, runs = 7): BenchRow[] {
  const entries = lcgEntries(entities);
  const stakes = entries.map((e) => e.stake);
  let sink = 0;
  const floor = medianMs(runs, () => {
    sink += stakes.slice().sort(ascending).length;
  });
  const plain = medianMs(runs, () => {
    sink += distributionMetrics(entries, { decimals: 18 }).entities;
  });
  const full = medianMs(runs, () => {
    sink += distributionMetrics(entries, { decimals: 18, price: '2.50', lorenz: true }).lorenz!.length;
  });
  if (sink === 0) throw new Error('unreachable');
  const label = `sort ${entities.toLocaleString('en')} bigints`;
  const count = entities.toLocaleString('en');
  return [
    { row: `economy: distributionMetrics, ${count} entities`, value: plain, unit: 'ms', floorLabel: label, floorValue: floor },
    { row: `economy: distributionMetrics + price + lorenz, ${count} entities`, value: full, unit: 'ms', floorLabel: label, floorValue: floor },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const n = process.argv[2] ? Number(process.argv[2]) : 100_000;
  process.stdout.write(`${formatTable(benchMetrics(n))}\n`);
}
