/**
 * One row of the benchmark table (`npm run bench`): a measured value beside its floor, the same
 * work done by the bare primitive (the keccak, the data structure) with no engine around it, so
 * that a row reads as "how far from the floor", which survives a noisy, shared machine better
 * than absolute times. Both are measured in the same run.
 */
export interface BenchRow {
  row: string;
  value: number;
  /** `µs`, `ms` (time per operation: lower is better) or `×` (a ratio: higher is better). */
  unit: string;
  floorLabel?: string;
  floorValue?: number;
  /** The target, as text (`≤ 6 µs`), and whether the value meets it. */
  target?: { text: string; met: boolean };
  /** Extra, e.g. the throughput a time per operation means. */
  note?: string;
}

/**
 * Median time per operation in µs of `runs` timed batches of `n` calls each, after one untimed
 * warm-up batch (the compiler's tiers settle). `fn(i)` gets the call's index across all batches.
 * Wall-clock time is read here, in the bench, never inside the engine.
 */
export function medianMicros(n: number, runs: number, fn: (i: number) => void): number {
  let i = 0;
  for (let k = 0; k < n; k++) fn(i++);
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    for (let k = 0; k < n; k++) fn(i++);
    times.push(((performance.now() - t0) * 1000) / n);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Fixed-width text table of rows (what `npm run bench` prints). */
export function formatTable(rows: readonly BenchRow[]): string {
  const fmt = (v: number | undefined, unit = '') => (v === undefined ? '' : `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} ${unit}`.trim());
  const cells = rows.map((r) => [
    r.row,
    fmt(r.value, r.unit),
    r.floorLabel ?? '',
    fmt(r.floorValue, r.floorValue === undefined ? '' : r.unit),
    r.floorValue && r.unit !== '×' ? `${(r.value / r.floorValue).toFixed(1)}×` : '',
    r.target ? `${r.target.text} ${r.target.met ? 'met' : 'NOT met'}` : '',
    r.note ?? '',
  ]);
  const head = ['benchmark', 'value', 'floor', 'floor value', 'vs floor', 'target', 'note'];
  const widths = head.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c]!.length)));
  const line = (row: string[]) => row.map((x, c) => (c === 1 || c === 3 || c === 4 ? x.padStart(widths[c]!) : x.padEnd(widths[c]!))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
