import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEndpointSchema, sendableHeaders } from '../../src/endpoints/schema';

describe('endpoint headers', () => {
  it('are refused at creation when they would break every attempt', () => {
    for (const headers of [{ Expect: '100-continue' }, { 'Keep-Alive': 'timeout=5' }, { Upgrade: 'h2c' }, { 'X-Token': 'a\nb' }, { 'X-Token': 'a\u0000b' }]) {
      assert.equal(createEndpointSchema.safeParse({ url: 'https://hooks.example.com/', headers }).success, false, JSON.stringify(headers));
    }
  });

  it('stored before those refusals are sent without the ones that would break the request', () => {
    const stored = { 'X-Token': 'abc', Expect: '100-continue', upgrade: 'h2c', 'X-Line': 'a\r\nInjected: 1', 'X-Tab': 'a\tb', Host: 'elsewhere' };
    assert.deepEqual(sendableHeaders(stored), { 'X-Token': 'abc', 'X-Tab': 'a\tb' });
  });
});
