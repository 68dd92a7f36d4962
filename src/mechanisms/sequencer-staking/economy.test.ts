import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Chain } from '../../chain/chain.js';
import { toJson } from '../../kernel/index.js';

/**
 * economy §2 for sequencer staking, exact values: MORPH (inflation issued, epoch rewards credited
 * at recording, the owner's burns) and ETH (slashed stake), on the R-1 timeline (spec 15.5).
 * Epoch 0's inflation is 10^27 × 1,596,535,874,529 / 10^16 = 159,653,587,452,900,000,000,000;
 * each of the three sequencers gets inflation × 33,333,333 / 10^8 = 53,217,861,952,121,375,157,000.
 */
const E = 10n ** 18n;
const I0 = 159_653_587_452_900_000_000_000n;
const CREDITED0 = 3n * 53_217_861_952_121_375_157_000n;
const zeros = { issued: '0', burned: '0', rewardsToStakers: '0', feesPaid: '0', feesBurned: '0', slashed: '0' };
const S = 'sequencerStaking.';
const HASH = `0x${'11'.repeat(32)}`;

function must(o: { ok: boolean; error?: { code: string; message: string } }) {
  assert.ok(o.ok, `${o.error?.code} ${o.error?.message}`);
}

function economy(chain: Chain, asset?: string) {
  const out = chain.query('sequencerStaking.economy', asset === undefined ? {} : { asset });
  assert.ok(out.ok, out.error?.message);
  return toJson(out.result);
}

const epoch = (index: number, commission: number) => ({
  index,
  blockCount: 28800,
  sequencers: ['first', 'second', 'third'],
  sequencerBlocks: [9600, 9600, 9600],
  sequencerRatios: [33333333, 33333333, 33333333],
  sequencerCommissions: [commission, commission, commission],
});

describe('sequencerStaking.economy', () => {
  it('MORPH: inflation issued, rewards credited at recording, burns; ETH: slashed stake', () => {
    const chain = Chain.build(
      { mechanisms: { sequencerStaking: { preset: 'morph-v0.4', initialStakers: ['first', 'second', 'third'], challengers: ['challenger'] } } },
      { time: 0, height: 1, balances: { alice: { MORPH: `${20n * E}` }, challenger: { ETH: `${5n * E}` } } },
    );
    assert.deepEqual(economy(chain), { asset: 'MORPH', supply: `${10n ** 27n}`, staked: '0', ...zeros });
    assert.deepEqual(economy(chain, 'MORPH'), economy(chain));
    // Initial stakers' ETH is genesis supply, escrowed at genesis: staked, not issued.
    assert.deepEqual(economy(chain, 'ETH'), { asset: 'ETH', supply: `${8n * E}`, staked: `${3n * E}`, ...zeros });

    chain.advance({ seconds: 86400 });
    for (const s of ['first', 'second', 'third']) must(chain.tx('alice', `${S}delegateStake`, { delegatee: s, amount: `${5n * E}` }));
    must(chain.tx('owner', `${S}startReward`));
    for (const s of ['first', 'second', 'third']) must(chain.tx(s, `${S}setCommissionRate`, { commission: 1 }));
    chain.advance({ seconds: 86400 });
    must(chain.tx('oracle', `${S}setLatestRewardEpochBlock`, { latestBlock: 28800 }));
    must(chain.tx('oracle', `${S}recordRewardEpochs`, { rewardEpochs: [epoch(0, 1)] }));
    const recorded = { asset: 'MORPH', supply: `${10n ** 27n + I0}`, staked: `${15n * E}`, ...zeros, issued: `${I0}`, rewardsToStakers: `${CREDITED0}` };
    assert.deepEqual(economy(chain), recorded);

    // Epoch 1's upload mints its inflation, then fails on a commission of 21: all undone.
    chain.advance({ seconds: 86400 });
    const failed = chain.tx('oracle', `${S}recordRewardEpochs`, { rewardEpochs: [epoch(1, 21)] });
    assert.equal(failed.error?.code, 'INVALID_SEQUENCERS_COMMISSION');
    assert.deepEqual(economy(chain), recorded);

    // Claims pay what was credited: no field moves (the escrow pays out).
    const escrowBefore = chain.query('sequencerStaking.getEscrow').result!.distribute;
    must(chain.tx('first', `${S}claimCommission`));
    assert.ok(chain.query('sequencerStaking.getEscrow').result!.distribute < escrowBefore);
    assert.deepEqual(economy(chain), recorded);

    must(chain.tx('owner', `${S}burn`, { amount: `${E}` }));
    assert.deepEqual(economy(chain), { ...recorded, supply: `${10n ** 27n + I0 - E}`, burned: `${E}` });

    // first commits, the challenge times out, first's 1 ETH is slashed (20 % to the challenger).
    must(chain.tx('first', `${S}commitBatch`, { batchIndex: 1, batchHash: HASH }));
    chain.advance({ seconds: 1 });
    must(chain.tx('challenger', `${S}challengeState`, { batchIndex: 1, batchHash: HASH, value: `${E}` }));
    chain.advance({ seconds: 100 });
    must(chain.tx('second', `${S}proveState`, { batchIndex: 1, batchHash: HASH, proof: '0x01' }));
    const slashed = { asset: 'ETH', supply: `${8n * E}`, staked: `${2n * E}`, ...zeros, slashed: `${E}` };
    assert.deepEqual(economy(chain, 'ETH'), slashed);
    must(chain.tx('owner', `${S}claimSlashRemaining`, { receiver: 'owner' }));
    must(chain.tx('challenger', `${S}claimChallengeReward`, { receiver: 'challenger' }));
    assert.deepEqual(economy(chain, 'ETH'), slashed);
    assert.deepEqual(chain.invariants(), []);
  });

  it('refuses an asset it does not account for', () => {
    const chain = Chain.build({ mechanisms: { sequencerStaking: {} } });
    const out = chain.query('sequencerStaking.economy', { asset: 'PHA' });
    assert.equal(out.error?.code, 'INVALID_ARGUMENT');
    assert.match(out.error!.message, /unknown asset "PHA"; this mechanism accounts for MORPH, ETH/);
  });
});
