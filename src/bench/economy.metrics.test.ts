import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { benchMetrics, lcgEntries } from './economy.metrics.js';

// The benchmark's workload on a few thousand entities (timings are not asserted).
describe('economy metrics bench (short version)', () => {
  it('builds the same deterministic stakes every time, within [1, 10^24]', () => {
    const a = lcgEntries(1000);
    assert.deepEqual(a, lcgEntries(1000));
    assert.ok(a.every((e) => e.stake >= 1n && e.stake <= 10n ** 24n));
    assert.equal(new Set(a.map((e) => e.stake)).size, 1000);
  });
  it('returns its two rows in ms beside the sort floor', () => {
    const rows = benchMetrics(2000, 1);
    assert.equal(rows.length, 2);
    for (const r of rows) {
      assert.equal(r.unit, 'ms');
      assert.ok(Number.isFinite(r.value) && Number.isFinite(r.floorValue!));
      assert.match(r.floorLabel!, /^sort 2,000 bigints$/);
    }
  });
});
