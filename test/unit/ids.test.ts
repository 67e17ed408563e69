import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeRandom, encodeTime, idTime, increment, newId, nextId } from '../../src/ids';

describe('ids', () => {
  it('encodes time like the ULID specification', () => {
    // The ULID spec's example: 1469918176385 ms is "01ARYZ6S41".
    assert.equal(encodeTime(1469918176385), '01ARYZ6S41');
    assert.equal(encodeTime(0), '0000000000');
    assert.throws(() => encodeTime(2 ** 48));
  });

  it('encodes 80 random bits as 16 base32 characters', () => {
    assert.equal(encodeRandom(new Uint8Array(10).fill(0xff)), 'ZZZZZZZZZZZZZZZZ');
    assert.equal(encodeRandom(new Uint8Array(10)), '0000000000000000');
    assert.equal(encodeRandom(Uint8Array.from([0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0x01])), '1000000000000001');
  });

  it('makes prefixed ids that sort by time and give their time back', () => {
    const early = newId('evt', 1_700_000_000_000, new Uint8Array(10).fill(0xff));
    const late = newId('evt', 1_700_000_000_001, new Uint8Array(10));
    assert.match(early, /^evt_[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.ok(early < late);
    assert.equal(idTime(late), 1_700_000_000_001);
    assert.notEqual(newId('evt'), newId('evt'));
  });
});

describe('ids made in one process', () => {
  it('sort in the order they were made, even within a millisecond', () => {
    const ids = Array.from({ length: 2_000 }, () => nextId('x'));
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('carry when incrementing the random part', () => {
    assert.deepEqual([...increment(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xff]))], [0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x00]);
  });
});
