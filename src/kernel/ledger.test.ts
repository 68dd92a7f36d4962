import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addressOf, type Address } from './address.js';
import { StakeworksError } from './errors.js';
import type { ChainEvent } from './events.js';
import { Journal } from './journal.js';
import { Store } from './store.js';
import { Ledger } from './ledger.js';

const alice = addressOf('alice');
const bob = addressOf('bob');
const code = (c: string) => (e: unknown) => e instanceof StakeworksError && e.code === c;

function setup() {
  const journal = new Journal();
  const events: Array<Omit<ChainEvent, 'height' | 'time'>> = [];
  // Journal the event list like the chain's EventLog does.
  const ledger = new Ledger(new Store(journal).scope('ledger'), (name, args) => {
    events.push({ mechanism: 'ledger', name, args: typeof args === 'function' ? args() : args });
    journal.record({ undo: () => void events.pop() }, undefined, undefined);
  });
  ledger.declareAsset({
    symbol: 'TKO',
    decimals: 8,
    maxSupply: 1_000n,
    errors: { burnExceedsBalance: 'ERC20_BURN_AMOUNT_EXCEEDS_BALANCE', transferExceedsBalance: 'ERC20_TRANSFER_AMOUNT_EXCEEDS_BALANCE', mintCap: 'TKO_MINT_DISALLOWED' },
  });
  ledger.declareAsset({ symbol: 'ETH', decimals: 18 });
  ledger.allocate('TKO', alice, 100n);
  ledger.allocate('ETH', alice, 50n);
  return { journal, ledger, events };
}

/** Runs `fn` as a unit (like a transaction). */
const tx = <T>(j: Journal, fn: () => T) => j.atomic(fn);

describe('ledger', () => {
  it('assets: declared once, conflicts and unknown symbols fail clearly', () => {
    const { ledger } = setup();
    assert.deepEqual(ledger.assetSymbols(), ['ETH', 'TKO']);
    ledger.declareAsset({ symbol: 'TKO', decimals: 8 }); // same decimals: no-op
    assert.throws(() => ledger.declareAsset({ symbol: 'TKO', decimals: 18 }), code('ASSET_CONFLICT'));
    assert.throws(() => ledger.balanceOf('PHA', alice), (e: unknown) => code('INVALID_ARGUMENT')(e) && /unknown asset PHA; known: ETH, TKO/.test((e as Error).message));
    assert.throws(() => ledger.mint('PHA', alice, 1n, 't'), code('INVALID_ARGUMENT'));
  });

  it('genesis allocation counts as genesis supply and emits nothing', () => {
    const { ledger, events } = setup();
    assert.equal(ledger.balanceOf('TKO', alice), 100n);
    assert.deepEqual(ledger.totalsOf('TKO'), { genesis: 100n, minted: 0n, burned: 0n, supply: 100n });
    assert.equal(events.length, 0);
    assert.deepEqual(ledger.checkConservation(), []);
  });

  it('mint / burn / transfer move balances and supply and emit one event each', () => {
    const { journal, ledger, events } = setup();
    tx(journal, () => ledger.mint('TKO', bob, 30n, 'pool'));
    tx(journal, () => ledger.burn('TKO', alice, 40n, 'pool'));
    tx(journal, () => ledger.transfer('TKO', alice, bob, 10n, 'pool'));
    assert.equal(ledger.balanceOf('TKO', alice), 50n);
    assert.equal(ledger.balanceOf('TKO', bob), 40n);
    assert.deepEqual(ledger.totalsOf('TKO'), { genesis: 100n, minted: 30n, burned: 40n, supply: 90n });
    assert.equal(ledger.supply('TKO'), 90n);
    assert.deepEqual(events, [
      { mechanism: 'ledger', name: 'Mint', args: { asset: 'TKO', to: bob, amount: 30n, by: 'pool' } },
      { mechanism: 'ledger', name: 'Burn', args: { asset: 'TKO', from: alice, amount: 40n, by: 'pool' } },
      { mechanism: 'ledger', name: 'Transfer', args: { asset: 'TKO', from: alice, to: bob, amount: 10n, by: 'pool' } },
    ]);
    assert.deepEqual(ledger.checkConservation(), []);
  });

  it('per-asset error codes, and the defaults for an asset without its own', () => {
    const { journal, ledger } = setup();
    assert.throws(() => tx(journal, () => ledger.burn('TKO', alice, 101n, 'p')), code('ERC20_BURN_AMOUNT_EXCEEDS_BALANCE'));
    assert.throws(() => tx(journal, () => ledger.transfer('TKO', alice, bob, 101n, 'p')), code('ERC20_TRANSFER_AMOUNT_EXCEEDS_BALANCE'));
    assert.throws(() => tx(journal, () => ledger.burn('ETH', alice, 51n, 'p')), code('INSUFFICIENT_BALANCE'));
    assert.throws(() => tx(journal, () => ledger.transfer('ETH', bob, alice, 1n, 'p')), code('INSUFFICIENT_BALANCE'));
    assert.throws(() => tx(journal, () => ledger.burn('TKO', alice, -1n, 'p')), code('INVALID_ARGUMENT'));
    const err = (() => {
      try {
        ledger.burn('TKO', alice, 101n, 'p');
      } catch (e) {
        return e as StakeworksError;
      }
      throw new Error('no error');
    })();
    assert.equal(err.mechanism, 'ledger');
    assert.deepEqual(err.details, { asset: 'TKO', account: alice, amount: '101', spendable: '100' });
  });

  it('maxSupply: minting up to it succeeds, one more fails with the asset code', () => {
    const { journal, ledger } = setup();
    tx(journal, () => ledger.mint('TKO', bob, 900n, 'p'));
    assert.equal(ledger.supply('TKO'), 1_000n);
    assert.throws(() => tx(journal, () => ledger.mint('TKO', bob, 1n, 'p')), code('TKO_MINT_DISALLOWED'));
    tx(journal, () => ledger.burn('TKO', bob, 1n, 'p'));
    tx(journal, () => ledger.mint('TKO', alice, 1n, 'p'));
    assert.equal(ledger.supply('TKO'), 1_000n);
    const j2 = new Journal();
    const l2 = new Ledger(new Store(j2).scope('ledger'), () => {});
    l2.declareAsset({ symbol: 'X', decimals: 0, maxSupply: 5n });
    assert.throws(() => l2.mint('X', alice, 6n, 'p'), code('MAX_SUPPLY_EXCEEDED'));
    l2.mint('X', alice, 0n, 'p');
    assert.equal(l2.supply('X'), 0n);
  });

  it('locks reduce the spendable balance; a lock may not exceed the balance', () => {
    const { journal, ledger } = setup();
    tx(journal, () => ledger.setLock('TKO', alice, 'stake', 60n));
    tx(journal, () => ledger.setLock('TKO', alice, 'vote', 30n));
    assert.equal(ledger.lockedOf('TKO', alice), 90n);
    assert.equal(ledger.lockOf('TKO', alice, 'stake'), 60n);
    assert.equal(ledger.spendable('TKO', alice), 10n);
    assert.throws(() => tx(journal, () => ledger.transfer('TKO', alice, bob, 11n, 'p')), code('ERC20_TRANSFER_AMOUNT_EXCEEDS_BALANCE'));
    assert.throws(() => tx(journal, () => ledger.burn('TKO', alice, 11n, 'p')), code('ERC20_BURN_AMOUNT_EXCEEDS_BALANCE'));
    tx(journal, () => ledger.transfer('TKO', alice, bob, 10n, 'p'));
    assert.throws(() => tx(journal, () => ledger.setLock('TKO', alice, 'vote', 31n)), code('ERC20_TRANSFER_AMOUNT_EXCEEDS_BALANCE'));
    // replacing a lock counts the other locks only: 30 + 70 > 90 fails, 30 + 60 = 90 passes
    assert.throws(() => tx(journal, () => ledger.setLock('TKO', alice, 'stake', 61n)), code('ERC20_TRANSFER_AMOUNT_EXCEEDS_BALANCE'));
    tx(journal, () => ledger.setLock('TKO', alice, 'stake', 20n));
    assert.equal(ledger.lockedOf('TKO', alice), 50n);
    tx(journal, () => ledger.setLock('TKO', alice, 'stake', 0n));
    tx(journal, () => ledger.setLock('TKO', alice, 'nothing', 0n));
    assert.equal(ledger.lockOf('TKO', alice, 'stake'), 0n);
    assert.equal(ledger.lockedOf('TKO', alice), 30n);
    tx(journal, () => ledger.setLock('TKO', alice, 'vote', 0n));
    assert.equal(ledger.lockedOf('TKO', alice), 0n);
    assert.deepEqual(ledger.serialize().TKO, {
      balances: new Map([[alice, 90n], [bob, 10n]].sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1)) as Array<[string, bigint]>),
      locks: new Map(),
      escrow: new Map(),
      totals: { genesis: 100n, minted: 0n, burned: 0n, supply: 100n },
    });
    assert.deepEqual(ledger.checkConservation(), []);
  });

  it('escrow: in, out, burn; over-withdrawal fails with ESCROW_INSUFFICIENT', () => {
    const { journal, ledger, events } = setup();
    tx(journal, () => ledger.escrowIn('TKO', 'stakePool', alice, 70n));
    assert.equal(ledger.balanceOf('TKO', alice), 30n);
    assert.equal(ledger.escrowOf('TKO', 'stakePool'), 70n);
    assert.equal(ledger.escrowOf('TKO', 'other'), 0n);
    assert.deepEqual(ledger.checkConservation(), []);
    tx(journal, () => ledger.escrowOut('TKO', 'stakePool', bob, 20n));
    tx(journal, () => ledger.burnEscrow('TKO', 'stakePool', 15n));
    assert.equal(ledger.balanceOf('TKO', bob), 20n);
    assert.equal(ledger.escrowOf('TKO', 'stakePool'), 35n);
    assert.deepEqual(ledger.totalsOf('TKO'), { genesis: 100n, minted: 0n, burned: 15n, supply: 85n });
    assert.throws(() => tx(journal, () => ledger.escrowOut('TKO', 'stakePool', bob, 36n)), code('ESCROW_INSUFFICIENT'));
    assert.throws(() => tx(journal, () => ledger.burnEscrow('TKO', 'stakePool', 36n)), code('ESCROW_INSUFFICIENT'));
    assert.throws(() => tx(journal, () => ledger.escrowIn('TKO', 'stakePool', alice, 31n)), code('ERC20_TRANSFER_AMOUNT_EXCEEDS_BALANCE'));
    assert.deepEqual(events.map((e) => e.name), ['EscrowIn', 'EscrowOut', 'Burn']);
    assert.deepEqual(events[2], { mechanism: 'ledger', name: 'Burn', args: { asset: 'TKO', from: 'stakePool', amount: 15n, by: 'stakePool' } });
    assert.deepEqual((ledger.serialize().TKO as { escrow: Map<string, bigint> }).escrow, new Map([['stakePool', 35n]]));
    assert.deepEqual(ledger.checkConservation(), []);
  });

  it('a failed operation inside a unit leaves balances, totals, locks, escrow and events unchanged', () => {
    const { journal, ledger, events } = setup();
    tx(journal, () => ledger.mint('TKO', bob, 5n, 'p'));
    const before = JSON.stringify(ledger.serialize(), (_k, v) => (typeof v === 'bigint' ? `${v}` : v instanceof Map ? [...v] : v));
    const nEvents = events.length;
    assert.throws(
      () =>
        tx(journal, () => {
          ledger.mint('TKO', alice, 10n, 'p');
          ledger.transfer('TKO', alice, bob, 50n, 'p');
          ledger.setLock('TKO', bob, 'l', 10n);
          ledger.escrowIn('TKO', 'm', bob, 40n);
          ledger.burn('ETH', alice, 50n, 'p');
          ledger.burn('TKO', alice, 61n, 'p'); // alice has 60: fails
        }),
      code('ERC20_BURN_AMOUNT_EXCEEDS_BALANCE'),
    );
    const after = JSON.stringify(ledger.serialize(), (_k, v) => (typeof v === 'bigint' ? `${v}` : v instanceof Map ? [...v] : v));
    assert.equal(after, before);
    assert.equal(events.length, nEvents);
    assert.equal(ledger.balanceOf('TKO', alice), 100n);
    assert.equal(ledger.balanceOf('ETH', alice), 50n);
    assert.equal(ledger.lockedOf('TKO', bob), 0n);
    assert.equal(ledger.escrowOf('TKO', 'm'), 0n);
  });

  it('the conservation check reports a broken book', () => {
    const { ledger } = setup();
    // Reach past the API to corrupt one balance: the check must notice.
    (ledger as unknown as { balances: Map<string, Map<Address, bigint> & { set(k: Address, v: bigint): void }> }).balances.get('TKO')!.set(bob, 7n);
    assert.deepEqual(ledger.checkConservation(), ['TKO: Σ balances + Σ escrow = 107 ≠ supply 100']);
  });

  it('property: random operations keep Σ balances + Σ escrow = genesis + minted − burned; failures change nothing', () => {
    const who = fc.constantFrom(alice, bob, addressOf('carol'));
    const amt = fc.bigInt({ min: 0n, max: 150n });
    const opArb = fc.oneof(
      fc.record({ t: fc.constant('mint'), a: who, x: amt }),
      fc.record({ t: fc.constant('burn'), a: who, x: amt }),
      fc.record({ t: fc.constant('transfer'), a: who, b: who, x: amt }),
      fc.record({ t: fc.constant('lock'), a: who, x: amt }),
      fc.record({ t: fc.constant('in'), a: who, x: amt }),
      fc.record({ t: fc.constant('out'), a: who, x: amt }),
      fc.record({ t: fc.constant('burnEscrow'), x: amt }),
    );
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const { journal, ledger, events } = setup();
        for (const o of ops) {
          const snap = JSON.stringify(ledger.serialize(), (_k, v) => (typeof v === 'bigint' ? `${v}` : v instanceof Map ? [...v] : v));
          const n = events.length;
          try {
            tx(journal, () => {
              const a = (o as { a: Address }).a;
              switch (o.t) {
                case 'mint': return ledger.mint('TKO', a, o.x, 'p');
                case 'burn': return ledger.burn('TKO', a, o.x, 'p');
                case 'transfer': return ledger.transfer('TKO', a, (o as { b: Address }).b, o.x, 'p');
                case 'lock': return ledger.setLock('TKO', a, 'l', o.x);
                case 'in': return ledger.escrowIn('TKO', 'm', a, o.x);
                case 'out': return ledger.escrowOut('TKO', 'm', a, o.x);
                default: return ledger.burnEscrow('TKO', 'm', o.x);
              }
            });
            assert.equal(events.length, n + (o.t === 'lock' ? 0 : 1));
          } catch (e) {
            assert.ok(e instanceof StakeworksError, String(e));
            assert.equal(JSON.stringify(ledger.serialize(), (_k, v) => (typeof v === 'bigint' ? `${v}` : v instanceof Map ? [...v] : v)), snap);
            assert.equal(events.length, n);
          }
          assert.deepEqual(ledger.checkConservation(), []);
          const t = ledger.totalsOf('TKO');
          assert.ok(t.supply <= 1_000n);
        }
      }),
      { numRuns: 300 },
    );
  });
});
