import assert from 'node:assert/strict';
import { it } from 'node:test';
import { benchPosEconomy, economyChain, epochMicros } from '../../bench/posEconomy.epoch.js';

// The benchmark's workload on a small chain (timings are not asserted), so that it keeps running.
it('the posEconomy epoch benchmark runs its workload and leaves every invariant sound', () => {
  assert.ok(Number.isFinite(epochMicros(50, 3, 1)));
  const chain = economyChain(50);
  assert.ok(chain.advance({ seconds: 384 * 2, blocks: 1 }).ok);
  assert.deepEqual(chain.invariants(), []);
  assert.equal(typeof benchPosEconomy, 'function');
});
