import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Chain, type Outcome } from '../chain/chain.js';
import { mechanismRegistry } from '../chain/registry.js';
import { EventLog } from './events.js';
import { JCell, JList, JMap, Journal, type Change, type Key } from './journal.js';
import { addressOf } from './address.js';
import { canonicalJson } from './json.js';
import { decodeValue, encodeValue } from './snapshot.js';
import type { Mechanism, MechanismModule } from './mechanism.js';
import { argsOf, smallUint } from './args.js';
import { RankIndex } from '../mechanisms/sequencer-staking/rankIndex.js';
import { proverPoolDriver, sequencerDriver, Session, stakePoolDriver, type Driver } from '../testing/drivers.js';

/**
 * The journal's bookkeeping (one record per key per unit, exact nested rollback, list
 * operations) and the change sets built from it (`Outcome.changes`): exact entries on real
 * chains, what failed steps report, `recordChanges: false`, and a replica that applies every
 * step's changes and must end equal to the chain's state.
 */

class Boom extends Error {}
const failing = (j: Journal, fn: () => void) =>
  assert.throws(
    () =>
      j.atomic(() => {
        fn();
        throw new Boom('rollback');
      }),
    Boom,
  );

describe('journal: one record per key per unit', () => {
  it('1,000 writes to one map key, one cell, one list position and 100 events in a unit: one record each', () => {
    const j = new Journal();
    const m = new JMap<string, number>(j, 'm');
    const c = new JCell(j, 0, 'c');
    const l = new JList<number>(j, 'l');
    const ev = new EventLog(j);
    l.push(0);
    assert.equal(j.recordCount, 0, 'writes outside a unit are not recorded');
    j.resetPeak();
    j.atomic(() => {
      for (let i = 1; i <= 1000; i++) m.set('a', i);
      assert.equal(j.recordCount, 1);
      for (let i = 1; i <= 1000; i++) c.set(i);
      assert.equal(j.recordCount, 2);
      for (let i = 1; i <= 1000; i++) l.set(0, i);
      assert.equal(j.recordCount, 3);
      for (let i = 0; i < 100; i++) ev.emit({ mechanism: 't', name: 'E', args: {}, height: 0, time: 0 });
      assert.equal(j.recordCount, 4);
    });
    assert.equal(j.peakRecords, 4);
    assert.equal(j.recordCount, 0, 'a committed outermost unit holds no records');
    assert.deepEqual([m.get('a'), c.get(), l.at(0), ev.length], [1000, 1000, 1000, 100]);
  });

  it('distinct keys are one record each; writing the value a key holds, or deleting an absent key, records nothing', () => {
    const j = new Journal();
    const m = new JMap<number, string>(j, 'm');
    const c = new JCell(j, 'x', 'c');
    m.set(1, 'one');
    j.atomic(() => {
      for (let k = 0; k < 50; k++) m.set(k, `v${k}`);
      assert.equal(j.recordCount, 50);
      m.set(7, 'v7');
      m.delete(99);
      c.set('x');
      assert.equal(j.recordCount, 50);
      m.delete(3);
      assert.equal(j.recordCount, 50, 'deleting a key already recorded in this unit');
    });
  });

  it('nested units: one more record per unit level that writes the key, and a new unit records again', () => {
    const j = new Journal();
    const m = new JMap<string, number>(j, 'm');
    const c = new JCell(j, 0, 'c');
    j.resetPeak();
    j.atomic(() => {
      for (let i = 0; i < 1000; i++) m.set('a', i);
      c.set(1);
      assert.equal(j.recordCount, 2);
      j.atomic(() => {
        for (let i = 0; i < 1000; i++) m.set('a', -i);
        assert.equal(j.recordCount, 3);
        j.atomic(() => {
          for (let i = 0; i < 1000; i++) m.set('a', i + 5);
          c.set(2);
          c.set(3);
          assert.equal(j.recordCount, 5);
        });
        assert.equal(j.recordCount, 5, 'a committed inner unit hands its records to the outer one');
      });
      j.atomic(() => {
        m.set('a', 42);
        assert.equal(j.recordCount, 6, 'a sibling unit is a new unit');
      });
      m.set('a', 43);
      assert.equal(j.recordCount, 7, 'the outer unit writes the key again after inner units did: one more record');
      m.set('a', 44);
      assert.equal(j.recordCount, 7);
    });
    assert.equal(j.peakRecords, 7);
    j.atomic(() => {
      m.set('a', 1);
      assert.equal(j.recordCount, 1, 'the next outermost unit starts afresh');
    });
  });
});

describe('journal: nested rollback is exact', () => {
  it('an inner failure after outer writes to the same key restores the outer value, not the original', () => {
    const j = new Journal();
    const m = new JMap<string, number>(j, 'm');
    const c = new JCell(j, 0, 'c');
    m.set('a', 0);
    j.atomic(() => {
      m.set('a', 1);
      m.set('b', 10);
      c.set(1);
      failing(j, () => {
        m.set('a', 2);
        m.set('a', 3);
        m.delete('b');
        m.set('new', 5);
        c.set(2);
      });
      assert.deepEqual([m.get('a'), m.get('b'), m.has('new'), c.get()], [1, 10, false, 1]);
    });
    assert.deepEqual([m.get('a'), m.get('b'), c.get()], [1, 10, 1]);
  });

  it('committed inner, failed sibling, more outer writes, then the outer fails: everything is back', () => {
    const j = new Journal();
    const m = new JMap<string, number>(j, 'm');
    m.set('a', 0);
    failing(j, () => {
      m.set('a', 1);
      j.atomic(() => m.set('a', 2));
      assert.equal(m.get('a'), 2);
      failing(j, () => {
        m.set('a', 3);
        m.delete('a');
      });
      assert.equal(m.get('a'), 2, 'the failed sibling restores the committed inner value');
      m.set('a', 5);
      m.set('z', 1);
    });
    assert.equal(m.get('a'), 0);
    assert.equal(m.has('z'), false);
  });

  it('JList: shifting operations, then sets, then a rollback give the list back', () => {
    const j = new Journal();
    const l = new JList<number>(j, 'l');
    for (const v of [1, 2, 3]) l.push(v);
    failing(j, () => {
      l.set(1, 20); // [1, 20, 3]
      l.insertAt(0, 9); // [9, 1, 20, 3]
      l.set(1, 7); // [9, 7, 20, 3]: position 1 now holds what was position 0
      l.removeAt(2); // [9, 7, 3]
      l.set(0, 8); // [8, 7, 3]
      l.shift(); // [7, 3]
      l.push(4); // [7, 3, 4]
      l.set(2, 5); // [7, 3, 5]
      l.set(0, 6); // [6, 3, 5]
      assert.deepEqual([...l.toArray()], [6, 3, 5]);
    });
    assert.deepEqual([...l.toArray()], [1, 2, 3]);
    j.atomic(() => {
      l.set(0, 11);
      failing(j, () => {
        l.removeAt(0);
        l.set(0, 99);
        l.pop();
        l.insertAt(1, 42);
      });
      assert.deepEqual([...l.toArray()], [11, 2, 3]);
      l.pop();
      l.set(0, 12);
    });
    assert.deepEqual([...l.toArray()], [12, 2]);
  });
});

// ---------------------------------------------------------------------------------------------
// Change sets on real chains.
// ---------------------------------------------------------------------------------------------

const T = 100_000_000n;
const ok = (o: Outcome): Outcome => {
  assert.ok(o.ok, o.error?.message);
  return o;
};
const proverChain = (options = {}) =>
  Chain.build({ mechanisms: { proverPool: { preset: 'taiko-a4' } } }, { time: 1_700_000_000, height: 1, balances: { p0: { TKO: `${10_000n * T}` } } }, options);

describe('change sets: exact entries', () => {
  it('proverPool.depositTaikoToken: the wallet, the ledger totals, the internal balance and the pool totals', () => {
    const chain = proverChain();
    const p0 = addressOf('p0');
    const o = ok(chain.tx('p0', 'proverPool.depositTaikoToken', { amount: `${2500n * T}` }));
    assert.deepEqual(o.changes, [
      { container: 'ledger/TKO/balances', key: p0, value: 7500n * T },
      { container: 'ledger/totals', key: 'TKO', value: { genesis: 10_000n * T, minted: 0n, burned: 2500n * T, supply: 7500n * T } },
      { container: 'proverPool/balances', key: p0, value: 2500n * T },
      { container: 'proverPool/totals', value: { burned: 2500n * T, minted: 0n, slashed: 0n, blockFees: 0n, refunds: 0n, rewards: 0n } },
    ]);
    // The rest of the wallet: the emptied balance is no entry any more.
    const o2 = ok(chain.tx('p0', 'proverPool.depositTaikoToken', { amount: `${7500n * T}` }));
    assert.deepEqual(o2.changes, [
      { container: 'ledger/TKO/balances', key: p0, deleted: true },
      { container: 'ledger/totals', key: 'TKO', value: { genesis: 10_000n * T, minted: 0n, burned: 10_000n * T, supply: 0n } },
      { container: 'proverPool/balances', key: p0, value: 10_000n * T },
      { container: 'proverPool/totals', value: { burned: 10_000n * T, minted: 0n, slashed: 0n, blockFees: 0n, refunds: 0n, rewards: 0n } },
    ]);
  });

  it('JMap and JCell: a value put back, or a key created and deleted, within a step is no change', () => {
    const j = new Journal();
    const m = new JMap<string, { v: number }>(j, 'm');
    const c = new JCell(j, 'x', 'c');
    const one = { v: 1 };
    m.set('a', one);
    m.set('gone', { v: 9 });
    const changed: Change[] = [];
    j.onCommit = (log) => {
      const by = new Map<unknown, Array<[unknown, unknown]>>();
      for (let i = 0; i < log.length; i += 3) {
        if (!by.has(log[i])) by.set(log[i], []);
        by.get(log[i])!.push([log[i + 1], log[i + 2]]);
      }
      for (const [target, recs] of by) changed.push(...(target as JMap<string, unknown>).changes(recs));
    };
    j.atomic(() => {
      m.set('a', { v: 2 });
      m.set('a', one); // the very record the step started with
      m.set('tmp', { v: 3 });
      m.delete('tmp');
      c.set('y');
      c.set('x');
      m.delete('gone');
      m.set('b', { v: 4 });
    });
    // Keys sorted within the container.
    assert.deepEqual(changed, [
      { container: 'm', key: 'b', value: { v: 4 } },
      { container: 'm', key: 'gone', deleted: true },
    ]);
  });

  it('a step that does nothing has no changes', () => {
    const chain = proverChain();
    ok(chain.tx('p0', 'proverPool.stake', { amount: `${1000n * T}`, rewardPerGas: 10, maxCapacity: 32 }));
    assert.deepEqual(ok(chain.tx('p0', 'proverPool.depositTaikoToken', { amount: '0' })).changes, []);
    assert.deepEqual(ok(chain.query('proverPool.getState')).changes, []);
    assert.deepEqual(ok(chain.advance({ seconds: 0 })).changes, []);
  });

  it('sequencer ranking: a move is reported as removeAt and insertAt; the start-of-rewards sort as the whole list', () => {
    const E = 10n ** 18n;
    const chain = Chain.build(
      { mechanisms: { sequencerStaking: { preset: 'morph-v0.4', initialStakers: ['p0', 'p1', 'p2'] } } },
      { time: 0, height: 1, balances: { d0: { MORPH: `${10n * E}` }, d1: { MORPH: `${10n * E}` } } },
    );
    const [p0, p1, p2] = ['p0', 'p1', 'p2'].map(addressOf);
    ok(chain.tx('d1', 'sequencerStaking.delegateStake', { delegatee: 'p1', amount: `${E}` }));
    ok(chain.advance({ seconds: 86_401, blocks: 1 }));
    const start = ok(chain.tx('owner', 'sequencerStaking.startReward'));
    assert.deepEqual(start.changes!.filter((c) => c.container === 'sequencerStaking/ranking'), [{ container: 'sequencerStaking/ranking', value: [p1, p0, p2] }]);
    const d = ok(chain.tx('d0', 'sequencerStaking.delegateStake', { delegatee: 'p2', amount: `${2n * E}` }));
    assert.deepEqual(d.changes!.filter((c) => c.container === 'sequencerStaking/ranking'), [
      { container: 'sequencerStaking/ranking', removeAt: 2 },
      { container: 'sequencerStaking/ranking', insertAt: 0, value: p2 },
    ]);
  });

  it('a JList that shifts positions in a step reports the whole list; one that only sets positions, each of them', () => {
    const j = new Journal();
    const l = new JList<number>(j, 'l');
    for (const v of [1, 2, 3]) l.push(v);
    let log: unknown[] = [];
    j.onCommit = (recs) => (log = [...recs]);
    const changesOf = () => {
      const recs: Array<[unknown, unknown]> = [];
      for (let i = 0; i < log.length; i += 3) recs.push([log[i + 1], log[i + 2]]);
      return l.changes(recs);
    };
    j.atomic(() => {
      l.set(2, 30);
      l.set(0, 10);
      l.set(0, 1); // back to what it was: no change
    });
    assert.deepEqual(changesOf(), [{ container: 'l', key: 2, value: 30 }]);
    j.atomic(() => {
      l.set(1, 20);
      l.insertAt(0, 0);
    });
    assert.deepEqual(changesOf(), [{ container: 'l', value: [0, 1, 20, 30] }]);
  });

  it('a failed transaction reports no changes and no events', () => {
    const chain = proverChain();
    const before = chain.stateRoot();
    const o = chain.tx('p0', 'proverPool.depositTaikoToken', { amount: `${10_001n * T}` });
    assert.equal(o.error?.code, 'ERC20_BURN_AMOUNT_EXCEEDS_BALANCE');
    assert.deepEqual(o.changes, []);
    assert.deepEqual(o.events, []);
    assert.equal(chain.stateRoot(), before);
    const bad = chain.tx('p0', 'proverPool.depositTaikoToken', { amount: 'lots' });
    assert.equal(bad.error?.code, 'INVALID_ARGUMENT');
    assert.deepEqual(bad.changes, []);
  });

  it('recordChanges: false gives no change sets (tx, trustedTx, query, advance), and the same state', () => {
    const a = proverChain({ recordChanges: false });
    const b = proverChain();
    const outs = [
      a.tx('p0', 'proverPool.depositTaikoToken', { amount: `${T}` }),
      a.trustedTx(addressOf('p0'), 'proverPool.depositTaikoToken', { amount: T }),
      a.tx('p0', 'proverPool.depositTaikoToken', { amount: `${100_000n * T}` }),
      a.query('proverPool.getState'),
      a.advance({ seconds: 12, blocks: 1 }),
    ];
    assert.deepEqual(outs.map((o) => o.ok), [true, true, false, true, true]);
    for (const o of outs) assert.equal(Object.hasOwn(o, 'changes'), false);
    ok(b.tx('p0', 'proverPool.depositTaikoToken', { amount: `${T}` }));
    const t = ok(b.trustedTx(addressOf('p0'), 'proverPool.depositTaikoToken', { amount: T }));
    assert.deepEqual(t.changes!.map((c) => c.container), ['ledger/TKO/balances', 'ledger/totals', 'proverPool/balances', 'proverPool/totals']);
    ok(b.advance({ seconds: 12, blocks: 1 }));
    assert.equal(a.stateRoot(), b.stateRoot());
  });
});

/**
 * A mechanism whose time-driven work is due by height: it runs at the first sync after a block
 * (the one the next step, a root or a snapshot triggers), so it is committed on its own, before
 * the step's action, and reported with that step even when the action fails.
 */
const tickerModule: MechanismModule<Record<string, never>, undefined> = {
  kind: 'ticker',
  summary: 'test mechanism: sync records the height it has seen',
  presets: { default: {} },
  defaultPreset: 'default',
  params: () => ({}),
  assets: () => [],
  errors: { TOO_MUCH: 'the count would pass 10' },
  create(ctx): Mechanism {
    const seen = ctx.store.cell('seenHeight', ctx.clock.height);
    const count = ctx.store.cell('count', 0);
    return {
      actions: {
        add: {
          summary: 'adds; fails above 10',
          args: argsOf({ by: smallUint(32) }),
          run: (_sender, { by }) => {
            count.set(count.get() + by);
            if (count.get() > 10) ctx.fail('TOO_MUCH', 'count above 10');
          },
        },
      },
      queries: {},
      sync: () => {
        if (ctx.clock.height > seen.get()) seen.set(ctx.clock.height);
      },
      invariants: [],
    };
  },
};

describe('change sets: time-driven work', () => {
  const registry = new Map([...mechanismRegistry, ['ticker', tickerModule as MechanismModule]]);
  const build = () => Chain.build({ mechanisms: { ticker: {} } }, { time: 0, height: 5 }, { registry });

  it('a failed transaction reports only the sync it triggered', () => {
    const chain = build();
    const adv = ok(chain.advance({ seconds: 10, blocks: 1 }));
    // The block's sync ran at height 5; closing the block moved the clock to 6.
    assert.deepEqual(adv.changes, [
      { container: 'clock/height', value: 6 },
      { container: 'clock/time', value: 10 },
    ]);
    const o = chain.tx('anyone', 'ticker.add', { by: 11 });
    assert.equal(o.error?.code, 'TOO_MUCH');
    assert.deepEqual(o.changes, [{ container: 'ticker/seenHeight', value: 6 }]);
    assert.deepEqual(o.events, []);
    assert.deepEqual(ok(chain.tx('anyone', 'ticker.add', { by: 3 })).changes, [{ container: 'ticker/count', value: 3 }]);
  });

  it('a sync run by stateRoot() is reported with the next step', () => {
    const chain = build();
    ok(chain.advance({ seconds: 0, blocks: 2 }));
    chain.stateRoot();
    const o = ok(chain.tx('anyone', 'ticker.add', { by: 1 }));
    assert.deepEqual(o.changes, [
      { container: 'ticker/count', value: 1 },
      { container: 'ticker/seenHeight', value: 7 },
    ]);
    assert.deepEqual(ok(chain.tx('anyone', 'ticker.add', { by: 1 })).changes, [{ container: 'ticker/count', value: 2 }]);
  });
});

// ---------------------------------------------------------------------------------------------
// A replica fed with every step's changes ends equal to the chain.
// ---------------------------------------------------------------------------------------------

type Shape = 'map' | 'cell' | 'list';

/** The state as a consumer of change sets would hold it, started from a snapshot. */
class Replica {
  private readonly maps = new Map<string, Map<Key, unknown>>();
  private readonly cells = new Map<string, unknown>();
  private readonly lists = new Map<string, unknown[]>();
  private readonly shapes = new Map<string, Shape>();

  constructor(chain: Chain) {
    const snap = chain.snapshot();
    for (const [name, doc] of Object.entries(snap.containers)) {
      const c = chain.store.get(name)!;
      const shape: Shape = c instanceof JMap ? 'map' : c instanceof JCell ? 'cell' : 'list';
      this.shapes.set(name, shape);
      if (shape === 'map') this.maps.set(name, new Map((doc as unknown[][]).map(([k, v]) => [decodeValue(k) as Key, decodeValue(v)])));
      else if (shape === 'cell') this.cells.set(name, decodeValue(doc));
      else this.lists.set(name, (doc as unknown[]).map(decodeValue));
    }
  }

  apply(ch: Change): void {
    const shape = this.shapes.get(ch.container);
    assert.ok(shape, `a change of ${ch.container}, which is not a state container (a cache?)`);
    if ('insertAt' in ch) this.lists.get(ch.container)!.splice(ch.insertAt, 0, ch.value);
    else if ('removeAt' in ch) this.lists.get(ch.container)!.splice(ch.removeAt, 1);
    else if ('deleted' in ch) {
      assert.equal(shape, 'map');
      assert.ok(this.maps.get(ch.container)!.has(ch.key!), `${ch.container}: deleted ${String(ch.key)}, which the replica does not hold`);
      this.maps.get(ch.container)!.delete(ch.key!);
    } else if (ch.key !== undefined) {
      if (shape === 'map') this.maps.get(ch.container)!.set(ch.key, ch.value);
      else {
        const l = this.lists.get(ch.container)!;
        assert.ok(typeof ch.key === 'number' && ch.key < l.length, `${ch.container}: set at ${String(ch.key)} beyond the replica's ${l.length}`);
        l[ch.key] = ch.value;
      }
    } else if (shape === 'cell') this.cells.set(ch.container, ch.value);
    else {
      assert.equal(shape, 'list', `${ch.container}: a keyless change of a map`);
      this.lists.set(ch.container, [...(ch.value as unknown[])]);
    }
  }

  /** The containers in the snapshot's encoding. */
  dump(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, shape] of this.shapes) {
      if (shape === 'map') {
        const entries = [...this.maps.get(name)!].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        out[name] = entries.map(([k, v]) => [encodeValue(k), encodeValue(v)]);
      } else if (shape === 'cell') out[name] = encodeValue(this.cells.get(name));
      else out[name] = this.lists.get(name)!.map(encodeValue);
    }
    return out;
  }
}

function replicaProperty<C>(d: Driver<C>, runs: number, seed: number): void {
  fc.assert(
    fc.property(fc.array(d.cmd, { minLength: 10, maxLength: 50, size: 'max' }), (cmds) => {
      const chain = d.build();
      const replica = new Replica(chain);
      let n = 0;
      for (const c of cmds) {
        const s = new Session(chain);
        d.apply(s, c);
        for (const o of s.outcomes) for (const ch of o.changes!) {
          replica.apply(ch);
          n++;
        }
      }
      const want = chain.snapshot().containers;
      const got = replica.dump();
      for (const name of Object.keys(want)) assert.equal(canonicalJson(got[name]), canonicalJson(want[name]), `container ${name} (after ${n} changes)`);
    }),
    { numRuns: Number(process.env.CHANGES_RUNS ?? runs), seed: process.env.CHANGES_SEED ? Number(process.env.CHANGES_SEED) : seed },
  );
}

describe('change sets are complete: a replica that applies every step\'s changes ends equal to the chain', () => {
  for (const [i, d] of [proverPoolDriver('taiko-a4'), proverPoolDriver('staking-proposal'), sequencerDriver('morph-v0.4', { ownerResets: true }), stakePoolDriver()].entries()) {
    it(d.label, () => replicaProperty(d as Driver<unknown>, i === 2 ? 12 : 20, 9101 + i));
  }
});

/**
 * The ranking treap is a container of its own whose change entries are list operations. Replayed
 * in order on the list as it was, a step's entries must give the list as it is.
 */
describe('change sets of the ranking index replay to the list', () => {
  const addrs = Array.from({ length: 12 }, (_, i) => addressOf(`r${i}`));
  type ROp = { op: 'insert'; at: number; a: number } | { op: 'remove'; at: number } | { op: 'replace'; perm: number[] };

  function replay(before: readonly string[], changes: readonly Change[]): string[] {
    let l = [...before];
    for (const ch of changes) {
      if ('insertAt' in ch) l.splice(ch.insertAt, 0, ch.value as string);
      else if ('removeAt' in ch) l.splice(ch.removeAt, 1);
      else if ('value' in ch) l = [...(ch.value as string[])];
      else assert.fail(`a deletion in a list: ${JSON.stringify(ch)}`);
    }
    return l;
  }

  function runStep(ops: ROp[]): { before: string[]; after: string[]; changes: Change[] } {
    const j = new Journal();
    const index = new RankIndex(j, 'seq/ranking');
    for (const a of addrs.slice(0, 5)) index.insertAt(index.length, a);
    const before = index.toArray();
    let log: unknown[] = [];
    j.onCommit = (recs) => (log = [...recs]);
    j.atomic(() => {
      for (const o of ops) {
        if (o.op === 'insert') {
          const a = addrs[o.a]!;
          if (!index.has(a)) index.insertAt(Math.min(o.at, index.length), a);
        } else if (o.op === 'remove') {
          if (index.length > 0) index.removeAt(o.at % index.length);
        } else {
          const list = index.toArray();
          index.replaceAll(o.perm.filter((i) => i < list.length).map((i) => list[i]!).concat(list.filter((_, i) => !o.perm.includes(i))));
        }
      }
    });
    const recs: Array<[unknown, unknown]> = [];
    for (let i = 0; i < log.length; i += 3) recs.push([log[i + 1], log[i + 2]]);
    return { before, after: index.toArray(), changes: index.changes(recs) };
  }

  const moveArb: fc.Arbitrary<ROp> = fc.oneof(
    fc.record({ op: fc.constant('insert' as const), at: fc.nat(12), a: fc.nat(11) }),
    fc.record({ op: fc.constant('remove' as const), at: fc.nat(12) }),
  );
  const replaceArb: fc.Arbitrary<ROp> = fc.record({ op: fc.constant('replace' as const), perm: fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6, 7], { minLength: 8 }) });

  it('inserts and removes (what delegations, registrations and removals do)', () => {
    fc.assert(
      fc.property(fc.array(moveArb, { maxLength: 12 }), (ops) => {
        const { before, after, changes } = runStep(ops);
        assert.deepEqual(replay(before, changes), after);
      }),
      { numRuns: 200 },
    );
  });

  it('a whole-list sort as the last operation of a step (what startReward does)', () => {
    fc.assert(
      fc.property(fc.array(moveArb, { maxLength: 6 }), replaceArb, (ops, sort) => {
        const { before, after, changes } = runStep([...ops, sort]);
        assert.deepEqual(replay(before, changes), after);
      }),
      { numRuns: 100 },
    );
  });

  it(
    'a whole-list sort followed by a move in the same step',
    () => {
      const { before, after, changes } = runStep([{ op: 'replace', perm: [4, 3, 2, 1, 0, 5, 6, 7] }, { op: 'insert', at: 0, a: 9 }]);
      assert.deepEqual(after, [addrs[9], addrs[4], addrs[3], addrs[2], addrs[1], addrs[0]]);
      assert.deepEqual(replay(before, changes), after);
    },
  );
});
