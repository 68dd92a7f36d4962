import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Chain, type ChainConfig } from '../chain/chain.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type Snapshot } from '../chain/snapshot.js';
import { addressOf } from './address.js';
import { StakeworksError } from './errors.js';
import { canonicalJson } from './json.js';
import { decodeValue, encodeValue } from './snapshot.js';

/**
 * The snapshot value encoding (tagged JSON: bigints, Maps, bytes, undefined) and the checks
 * `Chain.restore` makes of a snapshot document: shape, format, version, mechanisms, parameters,
 * containers, and the recomputed state root.
 */

const roundTrip = (v: unknown): unknown => decodeValue(JSON.parse(JSON.stringify(encodeValue(v))));

const keyArb = fc.string({ unit: fc.constantFrom('a', 'b', 'z', '0', '9', '_', '-', 'n', ' '), minLength: 0, maxLength: 4 });
const numberLike = fc.oneof(
  fc.constantFrom('5', '-3', '0', '007', '1e3', '0x1f', '5n', '1.5', 'NaN', 'true', 'null', '$n', '{"$n":"5"}'),
  fc.bigInt().map((b) => b.toString()),
);
const leafArb = fc.oneof(
  fc.bigInt({ min: -(1n << 300n), max: 1n << 300n }),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.boolean(),
  fc.constant(null),
  numberLike,
  fc.string({ maxLength: 6 }),
  fc.uint8Array({ maxLength: 8 }),
);
const { value: valueArb } = fc.letrec<{ value: unknown; defined: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('defined'), fc.constant(undefined)),
  defined: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.array(tie('value'), { maxLength: 4 }),
    // Record fields are never undefined: an undefined field is left out (tested below).
    fc.dictionary(keyArb, tie('defined'), { maxKeys: 4, noNullPrototype: true }),
    fc.uniqueArray(fc.tuple(keyArb, tie('value')), { maxLength: 3, selector: ([k]) => k }).map((es) => new Map(es)),
    fc.uniqueArray(fc.tuple(fc.oneof(fc.integer({ min: -5, max: 50 }), fc.bigInt({ min: 100n, max: 1n << 80n })), tie('value')), { maxLength: 3, selector: ([k]) => k }).map((es) => new Map(es)),
  ),
}));

describe('snapshot value encoding', () => {
  it('decode(JSON(encode(v))) = v for nested bigints, number-like strings, arrays, records, Maps, bytes and undefined', () => {
    fc.assert(
      fc.property(valueArb, (v) => {
        assert.deepStrictEqual(roundTrip(v), v);
      }),
      { numRuns: 500 },
    );
  });

  it('types survive: 5n, 5 and "5" stay apart; bytes stay bytes; undefined in a list stays', () => {
    const v = [5n, 5, '5', '5n', new Uint8Array([0, 255]), undefined, { n: '-0' }, new Map<unknown, unknown>([[5n, 'b'], [5, 'n']])];
    const back = roundTrip(v) as unknown[];
    assert.deepStrictEqual(back, v);
    assert.equal(typeof back[0], 'bigint');
    assert.equal(typeof back[1], 'number');
    assert.equal(typeof back[2], 'string');
    assert.ok(back[4] instanceof Uint8Array);
    assert.equal(back.length, 8);
    assert.deepEqual(encodeValue(v), [
      { $n: '5' },
      5,
      '5',
      '5n',
      { $bytes: '0x00ff' },
      { $undefined: true },
      { n: '-0' },
      { $map: [[{ $n: '5' }, 'b'], [5, 'n']] },
    ]);
  });

  it('an undefined record field is left out; keys and Map entries are written sorted, so equal values encode alike', () => {
    assert.deepStrictEqual(roundTrip({ a: 1, b: undefined }), { a: 1 });
    assert.equal(JSON.stringify(encodeValue({ b: 1, a: { d: 2n, c: 3 } })), '{"a":{"c":3,"d":{"$n":"2"}},"b":1}');
    assert.equal(JSON.stringify(encodeValue(new Map([['y', 1], ['x', 2]]))), '{"$map":[["x",2],["y",1]]}');
    assert.equal(JSON.stringify(encodeValue(new Map([[10n, 1], [9n, 2]]))), '{"$map":[[{"$n":"9"},2],[{"$n":"10"},1]]}');
    assert.equal(JSON.stringify(encodeValue(undefined)), '{"$undefined":true}');
  });

  it('a state record with a key that starts with $ is refused, at any depth', () => {
    assert.throws(() => encodeValue({ $n: '5' }), { name: 'TypeError', message: 'state record key $n starts with $ (reserved for snapshot tags)' });
    assert.throws(() => encodeValue([{ ok: { $x: 1 } }]), { name: 'TypeError', message: 'state record key $x starts with $ (reserved for snapshot tags)' });
    assert.throws(() => encodeValue(new Map([['k', { a: 1, $b: 2 }]])), /state record key \$b starts with \$/);
    // On the way in: a record with a $ key next to others is no tag and no record.
    assert.throws(() => decodeValue({ $n: '5', x: 1 }), { name: 'TypeError', message: 'unexpected key $n in a snapshot record' });
    assert.throws(() => decodeValue({ a: [{ b: 1, $c: 2 }] }), /unexpected key \$c in a snapshot record/);
  });

  it('bad tags and values are refused', () => {
    const bad: Array<[unknown, RegExp]> = [
      [{ $n: 5 }, /^bad \$n tag 5$/],
      [{ $n: '1.5' }, /^bad \$n tag "1.5"$/],
      [{ $n: '0x10' }, /^bad \$n tag "0x10"$/],
      [{ $n: '' }, /^bad \$n tag ""$/],
      [{ $bytes: 5 }, /^bad \$bytes tag$/],
      [{ $bytes: 'zz' }, /^not a hex string: zz$/],
      [{ $bytes: '0x1' }, /^not a hex string: 0x1$/],
      [{ $map: 'x' }, /^bad \$map tag$/],
      [{ $map: [[1]] }, /^bad \$map entry$/],
      [{ $map: [1] }, /^bad \$map entry$/],
      [{ $nope: 1 }, /^unknown snapshot tag \$nope$/],
      [[1, { $big: '1' }], /^unknown snapshot tag \$big$/],
      [Infinity, /non-finite number Infinity/],
    ];
    for (const [doc, msg] of bad) assert.throws(() => decodeValue(doc), { message: msg }, JSON.stringify(doc));
    assert.throws(() => encodeValue(NaN), /non-finite number: NaN/);
    assert.throws(() => encodeValue({ f: () => 1 }), /cannot snapshot a function/);
    assert.throws(() => encodeValue(Symbol('s')), /cannot snapshot a symbol/);
  });
});

// ---------------------------------------------------------------------------------------------
// Chain.restore refuses what it cannot reproduce.
// ---------------------------------------------------------------------------------------------

const T = 100_000_000n;
const config: ChainConfig = { mechanisms: { proverPool: { preset: 'taiko-a4', maxProvers: 4 } } };

function chain(): Chain {
  const c = Chain.build(config, { time: 1_700_000_000, height: 1, balances: { p0: { TKO: `${10_000n * T}` }, p1: { TKO: `${10_000n * T}` } } });
  for (const [p, amount] of [['p0', 1000n * T], ['p1', 2000n * T]] as const) {
    assert.ok(c.tx(p, 'proverPool.stake', { amount: `${amount}`, rewardPerGas: 10, maxCapacity: 32 }).ok);
  }
  assert.ok(c.tx('p0', 'proverPool.depositTaikoToken', { amount: `${10n * T}` }).ok);
  assert.ok(c.advance({ seconds: 60, blocks: 2 }).ok);
  return c;
}
/** A deep copy of a snapshot, through JSON text (what a file holds). */
const copy = (s: Snapshot): Snapshot => JSON.parse(JSON.stringify(s)) as Snapshot;

function restoreError(snapshot: unknown, cfg: ChainConfig = config): StakeworksError {
  try {
    Chain.restore(cfg, snapshot);
  } catch (e) {
    assert.ok(e instanceof StakeworksError, `not an engine error: ${String(e)}`);
    return e;
  }
  assert.fail('restore accepted the snapshot');
}

describe('Chain.restore checks the snapshot', () => {
  const a = chain();
  const snap = a.snapshot();

  it('the snapshot restores (with or without a trip through JSON text) to the same root, clock and event count', () => {
    assert.equal(snap.format, SNAPSHOT_FORMAT);
    assert.equal(snap.version, SNAPSHOT_VERSION);
    assert.equal(snap.stateRoot, a.stateRoot());
    assert.equal(snap.eventCount, a.events.length);
    for (const doc of [snap, copy(snap)]) {
      const b = Chain.restore(config, doc);
      assert.equal(b.stateRoot(), a.stateRoot());
      assert.deepEqual([b.time, b.height, b.events.length], [a.time, a.height, a.events.length]);
      assert.equal(canonicalJson(b.snapshot()), canonicalJson(snap));
    }
  });

  it('a restore shares nothing with the document or the original chain; one document restores twice alike', () => {
    const c = chain();
    const doc = c.snapshot();
    const text = canonicalJson(doc);
    const b1 = Chain.restore(config, doc);
    const b2 = Chain.restore(config, doc);
    assert.equal(canonicalJson(doc), text, 'restore left the document as it was');
    assert.ok(c.tx('p1', 'proverPool.depositTaikoToken', { amount: `${T}` }).ok);
    assert.ok(b1.tx('p0', 'proverPool.depositTaikoToken', { amount: `${2n * T}` }).ok);
    assert.equal(canonicalJson(b2.snapshot()), text, 'writes to the original or a sibling restore reached this one');
    assert.equal(canonicalJson(doc), text);
    assert.notEqual(b1.stateRoot(), c.stateRoot());
  });

  it('restore honours its options: recordChanges and retainEvents', () => {
    const quiet = Chain.restore(config, copy(snap), { recordChanges: false, retainEvents: false });
    const o = quiet.tx('p0', 'proverPool.depositTaikoToken', { amount: `${T}` });
    assert.ok(o.ok);
    assert.equal(Object.hasOwn(o, 'changes'), false);
    assert.deepEqual(o.events, []);
    assert.equal(quiet.events.length, snap.eventCount + 1, 'the Burn is still counted');
    const loud = Chain.restore(config, copy(snap));
    const o2 = loud.tx('p0', 'proverPool.depositTaikoToken', { amount: `${T}` });
    assert.deepEqual(o2.events.map((e) => e.name), ['Burn']);
    assert.equal(o2.changes!.length, 4);
    assert.equal(quiet.stateRoot(), loud.stateRoot());
  });

  it('a changed balance: SNAPSHOT_INVALID naming the root mismatch', () => {
    const s = copy(snap);
    const book = s.containers['ledger/TKO/balances'] as Array<[string, { $n: string }]>;
    const entry = book.find(([k]) => k === addressOf('p1'))!;
    assert.equal(entry[1].$n, `${8000n * T}`);
    entry[1] = { $n: `${8000n * T + 1n}` };
    const e = restoreError(s);
    assert.equal(e.code, 'SNAPSHOT_INVALID');
    assert.match(e.message, new RegExp(`^the restored state has root 0x[0-9a-f]{64}, the snapshot recorded ${snap.stateRoot}$`));
    assert.equal(e.details.expected, snap.stateRoot);
    assert.notEqual(e.details.actual, snap.stateRoot);
  });

  it('a changed recorded root, a changed cell, a dropped map entry: the root mismatch too', () => {
    const wrongRoot = copy(snap);
    wrongRoot.stateRoot = `0x${'ab'.repeat(32)}`;
    assert.match(restoreError(wrongRoot).message, /^the restored state has root 0x[0-9a-f]{64}, the snapshot recorded 0x(ab){32}$/);
    const cell = copy(snap);
    cell.containers['proverPool/numBlocks'] = 2;
    assert.match(restoreError(cell).message, /^the restored state has root /);
    const dropped = copy(snap);
    (dropped.containers['proverPool/stakers'] as unknown[]).pop();
    assert.match(restoreError(dropped).message, /^the restored state has root /);
  });

  it('wrong shape, format, version, counts or root text: SNAPSHOT_INVALID naming the field', () => {
    const cases: Array<[(s: Record<string, unknown>) => unknown, string]> = [
      [() => null, 'a snapshot must be an object'],
      [() => [snap], 'a snapshot must be an object'],
      [() => 'snapshot', 'a snapshot must be an object'],
      [(s) => ({ ...s, format: 'other' }), 'snapshot.format must be "stakeworks-snapshot", got "other"'],
      [(s) => ({ ...s, format: undefined }), 'snapshot.format must be "stakeworks-snapshot", got undefined'],
      [(s) => ({ ...s, version: 2 }), 'snapshot.version 2 is not supported (this engine reads version 1)'],
      [(s) => ({ ...s, version: '1' }), 'snapshot.version "1" is not supported (this engine reads version 1)'],
      [(s) => ({ ...s, eventCount: -1 }), 'snapshot.eventCount must be a non-negative integer'],
      [(s) => ({ ...s, eventCount: 1.5 }), 'snapshot.eventCount must be a non-negative integer'],
      [(s) => ({ ...s, stateRoot: '0x1234' }), 'snapshot.stateRoot must be a 32-byte hex string'],
      [(s) => ({ ...s, stateRoot: (s.stateRoot as string).toUpperCase() }), 'snapshot.stateRoot must be a 32-byte hex string'],
      [(s) => ({ ...s, mechanisms: {} }), 'snapshot.mechanisms must be a list'],
      [(s) => ({ ...s, containers: [] }), 'snapshot.containers must be an object'],
      [(s) => ({ ...s, containers: null }), 'snapshot.containers must be an object'],
    ];
    for (const [edit, message] of cases) {
      const e = restoreError(edit(copy(snap) as unknown as Record<string, unknown>));
      assert.equal(e.code, 'SNAPSHOT_INVALID', message);
      assert.equal(e.message, message);
    }
  });

  it('another chain configuration: other mechanisms, other parameters', () => {
    const other = restoreError(copy(snap), { mechanisms: { stakePool: { preset: 'phala-khala-v1' } } });
    assert.equal(other.code, 'SNAPSHOT_INVALID');
    assert.equal(other.message, 'the snapshot was taken of a chain of proverPool; this configuration builds stakePool');
    const two = restoreError(copy(snap), { mechanisms: { proverPool: { preset: 'taiko-a4', maxProvers: 4 }, stakePool: { preset: 'phala-khala-v1' } } });
    assert.equal(two.message, 'the snapshot was taken of a chain of proverPool; this configuration builds proverPool, stakePool');
    for (const cfg of [{ preset: 'taiko-a4', maxProvers: 5 }, { preset: 'staking-proposal', maxProvers: 4 }, { preset: 'taiko-a4' }]) {
      const e = restoreError(copy(snap), { mechanisms: { proverPool: cfg } });
      assert.equal(e.code, 'SNAPSHOT_INVALID');
      assert.equal(e.message, 'the parameters of proverPool differ from those the snapshot was taken with');
      assert.equal(e.details.mechanism, 'proverPool');
    }
    // The same effective parameters written another way are the same parameters.
    assert.equal(Chain.restore({ mechanisms: { proverPool: { preset: 'taiko-a4', maxProvers: '4' } } }, copy(snap)).stateRoot(), snap.stateRoot);
    const renamed = copy(snap);
    renamed.mechanisms[0]!.kind = 'sequencerStaking';
    assert.equal(restoreError(renamed).message, 'the snapshot was taken of a chain of sequencerStaking; this configuration builds proverPool');
  });

  it('a missing container, an unknown one, a cache, or content of the wrong shape: SNAPSHOT_INVALID naming it', () => {
    const missing = copy(snap);
    delete missing.containers['proverPool/stakers'];
    const e = restoreError(missing);
    assert.equal(e.code, 'SNAPSHOT_INVALID');
    assert.equal(e.message, 'the snapshot lacks the container proverPool/stakers');
    assert.equal(e.details.container, 'proverPool/stakers');
    const clock = copy(snap);
    delete clock.containers['clock/time'];
    assert.equal(restoreError(clock).message, 'the snapshot lacks the container clock/time');

    const extra = copy(snap);
    extra.containers['proverPool/nope'] = [];
    assert.equal(restoreError(extra).message, 'the snapshot holds a container proverPool/nope this chain does not have');

    const shape = copy(snap);
    shape.containers['proverPool/stakers'] = { not: 'a list' };
    const s = restoreError(shape);
    assert.equal(s.code, 'SNAPSHOT_INVALID');
    assert.equal(s.message, 'snapshot container proverPool/stakers: proverPool/stakers: expected a list of entries');
    const entry = copy(snap);
    entry.containers['proverPool/balances'] = [[1, 2, 3]];
    assert.equal(restoreError(entry).message, 'snapshot container proverPool/balances: proverPool/balances: expected [key, value] entries');
    const tag = copy(snap);
    tag.containers['proverPool/numBlocks'] = { $n: 'x' };
    assert.equal(restoreError(tag).message, 'snapshot container proverPool/numBlocks: bad $n tag "x"');
  });

  it('a sequencer snapshot: a cache container is refused, so is a malformed ranking', () => {
    const cfg: ChainConfig = { mechanisms: { sequencerStaking: { preset: 'morph-v0.4', initialStakers: ['p0', 'p1'] } } };
    const s = Chain.build(cfg, { time: 0, height: 1 }).snapshot();
    assert.ok(!Object.hasOwn(s.containers, 'sequencerStaking/pendingRedelegations'), 'caches are not written');
    const cache = copy(s);
    cache.containers['sequencerStaking/pendingRedelegations'] = [];
    assert.equal(restoreError(cache, cfg).message, 'the snapshot holds a container sequencerStaking/pendingRedelegations this chain does not have');
    const rank = copy(s);
    rank.containers['sequencerStaking/ranking'] = ['p0'];
    assert.equal(restoreError(rank, cfg).message, 'snapshot container sequencerStaking/ranking: sequencerStaking/ranking: expected a list of addresses');
  });
});
