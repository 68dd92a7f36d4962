// The results store of simulator.md §2.1, behind a small async interface so that the
// PostgreSQL store of §6 can implement the same calls (DuckDB is only the default).

/** One row of `sweeps`; `finishedAt` is set by `finishSweep`. */
export interface SweepInfo {
  sweepId: string;
  name: string;
  fileSha256: string;
  /** The simulation file as JSON text (replays need it). */
  fileJson: string;
  engineVersion: string;
  startedAt: Date;
  /** One `points` column per path, in this order. */
  sweptPaths: string[];
}

/** One row of `points`: the values of the swept paths at this point. */
export interface PointRow {
  sweepId: string;
  point: number;
  /** Keyed by swept path; exactly the sweep's `sweptPaths`. */
  values: Record<string, unknown>;
}

export type RunStatus = 'ok' | 'failed';

/** One row of `runs`, written when a job ends: its presence marks the job complete. */
export interface RunRow {
  sweepId: string;
  point: number;
  run: number;
  /** 0x-hex keccak seed of the job. */
  seed: string;
  status: RunStatus;
  /** Message, stack and replay command of a failed job; null when ok. */
  error: string | null;
  blocks: number;
  wallMs: number;
  finalStateRoot: string | null;
}

/**
 * One row of `samples`. A bigint value is an integer metric: it is stored exactly in
 * `value_exact` (decimal string) and as the nearest DOUBLE in `value`; a number goes to
 * `value` only (`value_exact` NULL); null stores NULL in both.
 */
export interface SampleRow {
  sweepId: string;
  point: number;
  run: number;
  block: number;
  time: number;
  metric: string;
  value: number | bigint | null;
}

export interface ResultsStore {
  /** Opens (creating if needed) the store and its schema. */
  open(): Promise<void>;
  /**
   * Records a sweep. Calling it again for an existing `sweepId` resumes it: the file hash and
   * engine version must match, and samples of jobs that never got a `runs` row are deleted.
   */
  beginSweep(sweep: SweepInfo): Promise<{ resumed: boolean }>;
  /** Each call is one batch in one transaction. Writing a point again replaces it (resume). */
  writePoints(rows: readonly PointRow[]): Promise<void>;
  /** A job writes its samples first and its runs row last: the runs row marks it complete. */
  appendRuns(rows: readonly RunRow[]): Promise<void>;
  appendSamples(rows: readonly SampleRow[]): Promise<void>;
  /** Job keys (`jobKey(point, run)`) that have a `runs` row with one of `statuses`. */
  completedJobs(sweepId: string, statuses?: readonly RunStatus[]): Promise<Set<string>>;
  finishSweep(sweepId: string, finishedAt: Date): Promise<void>;
  close(): Promise<void>;
}

/** The key of a job in `completedJobs`. */
export const jobKey = (point: number, run: number): string => `${point}/${run}`;

export class ResultsStoreError extends Error {
  override name = 'ResultsStoreError';
}

/**
 * How a swept value is written into its VARCHAR `points` column: exact for bigints and
 * decimal strings (token amounts beyond 2^53), strings as they are, anything else as JSON.
 */
export function pointValueText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ResultsStoreError(`swept value ${value} is not finite`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}
