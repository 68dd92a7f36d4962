import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressOf, isAccountName, isAddressLiteral, nameOf, parseAddress, ZERO_ADDRESS } from './address.js';
import { keccakText } from './bytes.js';
import { StakeworksError } from './errors.js';

const invalid = (e: unknown) => e instanceof StakeworksError && e.code === 'INVALID_ARGUMENT';

describe('names and addresses', () => {
  it('a name is the last 20 bytes of keccak256 of its UTF-8 bytes', () => {
    assert.equal(addressOf('alice'), '0x5dad7600c5d89fe3824ffa99ec1c3eb8bf3b0501');
    assert.equal(addressOf('alice'), `0x${keccakText('alice').slice(2 + 24)}`);
    assert.equal(addressOf('bob'), '0x3440326f551b8a7ee198cee35cb5d517f2d296a2');
    assert.equal(addressOf('protocol'), '0xaf96673f31a25f2b1443e6754d93fc40b57e8df2');
    assert.notEqual(addressOf('Alice'), addressOf('alice'));
  });
  it('parseAddress accepts names and 0x addresses (any case) and returns lower case', () => {
    assert.equal(parseAddress('alice'), addressOf('alice'));
    assert.equal(parseAddress('0x5DAD7600C5D89FE3824FFA99EC1C3EB8BF3B0501'), '0x5dad7600c5d89fe3824ffa99ec1c3eb8bf3b0501');
    assert.equal(parseAddress(ZERO_ADDRESS), '0x0000000000000000000000000000000000000000');
    assert.equal(parseAddress('pool_1.a:b-c'), addressOf('pool_1.a:b-c'));
  });
  it('nameOf finds the name an address came from', () => {
    const a = addressOf('carol-the-prover');
    assert.equal(nameOf(a), 'carol-the-prover');
    assert.equal(nameOf(a.toUpperCase().replace('0X', '0x')), 'carol-the-prover');
    assert.equal(nameOf('0x00000000000000000000000000000000000000ff'), undefined);
  });
  it('parseAddress errors are INVALID_ARGUMENT naming the value', () => {
    for (const bad of ['0x123', `0x${'g'.repeat(40)}`, `0x${'a'.repeat(41)}`, '', 'has space', '1alice', `0X${'a'.repeat(40)}`, '0xalice', 'alice!']) {
      assert.throws(() => parseAddress(bad), (e: unknown) => invalid(e) && (e as Error).message.includes(JSON.stringify(bad)), `accepted ${JSON.stringify(bad)}`);
    }
    for (const bad of [42, null, undefined, 10n, { a: 1 }]) {
      assert.throws(() => parseAddress(bad), (e: unknown) => invalid(e) && /expected an address or account name/.test((e as Error).message));
    }
  });
  it('literal and name predicates', () => {
    assert.equal(isAddressLiteral(`0x${'A'.repeat(40)}`), true);
    assert.equal(isAddressLiteral(`0x${'a'.repeat(39)}`), false);
    assert.equal(isAccountName('alice'), true);
    assert.equal(isAccountName('_x'), true);
    assert.equal(isAccountName('0xabc'), false);
    assert.equal(isAccountName('9lives'), false);
    assert.equal(isAccountName(''), false);
  });
});
