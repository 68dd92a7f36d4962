import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Chain, type ChainConfig, type Outcome } from './chain.js';
import { addressOf, canonicalJson, toJson, type Address } from '../kernel/index.js';
import { proverPoolDriver, sequencerDriver, Session, show, stakePoolDriver, type Driver } from '../testing/drivers.js';

/**
 * Snapshot and restore under random use, for every mechanism: a random action sequence and a
 * random cut point. The prefix runs on chain A; A's snapshot goes through JSON text and back;
 * B = Chain.restore(config, parsed) must have A's state root. Then every remaining action runs on
 * both, and after every call (transactions, the queries an action reads its arguments with,
 * advances) the two outcomes agree exactly: ok and error code and message, events, result and
 * change set (as JSON); after every action the state roots agree and neither chain violates an
 * invariant. At the end B's snapshot is A's, byte for byte in canonical JSON.
 *
 * RESTORE_RUNS and RESTORE_SEED override the run count and the seed of every property.
 */

/**
 * What the runs exercised, per driver: successful calls, errors and events of the compared
 * suffixes, and `cut:` features of the restored state at a cut inside the sequence (so that the
 * rebuilt caches had something to hold).
 */
const seen = new Map<string, Map<string, number>>();

function tallyName(label: string, k: string): void {
  let m = seen.get(label);
  if (!m) seen.set(label, (m = new Map()));
  m.set(k, (m.get(k) ?? 0) + 1);
}

function tally(label: string, o: Outcome, what: string): void {
  tallyName(label, o.ok ? `ok:${what}` : `error:${o.error!.code}`);
  for (const e of o.events) tallyName(label, e.name);
}


function sameOutcomes(sa: Session, sb: Session, where: string): void {
  const [a, b] = [sa.outcomes, sb.outcomes];
  assert.deepEqual(sb.calls, sa.calls, `${where}: the restored chain made other calls`);
  a.forEach((x, i) => {
    const y = b[i]!;
    const w = `${where}, call ${i} ${sa.calls[i]}${x.ok ? '' : ` (${x.error!.code})`}`;
    assert.equal(y.ok, x.ok, `${w}: ok differs (restored: ${y.error?.code} ${y.error?.message ?? ''})`);
    assert.equal(y.error?.code, x.error?.code, `${w}: error code`);
    assert.equal(y.error?.message, x.error?.message, `${w}: error message`);
    assert.notEqual(x.error?.code, 'INTERNAL_ERROR', `${w}: ${x.error?.message}\n${String(x.error?.details.stack ?? '')}`);
    assert.deepEqual(toJson(y.events), toJson(x.events), `${w}: events`);
    assert.deepEqual(toJson(y.result), toJson(x.result), `${w}: result`);
    assert.ok(x.changes !== undefined && y.changes !== undefined, `${w}: a change set`);
    assert.deepEqual(toJson(y.changes), toJson(x.changes), `${w}: changes`);
  });
}

const envRuns = process.env.RESTORE_RUNS ? Number(process.env.RESTORE_RUNS) : undefined;
const envSeed = process.env.RESTORE_SEED ? Number(process.env.RESTORE_SEED) : undefined;

function restoreProperty<C>(d: Driver<C>, opts: { runs: number; steps: number; seed: number }): void {
  let cutsInside = 0;
  fc.assert(
    fc.property(fc.array(d.cmd, { minLength: Math.floor(opts.steps / 2), maxLength: opts.steps, size: 'max' }), fc.integer({ min: 0, max: 100 }), (cmds, percent) => {
      const cut = Math.round((cmds.length * percent) / 100);
      if (cut > 0 && cut < cmds.length) cutsInside++;
      const a = d.build();
      for (const c of cmds.slice(0, cut)) d.apply(new Session(a), c);
      assert.deepEqual(a.invariants(), [], 'the prefix left the original chain unsound');

      const snap = a.snapshot();
      const parsed: unknown = JSON.parse(JSON.stringify(snap));
      const b = Chain.restore(d.config, parsed);
      assert.equal(b.stateRoot(), a.stateRoot(), 'restored root');
      assert.deepEqual([b.time, b.height, b.events.length], [a.time, a.height, a.events.length], 'clock and event count');
      assert.deepEqual(b.invariants(), [], 'the restored chain is unsound');
      if (cut > 0 && cut < cmds.length) for (const f of new Set(d.probe(b))) tallyName(d.label, `cut:${f}`);

      cmds.slice(cut).forEach((c, i) => {
        const where = `step ${cut + i} of ${cmds.length} (cut at ${cut}): ${show(c)}`;
        const sa = new Session(a);
        const sb = new Session(b);
        d.apply(sa, c);
        d.apply(sb, c);
        sameOutcomes(sa, sb, where);
        sa.outcomes.forEach((o, k) => tally(d.label, o, sa.calls[k]!));
        assert.equal(b.stateRoot(), a.stateRoot(), `${where}: state roots differ`);
        assert.deepEqual(a.invariants(), [], `${where}: original chain`);
        assert.deepEqual(b.invariants(), [], `${where}: restored chain`);
      });

      assert.equal(canonicalJson(b.snapshot()), canonicalJson(a.snapshot()), 'final snapshots differ');
    }),
    { numRuns: envRuns ?? opts.runs, seed: envSeed ?? opts.seed },
  );
  assert.ok(cutsInside > 0, 'no run cut its sequence in the middle');
}

/** Every name in `must` was seen in the driver's runs (checked for the default runs and seeds only). */
function covered(label: string, must: string[]): void {
  if (envRuns !== undefined || envSeed !== undefined) return;
  const m = seen.get(label) ?? new Map<string, number>();
  const missing = must.filter((k) => !m.has(k));
  assert.deepEqual(missing, [], `${label}: the compared steps never produced ${missing.join(', ')}; seen ${show(Object.fromEntries(m))}`);
}

describe('snapshot → JSON → restore, then both chains run the same random actions', () => {
  const pp = ['taiko-a4', 'staking-proposal'] as const;
  for (const [i, preset] of pp.entries()) {
    const d = proverPoolDriver(preset);
    it(`${d.label}: same outcomes, changes, roots and snapshots`, () => {
      restoreProperty(d, { runs: 25, steps: 50, seed: 7001 + i });
      covered(d.label, ['ok:proverPool.stake', 'ok:proverPool.exit', 'Withdrawn', 'ok:proverPool.proposeBlock', 'ok:proverPool.proveBlock', 'ok:proverPool.slashProver', 'BlockProposed', 'BlockProven', 'BlockVerified', 'Slashed', 'ProverAssigned', 'error:L1_NOT_PROVEABLE', 'cut:unverifiedBlocks', 'cut:exitPending', 'cut:poolFull']);
    });
  }

  const sq = sequencerDriver('morph-v0.4');
  it(`${sq.label}: same outcomes, changes, roots and snapshots`, () => {
    restoreProperty(sq, { runs: 15, steps: 50, seed: 7101 });
    covered(sq.label, [
      'ok:sequencerStaking.register',
      'ok:sequencerStaking.delegateStake',
      'ok:sequencerStaking.undelegateStake',
      'ok:sequencerStaking.redelegateStake',
      'ok:sequencerStaking.claimUndelegation',
      'ok:sequencerStaking.startReward',
      'ok:sequencerStaking.commitBatch',
      'ok:sequencerStaking.finalizeBatch',
      'ok:sequencerStaking.claimReward',
      'ok:sequencerStaking.transfer',
      'Redelegated',
      'StakerAdded',
      'cut:pendingRedelegation',
      'cut:bridgeQueued',
      'cut:rewardStarted',
    ]);
  });

  const bls = sequencerDriver('morph-bls');
  it(`${bls.label} (no batches): same outcomes, changes, roots and snapshots`, () => {
    restoreProperty(bls, { runs: 8, steps: 40, seed: 7201 });
    covered(bls.label, ['ok:sequencerStaking.register', 'ok:sequencerStaking.delegateStake', 'ok:sequencerStaking.redelegateStake']);
  });

  const sp = stakePoolDriver();
  it(`${sp.label}: same outcomes, changes, roots and snapshots`, () => {
    restoreProperty(sp, { runs: 20, steps: 50, seed: 7301 });
    covered(sp.label, [
      'ok:stakePool.contribute',
      'ok:stakePool.withdraw',
      'ok:stakePool.startComputing',
      'ok:stakePool.stopComputing',
      'ok:stakePool.reclaimWorker',
      'ok:stakePool.settle',
      'ok:stakePool.claimStakerRewards',
      'WithdrawalQueued',
      'MinerSettled',
      'MinerStopped',
      'PoolSlashed',
      'cut:withdrawQueue',
      'cut:miner:MiningIdle',
      'cut:miner:MiningCoolingDown',
    ]);
  });
});

/**
 * A fixed script cut at `cut`: the prefix on A, then A's snapshot through JSON into B, then the
 * rest on both, compared call by call as in the properties above.
 */
function scriptAcrossRestore(config: ChainConfig, build: () => Chain, script: Array<(s: Session) => void>, cut: number): { a: Chain; b: Chain; calls: string[] } {
  const a = build();
  script.slice(0, cut).forEach((step) => step(new Session(a)));
  const b = Chain.restore(config, JSON.parse(JSON.stringify(a.snapshot())));
  assert.equal(b.stateRoot(), a.stateRoot());
  const calls: string[] = [];
  script.slice(cut).forEach((step, i) => {
    const [sa, sb] = [new Session(a), new Session(b)];
    step(sa);
    step(sb);
    sameOutcomes(sa, sb, `script step ${cut + i}`);
    for (const [k, o] of sa.outcomes.entries()) calls.push(`${sa.calls[k]}:${o.ok ? 'ok' : o.error!.code}`);
    assert.equal(b.stateRoot(), a.stateRoot(), `script step ${cut + i}: state roots differ`);
    assert.deepEqual(a.invariants(), []);
    assert.deepEqual(b.invariants(), []);
  });
  assert.equal(canonicalJson(b.snapshot()), canonicalJson(a.snapshot()));
  return { a, b, calls };
}

describe('restore under BLS: batches signed by the committee before and after the cut', () => {
  it('sequencerStaking morph-bls: commits (with a set change), registration, delegation, finalisation', () => {
    const E = 10n ** 18n;
    const config: ChainConfig = { mechanisms: { sequencerStaking: { preset: 'morph-bls', initialStakers: ['p0', 'p1', 'p2'], challengers: ['challenger'] } } };
    const names = new Map<Address, string>(['p0', 'p1', 'p2', 'n0'].map((n) => [addressOf(n), n]));
    const S = 'sequencerStaking.';
    const hash = (i: number) => `0x${(0xb0 + i).toString(16).padStart(64, '0')}`;
    const commit = (i: number, signers: 'committee' | string[], change: string[] = []) => (s: Session) => {
      const r = s.read<{ latestSequencerSet: Address[] }>(`${S}getRollup`)!;
      const who = signers === 'committee' ? r.latestSequencerSet.map((x) => names.get(x)!) : signers;
      const bitmap = s.read<{ bitmap: bigint }>(`${S}getStakersBitmap`, { stakers: who })!.bitmap;
      s.tx('carol', `${S}commitBatch`, { batchIndex: i, batchHash: hash(i), sequencerSetChange: change, signedSequencersBitmap: `${bitmap}`, signature: `testsign:${who.join(',')}` });
    };
    const script: Array<(s: Session) => void> = [
      (s) => s.advance({ seconds: 12, blocks: 1 }),
      commit(1, 'committee'),
      (s) => {
        s.tx('owner', `${S}updateWhitelist`, { add: ['n0'], remove: [] });
        s.tx('n0', `${S}register`, { tmKey: 'testkey:n0', blsKey: 'testkey:n0', blsPop: 'testkey:n0', value: `${E}` });
      },
      (s) => s.tx('d0', `${S}delegateStake`, { delegatee: 'p1', amount: `${2n * E}` }),
      // cut here
      (s) => s.advance({ seconds: 12, blocks: 1 }),
      commit(2, 'committee', ['p0', 'p1', 'p2', 'n0']),
      (s) => s.advance({ seconds: 10, blocks: 1 }),
      (s) => s.tx('anyone', `${S}finalizeBatch`, { batchIndex: 1 }),
      commit(3, ['p0', 'p1']), // 2 of 4: not enough
      commit(3, ['p0', 'p1', 'n0']),
      (s) => s.tx('anyone', `${S}finalizeBatch`, { batchIndex: 2 }),
    ];
    const { a, calls } = scriptAcrossRestore(config, () => Chain.build(config, { time: 0, height: 1, balances: { n0: { ETH: `${2n * E}` }, d0: { MORPH: `${10n * E}` } } }), script, 4);
    assert.deepEqual(
      calls.filter((c) => !c.startsWith(`${S}get`)),
      [
        'advance:ok',
        `${S}commitBatch:ok`,
        'advance:ok',
        `${S}finalizeBatch:ok`,
        `${S}commitBatch:INSUFFICIENT_SIGNERS`,
        `${S}commitBatch:ok`,
        `${S}finalizeBatch:ok`,
      ],
    );
    assert.deepEqual((a.query(`${S}getRollup`).result as { latestSequencerSet: Address[] }).latestSequencerSet, ['p0', 'p1', 'p2', 'n0'].map(addressOf));
  });
});

/**
 * Change sets are canonical: a few actions write keys by iterating a JMap in insertion order
 * (`[...map.keys()]`), which is history, not state; a restored chain (whose maps are loaded in
 * sorted key order) must still report the same changes in the same order.
 */
describe('change sets after a restore: key order', () => {
  const E = 10n ** 18n;
  const config: ChainConfig = { mechanisms: { sequencerStaking: { preset: 'morph-v0.4', initialStakers: ['p0', 'p1', 'p2'] } } };
  const S = 'sequencerStaking.';

  it(
    'updateRewardStartTime rewrites the commission schedules in one order on both chains',
    () => {
      // p2's address sorts after p0's; p2 sets its commission first.
      assert.ok(addressOf('p2') > addressOf('p0'));
      const { calls } = scriptAcrossRestore(
        config,
        () => Chain.build(config, { time: 0, height: 1 }),
        [
          (s) => s.tx('p2', `${S}setCommissionRate`, { commission: 7 }),
          (s) => s.tx('p0', `${S}setCommissionRate`, { commission: 5 }),
          (s) => s.tx('owner', `${S}updateRewardStartTime`, { rewardStartTime: 172_800 }),
        ],
        2,
      );
      assert.deepEqual(calls, [`${S}updateRewardStartTime:ok`]);
    },
  );

  it(
    'cleanDistributions deletes the distribution records in one order on both chains',
    () => {
      // d0's address sorts after d1's; d0 delegates first.
      assert.ok(addressOf('d0') > addressOf('d1'));
      const { calls } = scriptAcrossRestore(
        config,
        () => Chain.build(config, { time: 0, height: 1, balances: { d0: { MORPH: `${10n * E}` }, d1: { MORPH: `${10n * E}` } } }),
        [
          (s) => s.tx('d0', `${S}delegateStake`, { delegatee: 'p0', amount: `${E}` }),
          (s) => s.tx('d1', `${S}delegateStake`, { delegatee: 'p0', amount: `${E}` }),
          (s) => s.tx('owner', `${S}cleanDistributions`, { delegatee: 'p0', targetEpochIndex: 0 }),
        ],
        2,
      );
      assert.deepEqual(calls, [`${S}cleanDistributions:ok`]);
    },
  );
});
