// `stakeworks sim export`: writes the `results` view (samples with their point's parameters)
// with DuckDB's COPY, so nothing passes through JavaScript memory.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import { DuckDBResultsStore, quoteLiteral } from './duckdb.js';
import { ResultsStoreError } from './store.js';

export type ExportFormat = 'parquet' | 'csv';

export interface ExportOptions {
  format: ExportFormat;
  /** Only this sweep; all sweeps of the file when absent. */
  sweepId?: string;
}

/**
 * Exports `results` from an open store, or from a `.duckdb` file opened read-only, to `out`.
 * Rows are ordered (sweep, point, run, block, metric) so the same store exports the same file.
 * Returns the number of rows written.
 */
export async function exportResults(source: DuckDBResultsStore | string, out: string, options: ExportOptions): Promise<number> {
  const { format } = options;
  if (format !== 'parquet' && format !== 'csv') throw new ResultsStoreError(`export format must be parquet or csv, got ${String(format)}`);
  let instance: DuckDBInstance | undefined;
  let conn: DuckDBConnection;
  if (typeof source === 'string') {
    if (!existsSync(source)) throw new ResultsStoreError(`cannot export ${source}: no such results store`);
    try {
      instance = await DuckDBInstance.create(source, { access_mode: 'READ_ONLY' });
      conn = await instance.connect();
    } catch (e) {
      instance?.closeSync();
      throw new ResultsStoreError(`cannot open results store ${source}: ${(e as Error).message}`, { cause: e });
    }
  } else {
    conn = source.connection();
  }
  try {
    const where = options.sweepId === undefined ? '' : ` WHERE sweep_id = ${quoteLiteral(options.sweepId)}`;
    const opts = format === 'parquet' ? 'FORMAT parquet' : 'FORMAT csv, HEADER true';
    const r = await conn.run(`COPY (SELECT * FROM results${where} ORDER BY sweep_id, point, run, block, metric) TO ${quoteLiteral(out)} (${opts})`);
    return Number(r.rowsChanged);
  } catch (e) {
    throw new ResultsStoreError(`cannot export results to ${out}: ${(e as Error).message}`, { cause: e });
  } finally {
    if (instance) {
      conn.closeSync();
      instance.closeSync();
    }
  }
}
