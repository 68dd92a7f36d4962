import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventLog } from './events.js';
import { Journal } from './journal.js';

const ev = (name: string) => ({ mechanism: 'm', name, args: {}, height: 1, time: 0 });

describe('EventLog', () => {
  it('is observed when it retains events or has a listener', () => {
    const j = new Journal();
    assert.equal(new EventLog(j, true).observed, true);
    const log = new EventLog(j, false);
    assert.equal(log.observed, false);
    const off = log.on(() => {});
    assert.equal(log.observed, true);
    off();
    assert.equal(log.observed, false);
  });

  it('unobserved events are counted, and a failed unit takes its count back', () => {
    const j = new Journal();
    const log = new EventLog(j, false);
    j.atomic(() => {
      log.countUnobserved();
      log.countUnobserved();
    });
    assert.equal(log.length, 2);
    assert.throws(() =>
      j.atomic(() => {
        log.countUnobserved();
        log.emit(ev('x'));
        throw new Error('fail');
      }),
    );
    assert.equal(log.length, 2);
    assert.deepEqual(log.since(0), []);
  });

  it('retained events and counts roll back together', () => {
    const j = new Journal();
    const log = new EventLog(j, true);
    j.atomic(() => log.emit(ev('a')));
    assert.throws(() =>
      j.atomic(() => {
        log.emit(ev('b'));
        j.atomic(() => log.emit(ev('c')));
        throw new Error('fail');
      }),
    );
    assert.deepEqual(log.since(0).map((e) => e.name), ['a']);
    assert.equal(log.length, 1);
  });
});
