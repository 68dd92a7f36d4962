import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressOf, keccakText, type ChainEvent } from '../kernel/index.js';
import { eventMatches, matchEventsExactly, matchEventsInOrder, partialMatch, scalarEquals } from './match.js';

const alice = addressOf('alice');
const bob = addressOf('bob');
const ev = (name: string, args: Record<string, unknown> = {}, mechanism = 'proverPool'): ChainEvent => ({ mechanism, name, args, height: 1, time: 0 });

describe('partialMatch', () => {
  it('integers compare by value across number, decimal string and bigint', () => {
    for (const [e, a] of [[1, '1'], ['1', 1n], [1n, 1], ['320000', 320_000n], [-5, '-5'], ['18446744073709551615', 18_446_744_073_709_551_615n], [0, '0']] as const) {
      assert.deepEqual(partialMatch({ x: e }, { x: a }), [], `${String(e)} vs ${String(a)}`);
    }
    assert.deepEqual(partialMatch({ x: 2 }, { x: 1n }), ['x: expected 2, got "1"']);
    assert.deepEqual(partialMatch({ x: '18446744073709551615' }, { x: 18_446_744_073_709_551_614n }), ['x: expected "18446744073709551615", got "18446744073709551614"']);
    assert.equal(scalarEquals(1, '1.0'), false);
    assert.equal(scalarEquals(true, 'true'), false);
    assert.equal(scalarEquals(true, true), true);
  });

  it('only the keys given are compared; nested objects recurse with a dotted path', () => {
    assert.deepEqual(partialMatch({ staker: { exitAmount: '10' } }, { staker: { exitAmount: 10n, proverId: 3 }, prover: {} }), []);
    assert.deepEqual(partialMatch({ staker: { proverId: 0 } }, { staker: { exitAmount: 10n, proverId: 3 } }), ['staker.proverId: expected 0, got 3']);
    assert.deepEqual(partialMatch({}, { anything: 1 }), []);
  });

  it('missing keys fail unless null is expected', () => {
    assert.deepEqual(partialMatch({ a: 1 }, {}), ['a: missing (expected 1)']);
    assert.deepEqual(partialMatch({ a: { b: 'x' } }, { a: {} }), ['a.b: missing (expected "x")']);
    assert.deepEqual(partialMatch({ a: null }, {}), []);
    assert.deepEqual(partialMatch({ a: null }, { a: 0 }), ['a: expected null, got 0']);
    assert.deepEqual(partialMatch({ a: 1 }, { a: null }), ['a: expected 1, got null']);
  });

  it('names compare as their addresses; hex compares case-insensitively', () => {
    assert.deepEqual(partialMatch({ addr: 'alice' }, { addr: alice }), []);
    assert.deepEqual(partialMatch({ addr: 'alice' }, { addr: alice.toUpperCase().replace('0X', '0x') }), []);
    assert.deepEqual(partialMatch({ addr: 'alice' }, { addr: bob }), [`addr: expected "alice", got "${bob}"`]);
    assert.deepEqual(partialMatch({ addr: alice.toUpperCase().replace('0X', '0x') }, { addr: alice }), []);
    assert.deepEqual(partialMatch({ h: '0xABCDEF' }, { h: '0xabcdef' }), []);
    assert.deepEqual(partialMatch({ h: '0xabcdef' }, { h: '0xabcdee' }), ['h: expected "0xabcdef", got "0xabcdee"']);
    assert.deepEqual(partialMatch({ s: 'Alice' }, { s: 'alice' }), ['s: expected "Alice", got "alice"']);
    assert.deepEqual(partialMatch({ s: 'text' }, { s: 'text' }), []);
  });

  it('a name matches the 32-byte keccak-256 of itself (worker keys), and nothing else of that width', () => {
    assert.equal(scalarEquals('w1', keccakText('w1')), true);
    assert.equal(scalarEquals('w1', keccakText('w1').toUpperCase().replace('0X', '0x')), true);
    assert.equal(scalarEquals('w2', keccakText('w1')), false);
    assert.equal(scalarEquals('w1', `0x${'0'.repeat(64)}`), false);
  });

  it('arrays must have the same length and match element by element', () => {
    assert.deepEqual(partialMatch({ l: [1, 2] }, { l: [1n, '2'] }), []);
    assert.deepEqual(partialMatch({ l: [1, 2] }, { l: [1, 2, 3] }), ['l: expected 2 items, got 3']);
    assert.deepEqual(partialMatch({ l: [{ a: 1 }, { a: 2 }] }, { l: [{ a: 1, b: 0 }, { a: 3 }] }), ['l[1].a: expected 2, got 3']);
    assert.deepEqual(partialMatch([], []), []);
    assert.deepEqual(partialMatch({ l: [] }, { l: 'x' }), ['l: expected a list, got "x"']);
    assert.deepEqual(partialMatch({ o: { a: 1 } }, { o: [1] }), ['o: expected an object, got [1]']);
    assert.deepEqual(partialMatch(5, 6), ['(value): expected 5, got 6']);
  });
});

describe('event matching', () => {
  const actual = [
    ev('Burn', { amount: 5n }, 'ledger'),
    ev('Exited', { addr: alice, amount: 10n }),
    ev('Mint', { amount: 5n }, 'ledger'),
    ev('Staked', { addr: bob, amount: 20n }),
    ev('Exited', { addr: bob, amount: 30n }),
  ];

  it('eventMatches: name, optional mechanism, partial args', () => {
    assert.deepEqual(eventMatches({ name: 'Exited', args: { amount: '10' } }, actual[1]!), []);
    assert.deepEqual(eventMatches({ name: 'Exited' }, actual[1]!), []);
    assert.deepEqual(eventMatches({ name: 'Staked' }, actual[1]!), ['name: expected Staked, got Exited']);
    assert.deepEqual(eventMatches({ name: 'Exited', mechanism: 'stakePool' }, actual[1]!), ['mechanism: expected stakePool, got proverPool']);
    assert.deepEqual(eventMatches({ name: 'Exited', args: { addr: 'bob' } }, actual[1]!), [`args.addr: expected "bob", got "${alice}"`]);
  });

  it('in order: listed events appear in order, others may come between', () => {
    assert.deepEqual(matchEventsInOrder([{ name: 'Exited', args: { addr: 'alice' } }, { name: 'Exited', args: { addr: 'bob' } }], actual), []);
    assert.deepEqual(matchEventsInOrder([{ name: 'Burn' }, { name: 'Staked' }], actual), []);
    assert.deepEqual(matchEventsInOrder([{ name: 'Exited', args: { amount: 30 } }], actual), []); // skips the first Exited
  });

  it('in order: a wrong order or a missing event fails naming it', () => {
    assert.deepEqual(matchEventsInOrder([{ name: 'Staked' }, { name: 'Exited', args: { addr: 'alice' } }], actual), [
      `event #2 Exited not found in order; nearest Exited: args.addr: expected "alice", got "${bob}"`,
    ]);
    assert.deepEqual(matchEventsInOrder([{ name: 'Slashed' }], actual), ['event #1 Slashed not found in order; emitted after the previous match: Burn, Exited, Mint, Staked, Exited']);
    assert.deepEqual(matchEventsInOrder([{ name: 'Exited', args: { addr: 'bob' } }, { name: 'Staked' }], actual), ['event #2 Staked not found in order; emitted after the previous match: (none)']);
    assert.deepEqual(matchEventsInOrder([{ name: 'Exited' }, { name: 'Exited' }, { name: 'Exited' }], actual), ['event #3 Exited not found in order; emitted after the previous match: (none)']);
  });

  it('exactly: every mechanism event one for one, ledger events excluded', () => {
    const all = [{ name: 'Exited', args: { addr: 'alice' } }, { name: 'Staked' }, { name: 'Exited', args: { amount: '30' } }];
    assert.deepEqual(matchEventsExactly(all, actual), []);
    assert.deepEqual(matchEventsExactly(all.slice(0, 2), actual), ['expected exactly 2 event(s) [Exited, Staked], got 3 [Exited, Staked, Exited]']);
    assert.deepEqual(matchEventsExactly([{ name: 'Staked' }, { name: 'Exited' }, { name: 'Exited' }], actual), [
      'event #1: name: expected Staked, got Exited',
      'event #2: name: expected Exited, got Staked',
    ]);
    assert.deepEqual(matchEventsExactly([], [ev('Burn', {}, 'ledger')]), []);
    assert.deepEqual(matchEventsExactly([], actual), ['expected exactly 0 event(s) [], got 3 [Exited, Staked, Exited]']);
  });
});

describe('fractions (metrics, yields) compare exactly', () => {
  it('the float written is the float expected', () => {
    assert.ok(scalarEquals(0.25, 0.25));
    assert.ok(scalarEquals(0.3333333333333333, 1 / 3));
    assert.ok(!scalarEquals(0.3333333333333334, 1 / 3));
    assert.ok(!scalarEquals(0.02868, 0.028679481339));
    assert.ok(!scalarEquals(0.25, '0.25'));
    assert.ok(!scalarEquals(3, 2.9999));
    assert.deepEqual(partialMatch({ gini: 0.2 }, { gini: 0.2 }), []);
    assert.equal(partialMatch({ gini: 0.2 }, { gini: 0.21 }).length, 1);
  });
});
