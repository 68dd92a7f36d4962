import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lifecycleMicros, pairMicros } from './proverPool.draws.js';
import { formatTable, medianMicros } from './row.js';

// The benchmarks' own checks, on a few hundred operations (timings are not asserted).
describe('bench table (short version)', () => {
  it('the prover-pool rows run their workloads and checks', () => {
    assert.ok(Number.isFinite(pairMicros(32, 200, 1)));
    assert.ok(Number.isFinite(pairMicros(1_000, 200, 1)));
    assert.ok(Number.isFinite(lifecycleMicros(300, 1)));
  });
  it('medianMicros runs the warm-up and every batch, indices running on', () => {
    const seen: number[] = [];
    medianMicros(3, 2, (i) => seen.push(i));
    assert.deepEqual(seen, [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
  it('formats rows with their floor ratio and target', () => {
    const text = formatTable([
      { row: 'a', value: 3, unit: 'µs', floorLabel: 'f', floorValue: 1.5, target: { text: '≤ 6 µs', met: true } },
      { row: 'b', value: 1.9, unit: '×', target: { text: '≥ 1.8×', met: true } },
    ]);
    const lines = text.split('\n');
    assert.equal(lines.length, 4);
    assert.match(lines[2]!, /^a\s+3\.00 µs\s+f\s+1\.50 µs\s+2\.0×\s+≤ 6 µs met$/);
    assert.match(lines[3]!, /^b\s+1\.90 ×\s+≥ 1\.8× met$/);
  });
});
