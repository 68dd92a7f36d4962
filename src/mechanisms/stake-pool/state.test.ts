import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressOf, Journal, keccakText, Store } from '../../kernel/index.js';
import { parseParams, presets } from './params.js';
import { StakePoolState } from './state.js';

describe('StakePoolState.boundWorkersSorted', () => {
  const params = parseParams(presets['phala-test-v1']);
  const [a, b, c] = ['w1', 'w2', 'w3'].map(keccakText) as [`0x${string}`, `0x${string}`, `0x${string}`];
  const miner = addressOf('m');

  it('follows binds and unbinds, in ascending worker id', () => {
    const j = new Journal();
    const s = new StakePoolState(new Store(j).scope('stakePool'), params);
    j.atomic(() => {
      s.bind(a, addressOf('ma'));
      s.bind(b, addressOf('mb'));
    });
    assert.deepEqual(s.boundWorkersSorted().map(([w]) => w), [a, b].sort());
    j.atomic(() => s.unbind(a, addressOf('ma')));
    assert.deepEqual(s.boundWorkersSorted().map(([w]) => w), [b]);
  });

  it('a cache computed inside a failed unit does not survive its rollback', () => {
    const j = new Journal();
    const s = new StakePoolState(new Store(j).scope('stakePool'), params);
    j.atomic(() => s.bind(a, addressOf('ma')));
    assert.deepEqual(s.boundWorkersSorted().map(([w]) => w), [a]);
    assert.throws(() =>
      j.atomic(() => {
        s.bind(c, miner);
        assert.equal(s.boundWorkersSorted().length, 2);
        throw new Error('revert');
      }),
    );
    assert.deepEqual(s.boundWorkersSorted().map(([w]) => w), [a]);
    // A different change after the rollback is seen too (a fresh token, not a reused one).
    j.atomic(() => s.bind(b, addressOf('mb')));
    assert.deepEqual(s.boundWorkersSorted().map(([w]) => w), [a, b].sort());
  });
});
