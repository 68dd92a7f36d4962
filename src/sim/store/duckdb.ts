// The DuckDB results store (simulator.md §2.1): one embedded `.duckdb` file, rows appended
// through DuckDB's Appender, one transaction per batch, nothing buffered here.
import { DuckDBAppender, DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { dirname } from 'node:path';
import { existsSync } from 'node:fs';
import {
  jobKey,
  pointValueText,
  ResultsStoreError,
  type PointRow,
  type ResultsStore,
  type RunRow,
  type RunStatus,
  type SampleRow,
  type SweepInfo,
} from './store.js';

/** An SQL identifier, quoted: swept paths such as `agents.prover.count` are column names as they are. */
export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;
/** An SQL string literal (COPY and PRAGMA take no parameters). */
export const quoteLiteral = (text: string): string => `'${text.replaceAll("'", "''")}'`;

// Fixed columns of `points`, `samples` and `runs` that a swept path must not shadow in `results`.
const RESERVED = new Set(['sweep_id', 'point', 'run', 'block', 'time', 'metric', 'value', 'value_exact']);

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sweeps (
  sweep_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, file_sha256 VARCHAR NOT NULL,
  file_json VARCHAR NOT NULL, engine_version VARCHAR NOT NULL,
  started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS points (
  sweep_id VARCHAR NOT NULL, point INTEGER NOT NULL, PRIMARY KEY (sweep_id, point));
CREATE TABLE IF NOT EXISTS runs (
  sweep_id VARCHAR NOT NULL, point INTEGER NOT NULL, run INTEGER NOT NULL, seed VARCHAR NOT NULL,
  status VARCHAR NOT NULL CHECK (status IN ('ok', 'failed')), error VARCHAR, blocks BIGINT NOT NULL,
  wall_ms DOUBLE NOT NULL, final_state_root VARCHAR, PRIMARY KEY (sweep_id, point, run));
CREATE TABLE IF NOT EXISTS samples (
  sweep_id VARCHAR NOT NULL, point INTEGER NOT NULL, run INTEGER NOT NULL, block BIGINT NOT NULL,
  time BIGINT NOT NULL, metric VARCHAR NOT NULL, value DOUBLE, value_exact VARCHAR);
`;
// Star expansion is rebound at each query, so columns added to points later appear in it.
const VIEW = `CREATE OR REPLACE VIEW results AS
  SELECT s.*, p.* EXCLUDE (sweep_id, point) FROM samples s LEFT JOIN points p USING (sweep_id, point)`;

// Fixed columns, in order, checked at open so that a foreign file with the same table names is refused.
const COLUMNS: Record<string, string[]> = {
  sweeps: ['sweep_id', 'name', 'file_sha256', 'file_json', 'engine_version', 'started_at', 'finished_at'],
  points: ['sweep_id', 'point'],
  runs: ['sweep_id', 'point', 'run', 'seed', 'status', 'error', 'blocks', 'wall_ms', 'final_state_root'],
  samples: ['sweep_id', 'point', 'run', 'block', 'time', 'metric', 'value', 'value_exact'],
};

const sqlTimestamp = (d: Date): string => {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new ResultsStoreError(`not a valid date: ${String(d)}`);
  return d.toISOString().replace('Z', ''); // TIMESTAMP columns hold UTC
};

const checkIndex = (what: string, n: number): void => {
  if (!Number.isSafeInteger(n) || n < 0) throw new ResultsStoreError(`${what} must be a non-negative integer, got ${n}`);
};

export class DuckDBResultsStore implements ResultsStore {
  private instance: DuckDBInstance | undefined;
  private conn: DuckDBConnection | undefined;
  /** Swept paths of the sweeps begun on this handle (rows of other sweeps are refused). */
  private readonly sweeps = new Map<string, string[]>();

  constructor(readonly path: string) {}

  async open(): Promise<void> {
    if (this.conn) return;
    // DuckDB's own message does not always say which file; ours does.
    if (this.path !== ':memory:' && !existsSync(dirname(this.path) || '.')) {
      throw new ResultsStoreError(`cannot open results store ${this.path}: folder ${dirname(this.path)} does not exist`);
    }
    try {
      this.instance = await DuckDBInstance.create(this.path);
      this.conn = await this.instance.connect();
      await this.conn.run(SCHEMA);
      const found = (await this.conn.runAndReadAll(
        `SELECT table_name, list(column_name ORDER BY column_index) FROM duckdb_columns() WHERE schema_name = 'main' GROUP BY table_name`,
      )).getRowsJS();
      const byTable = new Map(found.map(([t, cols]) => [String(t), (cols as unknown[]).map(String)]));
      for (const [table, cols] of Object.entries(COLUMNS)) {
        const have = byTable.get(table)?.slice(0, cols.length) ?? [];
        if (have.join() !== cols.join()) throw new Error(`table ${table} has columns (${have.join(', ')}), not a Stakeworks results store`);
      }
      await this.conn.run(VIEW);
    } catch (e) {
      this.closeHandles();
      throw new ResultsStoreError(`cannot open results store ${this.path}: ${(e as Error).message}`, { cause: e });
    }
  }

  /** The open connection, for queries and export. */
  connection(): DuckDBConnection {
    if (!this.conn) throw new ResultsStoreError(`results store ${this.path} is not open`);
    return this.conn;
  }

  async beginSweep(s: SweepInfo): Promise<{ resumed: boolean }> {
    const c = this.connection();
    const paths = [...s.sweptPaths];
    const seen = new Set<string>();
    for (const p of paths) {
      // DuckDB identifiers are case-insensitive, even quoted.
      const key = p.toLowerCase();
      if (!p) throw new ResultsStoreError('a swept path is empty');
      if (RESERVED.has(key)) throw new ResultsStoreError(`swept path ${p} clashes with a column of the results store`);
      if (seen.has(key)) throw new ResultsStoreError(`swept paths differ only by case: ${p} (DuckDB column names ignore case)`);
      seen.add(key);
    }
    const existing = (await c.runAndReadAll('SELECT file_sha256, engine_version FROM sweeps WHERE sweep_id = $1', [s.sweepId])).getRowObjectsJS();
    const columns = new Map<string, string>(
      (await c.runAndReadAll(`SELECT column_name FROM duckdb_columns() WHERE table_name = 'points' AND schema_name = 'main'`))
        .getRowObjectsJS()
        .map((r) => [String(r.column_name).toLowerCase(), String(r.column_name)]),
    );
    for (const p of paths) {
      const col = columns.get(p.toLowerCase());
      if (col !== undefined && col !== p) throw new ResultsStoreError(`swept path ${p} clashes with column ${col} of an earlier sweep (DuckDB column names ignore case)`);
    }
    await this.inTransaction(async () => {
      for (const p of paths) if (!columns.has(p.toLowerCase())) await c.run(`ALTER TABLE points ADD COLUMN ${quoteIdent(p)} VARCHAR`);
      if (existing.length === 0) {
        await c.run(
          'INSERT INTO sweeps VALUES ($1, $2, $3, $4, $5, CAST($6 AS TIMESTAMP), NULL)',
          [s.sweepId, s.name, s.fileSha256, s.fileJson, s.engineVersion, sqlTimestamp(s.startedAt)],
        );
      } else {
        const [row] = existing;
        if (row.file_sha256 !== s.fileSha256) throw new ResultsStoreError(`cannot resume sweep ${s.sweepId} in ${this.path}: the simulation file changed (sha256 ${String(row.file_sha256)} recorded, ${s.fileSha256} now)`);
        if (row.engine_version !== s.engineVersion) throw new ResultsStoreError(`cannot resume sweep ${s.sweepId} in ${this.path}: recorded with engine ${String(row.engine_version)}, this is ${s.engineVersion}`);
        // Samples of a job interrupted before its runs row would be written twice on rerun.
        await c.run(
          `DELETE FROM samples s WHERE sweep_id = $1 AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.sweep_id = s.sweep_id AND r.point = s.point AND r.run = s.run)`,
          [s.sweepId],
        );
      }
    });
    this.sweeps.set(s.sweepId, paths);
    return { resumed: existing.length > 0 };
  }

  async writePoints(rows: readonly PointRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.append('points', (a) => {
      return (r: PointRow) => {
        const paths = this.sweepPaths(r.sweepId);
        checkIndex('point', r.point);
        const given = Object.keys(r.values);
        const missing = paths.filter((p) => !(p in r.values));
        const extra = given.filter((p) => !paths.includes(p));
        if (missing.length || extra.length) {
          throw new ResultsStoreError(`point ${r.point} of sweep ${r.sweepId}: values must be exactly the swept paths (missing: ${missing.join(', ') || 'none'}; unknown: ${extra.join(', ') || 'none'})`);
        }
        a.appendVarchar(r.sweepId);
        a.appendInteger(r.point);
        // Columns of the table, in table order: this sweep's paths or NULL for other sweeps' paths.
        for (const col of this.pointColumns) {
          const path = paths.find((p) => p.toLowerCase() === col.toLowerCase());
          const text = path === undefined ? null : pointValueText(r.values[path]);
          if (text === null) a.appendNull();
          else a.appendVarchar(text);
        }
        a.endRow();
      };
    }, async () => {
      const c = this.connection();
      this.pointColumns = (await c.runAndReadAll(
        `SELECT column_name FROM duckdb_columns() WHERE table_name = 'points' AND schema_name = 'main' ORDER BY column_index`,
      )).getRowObjectsJS().map((r) => String(r.column_name)).slice(2);
      // A resumed sweep writes its points again: same file (hash checked), same values, so replace.
      for (const r of rows) await c.run('DELETE FROM points WHERE sweep_id = $1 AND point = $2', [r.sweepId, r.point]);
    }, rows);
  }

  private pointColumns: string[] = [];

  async appendRuns(rows: readonly RunRow[]): Promise<void> {
    await this.append('runs', (a) => (r: RunRow) => {
      this.sweepPaths(r.sweepId);
      checkIndex('point', r.point);
      checkIndex('run', r.run);
      if (r.status !== 'ok' && r.status !== 'failed') throw new ResultsStoreError(`run status must be ok or failed, got ${String(r.status)}`);
      a.appendVarchar(r.sweepId);
      a.appendInteger(r.point);
      a.appendInteger(r.run);
      a.appendVarchar(r.seed);
      a.appendVarchar(r.status);
      if (r.error === null) a.appendNull();
      else a.appendVarchar(r.error);
      a.appendBigInt(BigInt(r.blocks));
      a.appendDouble(r.wallMs);
      if (r.finalStateRoot === null) a.appendNull();
      else a.appendVarchar(r.finalStateRoot);
      a.endRow();
    }, undefined, rows);
  }

  async appendSamples(rows: readonly SampleRow[]): Promise<void> {
    let lastSweep: string | undefined;
    await this.append('samples', (a) => (r: SampleRow) => {
      if (r.sweepId !== lastSweep) {
        this.sweepPaths(r.sweepId);
        lastSweep = r.sweepId;
      }
      a.appendVarchar(r.sweepId);
      a.appendInteger(r.point);
      a.appendInteger(r.run);
      a.appendBigInt(BigInt(r.block));
      a.appendBigInt(BigInt(r.time));
      a.appendVarchar(r.metric);
      const v = r.value;
      if (v === null) {
        a.appendNull();
        a.appendNull();
      } else if (typeof v === 'bigint') {
        a.appendDouble(Number(v));
        a.appendVarchar(v.toString());
      } else {
        a.appendDouble(v);
        a.appendNull();
      }
      a.endRow();
    }, undefined, rows);
  }

  async completedJobs(sweepId: string, statuses: readonly RunStatus[] = ['ok', 'failed']): Promise<Set<string>> {
    const done = new Set<string>();
    if (statuses.length === 0) return done;
    for (const s of statuses) if (s !== 'ok' && s !== 'failed') throw new ResultsStoreError(`run status must be ok or failed, got ${String(s)}`);
    const reader = await this.connection().runAndReadAll(
      `SELECT point, run FROM runs WHERE sweep_id = $1 AND status IN (${statuses.map(quoteLiteral).join(', ')})`,
      [sweepId],
    );
    for (const [point, run] of reader.getRowsJS()) done.add(jobKey(Number(point), Number(run)));
    return done;
  }

  async finishSweep(sweepId: string, finishedAt: Date): Promise<void> {
    const r = await this.connection().run('UPDATE sweeps SET finished_at = CAST($1 AS TIMESTAMP) WHERE sweep_id = $2', [sqlTimestamp(finishedAt), sweepId]);
    if (r.rowsChanged === 0) throw new ResultsStoreError(`no sweep ${sweepId} in ${this.path}`);
  }

  async close(): Promise<void> {
    this.closeHandles();
  }

  private closeHandles(): void {
    this.conn?.closeSync();
    this.instance?.closeSync();
    this.conn = undefined;
    this.instance = undefined;
  }

  private sweepPaths(sweepId: string): string[] {
    const p = this.sweeps.get(sweepId);
    if (!p) throw new ResultsStoreError(`sweep ${sweepId} was not begun on ${this.path} (call beginSweep first)`);
    return p;
  }

  /** One batch: `prepare` and one appender inside one transaction, so a failed batch leaves no rows. */
  private async append<R>(table: string, make: (a: DuckDBAppender) => (row: R) => void, prepare: (() => Promise<void>) | undefined, rows: readonly R[]): Promise<void> {
    if (rows.length === 0) return;
    const c = this.connection();
    await this.inTransaction(async () => {
      await prepare?.();
      const a = await c.createAppender(table);
      try {
        const add = make(a);
        for (const r of rows) add(r);
        a.flushSync();
      } catch (e) {
        a.clear();
        throw e instanceof ResultsStoreError ? e : new ResultsStoreError(`appending to ${table} in ${this.path}: ${(e as Error).message}`, { cause: e });
      } finally {
        a.closeSync();
      }
    });
  }

  private async inTransaction(body: () => Promise<void>): Promise<void> {
    const c = this.connection();
    await c.run('BEGIN TRANSACTION');
    try {
      await body();
      await c.run('COMMIT');
    } catch (e) {
      await c.run('ROLLBACK');
      throw e;
    }
  }
}
