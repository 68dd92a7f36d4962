import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Chain, type GenesisConfig } from '../../chain/chain.js';
import { addressOf } from '../../kernel/index.js';
import type { EpochStart } from './epochStart.js';
import type { posEconomyModule } from './index.js';
import { processFees } from './processFees.js';
import { processIssuance } from './processIssuance.js';
import { processQueues } from './processQueues.js';
import { processSlashings } from './processSlashings.js';
import type { Eco } from './state.js';

/** Each epoch step on its own (§3.2), with the published numbers of §3.5 where there are some. */
const ETH = 1_000_000_000n;
type Instance = ReturnType<typeof posEconomyModule.create>;

function chainWith(overrides: Record<string, unknown>, operators: Array<[string, bigint, number?]>, genesis: GenesisConfig = {}): { chain: Chain; eco: Eco } {
  const chain = Chain.build(
    { mechanisms: { posEconomy: { preset: 'ethereum', ...overrides } } },
    { time: 0, height: 1, ...genesis, posEconomy: { operators: operators.map(([id, stake, uptimePpm]) => ({ id, stake, ...(uptimePpm === undefined ? {} : { uptimePpm }) })) } },
  );
  return { chain, eco: chain.mechanism<Instance>('posEconomy').eco };
}

function startOf(eco: Eco): EpochStart {
  return { epoch: eco.state.epoch.get(), stake: eco.state.totals.get().staked, supply: eco.ctx.ledger.supply(eco.params.asset), actives: eco.state.active.toArray().slice() };
}

const op = (chain: Chain, id: string) => chain.query('posEconomy.getOperator', { id }).result as Record<string, unknown>;
const bal = (chain: Chain, who: string, asset = 'ETH') => chain.ledger.balanceOf(asset, addressOf(who));
const tx = (chain: Chain, from: string, call: string, args: Record<string, unknown> = {}) => {
  const o = chain.tx(from, call, args);
  assert.ok(o.ok, o.error?.message);
};

describe('processIssuance (step 1)', () => {
  it('pays ⌊I × activeᵢ × uptimeᵢ / (D × 10⁶)⌋ into active stake; an offline share is never created', () => {
    // D = 10,000,000 ETH → I_e = 6,400,000,000; a 1/4 of it at half uptime, b 3/4 at full uptime, c offline.
    const { chain, eco } = chainWith({}, [['a', 2_500_000n * ETH, 500_000], ['b', 7_000_000n * ETH], ['c', 500_000n * ETH, 0]]);
    const paid = chain.journal.atomic(() => processIssuance(eco, startOf(eco)));
    // a: 6.4e9 × 0.25 × 0.5 = 800,000,000; b: 6.4e9 × 0.7 = 4,480,000,000; c: 0.
    assert.equal(paid, 800_000_000n + 4_480_000_000n);
    assert.equal(op(chain, 'a').active, `${2_500_000n * ETH + 800_000_000n}`);
    assert.equal(op(chain, 'b').active, `${7_000_000n * ETH + 4_480_000_000n}`);
    assert.equal(op(chain, 'c').active, `${500_000n * ETH}`);
    const e = chain.query('posEconomy.economy').result as Record<string, string>;
    assert.equal(e.issued, `${paid}`);
    assert.equal(e.rewardsToStakers, `${paid}`);
    assert.equal(chain.ledger.totalsOf('ETH').minted, paid);
    assert.deepEqual(chain.invariants(), []);
  });
  it('floors per operator: three equal operators share I_e = 1,000,000,001 gwei as 333,333,333 each (2 never created)', () => {
    const { chain, eco } = chainWith({}, [['a', ETH], ['b', ETH], ['c', ETH]]);
    // fixedRate at 10⁶ ppm a year with one-year epochs issues exactly the supply it is given.
    const oneYear: Eco = { ...eco, params: { ...eco.params, epochSeconds: 31_557_600, issuance: { kind: 'fixedRate', rate: 1_000_000n } } };
    const paid = chain.journal.atomic(() => processIssuance(oneYear, { ...startOf(eco), supply: 1_000_000_001n }));
    assert.equal(paid, 999_999_999n);
    for (const id of ['a', 'b', 'c']) assert.equal(op(chain, id).active, `${ETH + 333_333_333n}`);
    assert.deepEqual(chain.invariants(), []);
  });
  it('issues nothing when D = 0', () => {
    const { chain, eco } = chainWith({}, []);
    assert.equal(chain.journal.atomic(() => processIssuance(eco, startOf(eco))), 0n);
  });
});

describe('processFees (step 2)', () => {
  it('F = 2,000,000,003, burnShare 300,000, active 32/32/64 ETH: 600,000,000 burned, shares 350,000,000/350,000,000/700,000,001, remainder 2 burned', () => {
    const { chain, eco } = chainWith({ burnShare: 300_000, initialFeeRevenue: 2_000_000_003 }, [['a', 32n * ETH], ['b', 32n * ETH], ['c', 64n * ETH]], { balances: { environment: { ETH: 5n * ETH } } });
    const burned = chain.journal.atomic(() => processFees(eco, startOf(eco)));
    assert.equal(burned, 600_000_002n);
    assert.equal(bal(chain, 'a'), 350_000_000n);
    assert.equal(bal(chain, 'b'), 350_000_000n);
    assert.equal(bal(chain, 'c'), 700_000_001n);
    assert.equal(bal(chain, 'environment'), 5n * ETH - 2_000_000_003n);
    const e = chain.query('posEconomy.economy').result as Record<string, string>;
    assert.deepEqual([e.feesPaid, e.feesBurned, e.burned, e.rewardsToStakers], ['2000000003', '600000002', '600000002', '1400000001']);
    assert.deepEqual(chain.invariants(), []);
  });
  it('takes at most the environment’s balance: 1,000,000,000 of a revenue of 2,000,000,003', () => {
    const { chain, eco } = chainWith({ burnShare: 300_000, initialFeeRevenue: 2_000_000_003 }, [['a', 32n * ETH]], { balances: { environment: { ETH: ETH } } });
    chain.journal.atomic(() => processFees(eco, startOf(eco)));
    assert.equal((chain.query('posEconomy.economy').result as Record<string, string>).feesPaid, '1000000000');
    assert.equal(bal(chain, 'environment'), 0n);
    assert.equal(bal(chain, 'a'), 700_000_000n);
  });
  it('burns all of F when D = 0, and does nothing with no revenue', () => {
    const { chain, eco } = chainWith({ burnShare: 0, initialFeeRevenue: 777 }, [], { balances: { environment: { ETH: ETH } } });
    assert.equal(chain.journal.atomic(() => processFees(eco, startOf(eco))), 777n);
    assert.equal(chain.ledger.supply('ETH'), ETH - 777n);
    const quiet = chainWith({}, [['a', ETH]], { balances: { environment: { ETH: ETH } } });
    assert.equal(quiet.chain.journal.atomic(() => processFees(quiet.eco, startOf(quiet.eco))), 0n);
    assert.equal(quiet.chain.ledger.totalsOf('ETH').burned, 0n);
  });
  it('shares by start-of-epoch stake: the epoch’s own issuance does not count', () => {
    const { chain, eco } = chainWith({ burnShare: 0, initialFeeRevenue: 1_000 }, [['a', 10_000_000n * ETH], ['b', 30_000_000n * ETH]], { balances: { environment: { ETH: ETH } } });
    chain.journal.atomic(() => {
      const start = startOf(eco);
      processIssuance(eco, start);
      processFees(eco, start);
    });
    assert.equal(bal(chain, 'a'), 250n);
    assert.equal(bal(chain, 'b'), 750n);
  });
});

describe('processSlashings (step 3)', () => {
  const noIssuance = { issuance: { kind: 'sqrt', baseRewardFactor: 0 }, churn: { min: 10n * ETH, maxPerEpoch: 10n * ETH } };
  it('active 100 ETH and exiting 20 ETH lose ⌊120 ETH / 32⌋ = 3,750,000,000, all from exiting; the 100 ETH go to the back of the exit queue', () => {
    const { chain, eco } = chainWith(noIssuance, [['v', 120n * ETH]]);
    tx(chain, 'v', 'posEconomy.exit', { amount: 20n * ETH });
    tx(chain, 'slasher', 'posEconomy.slash', { operator: 'v' });
    assert.equal(chain.journal.atomic(() => processSlashings(eco)), 3_750_000_000n);
    assert.deepEqual(
      { active: op(chain, 'v').active, exiting: op(chain, 'v').exiting, slashPending: op(chain, 'v').slashPending },
      { active: '0', exiting: `${16_250_000_000n + 100n * ETH}`, slashPending: false },
    );
    const entries = [...eco.state.exitQueue.sortedEntries()].map(([, e]) => e.amount);
    assert.deepEqual(entries, [16_250_000_000n, 100n * ETH]);
    assert.equal(chain.ledger.totalsOf('ETH').burned, 3_750_000_000n);
    assert.deepEqual(chain.invariants(), []);
  });
  it('active 40 ETH and exiting 1 ETH lose 1,281,250,000: 1 ETH from exiting (the entry is removed) and 281,250,000 from active', () => {
    const { chain, eco } = chainWith(noIssuance, [['v', 41n * ETH]]);
    tx(chain, 'v', 'posEconomy.exit', { amount: ETH });
    tx(chain, 'slasher', 'posEconomy.slash', { operator: 'v' });
    assert.equal(chain.journal.atomic(() => processSlashings(eco)), 1_281_250_000n);
    const entries = [...eco.state.exitQueue.entries()].map(([seq, e]) => [seq, e.amount]);
    assert.deepEqual(entries, [[1, 40n * ETH - 281_250_000n]]);
    assert.equal(op(chain, 'v').exiting, `${40n * ETH - 281_250_000n}`);
    assert.deepEqual(chain.invariants(), []);
  });
  it('takes from locked amounts, oldest first, before active; withdrawable amounts and pending deposits are not touched', () => {
    const { chain, eco } = chainWith({ ...noIssuance, withdrawalDelayEpochs: 3, slashFraction: 500_000 }, [['v', 100n * ETH]], { balances: { v: { ETH: 50n * ETH } } });
    tx(chain, 'v', 'posEconomy.exit', { amount: 4n * ETH });
    assert.ok(chain.advance({ seconds: 384, blocks: 1 }).ok); // epoch 0: 4 ETH exit, withdrawable at epoch 4
    tx(chain, 'v', 'posEconomy.exit', { amount: 6n * ETH });
    assert.ok(chain.advance({ seconds: 384, blocks: 1 }).ok); // epoch 1: 6 ETH exit, withdrawable at epoch 5
    assert.ok(chain.advance({ seconds: 384 * 2, blocks: 1 }).ok); // epochs 2–3: the 4 ETH are withdrawable at count 4
    assert.equal(op(chain, 'v').withdrawable, `${4n * ETH}`);
    assert.equal(op(chain, 'v').locked, `${6n * ETH}`);
    tx(chain, 'v', 'posEconomy.deposit', { amount: 50n * ETH });
    tx(chain, 'slasher', 'posEconomy.slash', { operator: 'v' });
    // ⌊(90 active + 0 exiting + 6 locked) / 2⌋ = 48 ETH: 6 from locked, 42 from active.
    assert.equal(chain.journal.atomic(() => processSlashings(eco)), 48n * ETH);
    const v = op(chain, 'v');
    assert.deepEqual([v.active, v.exiting, v.locked, v.withdrawable, v.pendingDeposit], ['0', `${48n * ETH}`, '0', `${4n * ETH}`, `${50n * ETH}`]);
    assert.deepEqual(chain.invariants(), []);
  });
  it('processes pending slashes in transaction order and clears them', () => {
    const { chain, eco } = chainWith(noIssuance, [['a', 32n * ETH], ['b', 64n * ETH]]);
    tx(chain, 'slasher', 'posEconomy.slash', { operator: 'b' });
    tx(chain, 'slasher', 'posEconomy.slash', { operator: 'a' });
    chain.journal.atomic(() => processSlashings(eco));
    const seqs = [...eco.state.exitQueue.sortedEntries()].map(([, e]) => e.operator);
    assert.deepEqual(seqs, [addressOf('b'), addressOf('a')]);
    assert.deepEqual(eco.state.slashQueue.get(), []);
    assert.deepEqual(chain.invariants(), []);
  });
});

describe('processQueues (step 4)', () => {
  it('queued deposits [100, 60, 10] ETH at C = 152 ETH: 100 activates; 60 waits and so does 10', () => {
    const { chain, eco } = chainWith({}, [['big', 10_000_000n * ETH]], { balances: { a: { ETH: 100n * ETH }, b: { ETH: 60n * ETH }, c: { ETH: 10n * ETH } } });
    tx(chain, 'a', 'posEconomy.deposit', { amount: 100n * ETH });
    tx(chain, 'b', 'posEconomy.deposit', { amount: 60n * ETH });
    tx(chain, 'c', 'posEconomy.deposit', { amount: 10n * ETH });
    const r = chain.journal.atomic(() => processQueues(eco, startOf(eco)));
    assert.deepEqual(r, { churn: 152n * ETH, activated: 100n * ETH, exited: 0n });
    assert.equal(op(chain, 'a').active, `${100n * ETH}`);
    assert.equal(op(chain, 'b').pendingDeposit, `${60n * ETH}`);
    assert.equal(op(chain, 'c').pendingDeposit, `${10n * ETH}`);
  });
  it('an exact fit activates; exits have a budget of their own of the same C and wait whole', () => {
    const { chain, eco } = chainWith({}, [['big', 1_000_000n * ETH], ['x', 200n * ETH]], { balances: { a: { ETH: 100n * ETH }, b: { ETH: 28n * ETH } } });
    tx(chain, 'a', 'posEconomy.deposit', { amount: 100n * ETH });
    tx(chain, 'b', 'posEconomy.deposit', { amount: 28n * ETH });
    tx(chain, 'x', 'posEconomy.exit', { amount: 100n * ETH });
    tx(chain, 'x', 'posEconomy.exit', { amount: 29n * ETH });
    const r = chain.journal.atomic(() => processQueues(eco, startOf(eco)));
    assert.deepEqual(r, { churn: 128n * ETH, activated: 128n * ETH, exited: 100n * ETH });
    assert.equal(op(chain, 'x').exiting, `${29n * ETH}`);
    assert.equal(op(chain, 'x').locked, `${100n * ETH}`);
    // Withdrawable once epoch ≥ e + 1 + withdrawalDelayEpochs = 0 + 1 + 256.
    assert.deepEqual(eco.state.book(addressOf('x'))!.withdrawals, [{ amount: 100n * ETH, epoch: 257 }]);
  });
  it('churn: null activates and exits everything queued', () => {
    const { chain, eco } = chainWith({ preset: 'cosmos-hub' }, [['x', 5_000n * ETH]], { balances: { a: { TOKEN: 10_000n * ETH } } });
    tx(chain, 'a', 'posEconomy.deposit', { amount: 9_000n * ETH });
    tx(chain, 'a', 'posEconomy.deposit', { amount: 1_000n * ETH });
    tx(chain, 'x', 'posEconomy.exit');
    const r = chain.journal.atomic(() => processQueues(eco, startOf(eco)));
    assert.deepEqual(r, { churn: null, activated: 10_000n * ETH, exited: 5_000n * ETH });
    assert.deepEqual(eco.state.book(addressOf('x'))!.withdrawals, [{ amount: 5_000n * ETH, epoch: 505 }]);
  });
});
