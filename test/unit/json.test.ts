import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson, nestsDeeperThan } from '../../src/json';

describe('JSON helpers', () => {
  it('measure nesting without recursing, however deep the value', () => {
    assert.ok(!nestsDeeperThan({ a: [1, { b: 2 }] }, 3));
    assert.ok(nestsDeeperThan({ a: [1, { b: {} }] }, 3));
    assert.ok(!nestsDeeperThan('flat', 0));
    let deep: unknown = [];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    assert.ok(nestsDeeperThan(deep));
  });

  it('write equal values as equal text whatever their key order', () => {
    assert.equal(canonicalJson({ b: [1, { d: 1, c: 2 }], a: null }), '{"a":null,"b":[1,{"c":2,"d":1}]}');
    assert.equal(canonicalJson({ a: 1, b: 2 }), canonicalJson({ b: 2, a: 1 }));
  });
});
