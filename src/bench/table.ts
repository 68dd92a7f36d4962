/**
 * `npm run bench`: every engine benchmark as one table, each row beside its floor (see row.ts).
 * `npm run bench -- --only prover` runs the rows whose group name contains the word.
 * Rows run one after another in this process (the two-process row starts its own); a group that
 * fails prints its error and the rest still run.
 */
import { benchMetrics } from './economy.metrics.js';
import { benchKeccak } from './keccak.js';
import { benchPosEconomy } from './posEconomy.epoch.js';
import { benchProverPool } from './proverPool.draws.js';
import { formatTable, type BenchRow } from './row.js';
import { benchScaling } from './scaling.js';
import { benchBls } from './sequencerStaking.bls.js';
import { benchSequencerRanking } from './sequencerStaking.ranking.js';

const groups: Array<[string, () => BenchRow[] | Promise<BenchRow[]>]> = [
  ['keccak', benchKeccak],
  ['prover-pool', benchProverPool],
  ['sequencer', () => benchSequencerRanking()],
  ['bls', () => benchBls()],
  ['pos-economy', () => benchPosEconomy()],
  ['metrics', () => benchMetrics()],
  ['scaling', benchScaling],
];

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const rows: BenchRow[] = [];
for (const [name, bench] of groups) {
  if (only && !name.includes(only)) continue;
  process.stderr.write(`running ${name} …\n`);
  try {
    rows.push(...(await bench()));
  } catch (err) {
    process.stderr.write(`${name}: ${err instanceof Error ? err.message : String(err)}\n`);
  }
}
process.stdout.write(`${formatTable(rows)}\n`);
