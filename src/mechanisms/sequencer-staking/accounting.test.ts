import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addressOf, type Address } from '../../kernel/index.js';
import { Chain } from '../../chain/chain.js';
import { runCounts } from './accounting.js';

describe('block accounting (spec 7.2)', () => {
  it('closed-form run counts equal a height-by-height walk', () => {
    const pool = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map(addressOf);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 300 }), (size, a, len) => {
        const set = pool.slice(0, size);
        const b = a + len;
        const walk: Array<[Address, bigint]> = [];
        for (let k = a; k <= b; k++) {
          const p = set[k % size]!;
          const j = walk.findIndex(([x]) => x === p);
          if (j >= 0) walk[j] = [p, walk[j]![1] + 1n];
          else walk.push([p, 1n]);
        }
        assert.deepEqual(runCounts(set, a, b), walk);
      }),
      { numRuns: 300 },
    );
  });

  it('counts a produced epoch, halts on an empty set and resumes two heights after a new set', () => {
    const chain = Chain.build({ mechanisms: { sequencerStaking: { preset: 'morph-v0.4', initialStakers: ['first', 'second', 'third'] } } }, { time: 0, height: 1 });
    chain.advance({ seconds: 2 * 86400 });
    const e0 = chain.query('sequencerStaking.getEpochBlocks', { epoch: 0 }).result as { blockCount: bigint; sequencers: string[]; sequencerBlocks: bigint[] };
    // Heights 28801 … 57600 (τ in (86400, 172800]): 28800 blocks, 9600 each, first producer 28801 mod 3 = 1 → second.
    assert.equal(e0.blockCount, 28800n);
    assert.deepEqual(e0.sequencers, [addressOf('second'), addressOf('third'), addressOf('first')]);
    assert.deepEqual(e0.sequencerBlocks, [9600n, 9600n, 9600n]);
    // Remove every staker: the L2 halts two heights after the delivery.
    assert.ok(chain.tx('owner', 'sequencerStaking.removeStaker', { stakers: ['first', 'second', 'third'] }).ok);
    chain.advance({ blocks: 1 });
    const h = (chain.query('sequencerStaking.getL2Head').result as { l2Height: number }).l2Height;
    chain.advance({ seconds: 30 });
    const head = chain.query('sequencerStaking.getL2Head').result as { halted: boolean; produced: boolean; l2Height: number };
    assert.equal(head.l2Height, h + 10);
    assert.equal(head.halted, true);
    const e1 = chain.query('sequencerStaking.getEpochBlocks', { epoch: 1 }).result as { blockCount: bigint };
    assert.equal(e1.blockCount, BigInt(h + 1 - 57600), 'blocks up to h + 1 (the set changes at h + 2)');
    assert.deepEqual(chain.invariants(), []);
  });

  it('emits the genesis events of spec 5.5 in order (L1-3, L2-2, M-1, S-2)', () => {
    const chain = Chain.build(
      { mechanisms: { sequencerStaking: { preset: 'morph-v0.4', rewardPercentage: 11, gasLimitAddStaker: 22, gasLimitRemoveStakers: 33, initialStakers: ['first'] } } },
      { time: 43200, height: 1 },
    );
    const names = chain.events.since(0).filter((e) => e.mechanism === 'sequencerStaking').map((e) => e.name);
    assert.deepEqual(names, [
      'GasLimitAddStakerUpdated',
      'GasLimitRemoveStakersUpdated',
      'RewardPercentageUpdated',
      'Registered',
      'UpdateVerifier',
      'UpdateFinalizationPeriodSeconds',
      'UpdateProofWindow',
      'UpdateProofRewardPercent',
      'CommitBatch',
      'FinalizeBatch',
      'Transfer',
      'UpdateEpochInflationRate',
      'SequencerSetMaxSizeUpdated',
      'RewardStartTimeUpdated',
      'SequencerSetUpdated',
    ]);
    const first = chain.events.since(0).find((e) => e.name === 'GasLimitAddStakerUpdated')!;
    assert.deepEqual(first.args, { oldGasLimit: 0n, newGasLimit: 22n });
    assert.equal(chain.ledger.balanceOf('MORPH', addressOf('owner')), 10n ** 27n);
  });
});
