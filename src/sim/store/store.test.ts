import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { DuckDBResultsStore } from './duckdb.js';
import { exportResults } from './export.js';
import { jobKey, ResultsStoreError, type SampleRow, type SweepInfo } from './store.js';

const dir = mkdtempSync(join(tmpdir(), 'stakeworks-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const PATHS = ['chain.mechanisms.proverPool.rewardOpenMultiplier', 'agents.prover.params.stake'];
const BIG = 123456789012345678901234567890n; // far beyond 2^53: only value_exact keeps it
const sweep = (sweepId: string, sweptPaths = PATHS): SweepInfo => ({
  sweepId, name: `sweep ${sweepId}`, fileSha256: 'ab'.repeat(32), fileJson: '{"name":"x"}',
  engineVersion: '0.1.0', startedAt: new Date('2026-12-02T10:00:00.000Z'), sweptPaths,
});
// 2 points x 3 runs x 4 blocks x 2 metrics: an integer metric (bigint) and a float one.
const samplesOf = (sweepId: string, point: number, run: number): SampleRow[] =>
  [0, 300, 600, 900].flatMap((block) => [
    { sweepId, point, run, block, time: 1700000000 + 12 * block, metric: 'proverPool.economy.rewardsToStakers', value: BIG + BigInt(point * 1000 + run * 100 + block) },
    { sweepId, point, run, block, time: 1700000000 + 12 * block, metric: 'proverPool.gini', value: 0.25 + point / 8 + run / 64 },
  ]);

async function query(db: string, sql: string): Promise<Record<string, unknown>[]> {
  const i = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
  const c = await i.connect();
  try {
    return (await c.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    c.closeSync();
    i.closeSync();
  }
}

async function writeSweep(store: DuckDBResultsStore, sweepId: string): Promise<void> {
  await store.beginSweep(sweep(sweepId));
  await store.writePoints([
    { sweepId, point: 0, values: { [PATHS[0]]: 150, [PATHS[1]]: '2000000000000000000000' } },
    { sweepId, point: 1, values: { [PATHS[0]]: 800, [PATHS[1]]: 2n ** 70n } },
  ]);
  for (const point of [0, 1]) {
    for (const run of [0, 1, 2]) {
      await store.appendSamples(samplesOf(sweepId, point, run)); // one batch per job
      await store.appendRuns([{
        sweepId, point, run, seed: `0x${'0'.repeat(63)}${run}`, status: point === 1 && run === 2 ? 'failed' : 'ok',
        error: point === 1 && run === 2 ? 'Error: boom\n  at agent' : null, blocks: 900, wallMs: 12.5, finalStateRoot: point === 1 && run === 2 ? null : `0x${'f'.repeat(64)}`,
      }]);
    }
  }
}

describe('DuckDB results store', () => {
  const db = join(dir, 'results.duckdb');

  it('writes a sweep and reads it back exactly through SQL', async () => {
    const store = new DuckDBResultsStore(db);
    await store.open();
    await writeSweep(store, 's1');
    await store.finishSweep('s1', new Date('2026-12-02T11:00:00.000Z'));
    await store.close();

    const [sw] = await query(db, `SELECT name, file_sha256, engine_version, strftime(started_at, '%Y-%m-%dT%H:%M:%S') s, strftime(finished_at, '%H:%M') f FROM sweeps`);
    assert.deepEqual(sw, { name: 'sweep s1', file_sha256: 'ab'.repeat(32), engine_version: '0.1.0', s: '2026-12-02T10:00:00', f: '11:00' });
    const counts = await query(db, `SELECT (SELECT count(*) FROM points) p, (SELECT count(*) FROM runs) r, (SELECT count(*) FROM samples) s`);
    assert.deepEqual(counts, [{ p: 2n, r: 6n, s: 48n }]);
    const exact = await query(db, `SELECT value, value_exact FROM samples WHERE point = 1 AND run = 2 AND block = 900 AND metric = 'proverPool.economy.rewardsToStakers'`);
    assert.deepEqual(exact, [{ value: Number(BIG + 2100n), value_exact: (BIG + 2100n).toString() }]);
    const gini = await query(db, `SELECT value, value_exact FROM samples WHERE point = 1 AND run = 1 AND block = 0 AND metric = 'proverPool.gini'`);
    assert.deepEqual(gini, [{ value: 0.25 + 1 / 8 + 1 / 64, value_exact: null }]);
    const failed = await query(db, `SELECT point, run, error, final_state_root FROM runs WHERE status = 'failed'`);
    assert.deepEqual(failed, [{ point: 1, run: 2, error: 'Error: boom\n  at agent', final_state_root: null }]);
  });

  it('the results view carries the swept columns on every row', async () => {
    const rows = await query(db, `SELECT point, "${PATHS[0]}" m, "${PATHS[1]}" stake, count(*) n FROM results GROUP BY ALL ORDER BY point`);
    assert.deepEqual(rows, [
      { point: 0, m: '150', stake: '2000000000000000000000', n: 24n },
      { point: 1, m: '800', stake: (2n ** 70n).toString(), n: 24n },
    ]);
    const numeric = await query(db, `SELECT sum(CAST("${PATHS[0]}" AS DOUBLE)) t FROM points`);
    assert.deepEqual(numeric, [{ t: 950 }]);
  });

  it('completedJobs lists the jobs with a runs row, for --resume', async () => {
    const store = new DuckDBResultsStore(db);
    await store.open();
    assert.deepEqual([...await store.completedJobs('s1')].sort(), ['0/0', '0/1', '0/2', '1/0', '1/1', '1/2']);
    assert.deepEqual((await store.completedJobs('s1', ['failed'])), new Set([jobKey(1, 2)]));
    assert.equal((await store.completedJobs('nope')).size, 0);
    // Resume: an interrupted job's samples (no runs row) are dropped so its rerun writes them once.
    assert.deepEqual(await store.beginSweep(sweep('s1')), { resumed: true });
    await store.appendSamples(samplesOf('s1', 1, 3));
    assert.deepEqual(await store.beginSweep(sweep('s1')), { resumed: true });
    const n = (await store.connection().runAndReadAll(`SELECT count(*) FROM samples WHERE sweep_id = 's1'`)).getRowsJS();
    assert.deepEqual(n, [[48n]]);
    // Points written again on resume replace themselves.
    await store.writePoints([{ sweepId: 's1', point: 1, values: { [PATHS[0]]: 800, [PATHS[1]]: 2n ** 70n } }]);
    const pts = (await store.connection().runAndReadAll(`SELECT point, "${PATHS[1]}" FROM points WHERE sweep_id = 's1' ORDER BY point`)).getRowsJS();
    assert.deepEqual(pts, [[0, '2000000000000000000000'], [1, (2n ** 70n).toString()]]);
    await assert.rejects(store.beginSweep({ ...sweep('s1'), fileSha256: 'cd'.repeat(32) }), /simulation file changed/);
    await store.close();
  });

  it('exports results to parquet and csv, read back through DuckDB', async () => {
    const pq = join(dir, 'r.parquet');
    const csv = join(dir, "it's.csv"); // a quote in the path is escaped
    assert.equal(await exportResults(db, pq, { format: 'parquet' }), 48);
    assert.equal(await exportResults(db, csv, { format: 'csv', sweepId: 's1' }), 48);
    const back = await query(db, `SELECT (SELECT count(*) FROM read_parquet('${pq}')) p, (SELECT count(*) FROM read_csv('${csv.replaceAll("'", "''")}')) c`);
    assert.deepEqual(back, [{ p: 48n, c: 48n }]);
    const exact = await query(db, `SELECT value_exact, "${PATHS[1]}" stake FROM read_csv('${csv.replaceAll("'", "''")}', all_varchar = true) WHERE point = '1' AND run = '2' AND block = '900' AND metric LIKE '%Stakers'`);
    assert.deepEqual(exact, [{ value_exact: (BIG + 2100n).toString(), stake: (2n ** 70n).toString() }]);
    const cols = await query(db, `SELECT count(*) n FROM read_parquet('${pq}') WHERE "${PATHS[0]}" = '800'`);
    assert.deepEqual(cols, [{ n: 24n }]);
  });

  it('reopening the file appends a second sweep with other swept paths', async () => {
    const store = new DuckDBResultsStore(db);
    await store.open();
    assert.deepEqual(await store.beginSweep(sweep('s2', ['agents.prover.count'])), { resumed: false });
    await store.writePoints([{ sweepId: 's2', point: 0, values: { 'agents.prover.count': 16 } }]);
    await store.appendSamples(samplesOf('s2', 0, 0));
    await store.close();
    const rows = await query(db, `SELECT sweep_id, count(*) n, any_value("agents.prover.count") c, any_value("${PATHS[0]}") m FROM results GROUP BY sweep_id ORDER BY sweep_id`);
    assert.deepEqual(rows, [{ sweep_id: 's1', n: 48n, c: null, m: '150' }, { sweep_id: 's2', n: 8n, c: '16', m: null }]);
  });

  it('appends 100,000 samples in batches, each batch its own transaction', async () => {
    // Memory: the store keeps no rows; a caller holds one batch (here 10,000 rows) at a time.
    const store = new DuckDBResultsStore(join(dir, 'many.duckdb'));
    await store.open();
    await store.beginSweep(sweep('m', []));
    const N = 100_000;
    const B = 10_000;
    for (let i = 0; i < N; i += B) {
      const rows: SampleRow[] = [];
      for (let j = i; j < i + B; j++) rows.push({ sweepId: 'm', point: 0, run: j % 10, block: j, time: j * 12, metric: 'x', value: 10n ** 20n + BigInt(j) });
      await store.appendSamples(rows);
    }
    const r = (await store.connection().runAndReadAll(`SELECT count(*), max(CAST(value_exact AS HUGEINT)) FROM samples`)).getRowsJS();
    assert.deepEqual(r, [[BigInt(N), 10n ** 20n + BigInt(N - 1)]]);
    // A job's runs row is written once: a second one fails the whole batch.
    const run = { sweepId: 'm', point: 0, run: 0, seed: '0x', status: 'ok' as const, error: null, blocks: 1, wallMs: 1, finalStateRoot: null };
    await store.appendRuns([run]);
    await assert.rejects(store.appendRuns([{ ...run, run: 1 }, run]), (e: Error) => e instanceof ResultsStoreError && /appending to runs/.test(e.message));
    assert.deepEqual(await store.completedJobs('m'), new Set(['0/0']));
    await store.close();
  });

  it('refuses bad input with errors that say what and where', async () => {
    const missing = join(dir, 'no-such-folder', 'x.duckdb');
    await assert.rejects(new DuckDBResultsStore(missing).open(), (e: Error) => e instanceof ResultsStoreError && e.message.includes(missing));
    const text = join(dir, 'not-a-db.duckdb');
    writeFileSync(text, 'hello, not a database\n'.repeat(400));
    await assert.rejects(new DuckDBResultsStore(text).open(), (e: Error) => e instanceof ResultsStoreError && e.message.includes(text));
    const foreign = join(dir, 'foreign.duckdb');
    const i = await DuckDBInstance.create(foreign);
    const c = await i.connect();
    await c.run('CREATE TABLE samples (x INTEGER)');
    c.closeSync();
    i.closeSync();
    await assert.rejects(new DuckDBResultsStore(foreign).open(), /foreign\.duckdb: table samples has columns \(x\), not a Stakeworks results store/);
    const store = new DuckDBResultsStore(join(dir, 'other.duckdb'));
    await store.open();
    await assert.rejects(store.appendSamples(samplesOf('zz', 0, 0)), /sweep zz was not begun/);
    await assert.rejects(store.beginSweep(sweep('a', ['point'])), /clashes/);
    await store.beginSweep(sweep('a'));
    await assert.rejects(store.writePoints([{ sweepId: 'a', point: 0, values: { [PATHS[0]]: 1 } }]), /missing: agents\.prover\.params\.stake/);
    // A failed batch leaves nothing: the batch is one transaction.
    await assert.rejects(store.appendRuns([
      { sweepId: 'a', point: 0, run: 0, seed: '0x', status: 'ok', error: null, blocks: 1, wallMs: 1, finalStateRoot: null },
      { sweepId: 'a', point: 0, run: -1, seed: '0x', status: 'ok', error: null, blocks: 1, wallMs: 1, finalStateRoot: null },
    ]), /run must be a non-negative integer/);
    assert.equal((await store.completedJobs('a')).size, 0);
    await store.close();
  });
});
