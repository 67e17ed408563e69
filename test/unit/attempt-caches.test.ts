/** The delivery worker's caches are bounded by bytes: a thousand 1 MiB payloads must not stay. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAttemptCaches, PAYLOAD_CACHE_BYTES, unpooled } from '../../activities/delivery';

describe('attempt caches', () => {
  it('keep payloads up to a byte budget, dropping the least recently used', () => {
    const { payloads } = createAttemptCaches();
    const body = Buffer.alloc(1024 * 1024, 'a');
    for (let i = 0; i < 1000; i++) payloads.set(`evt_${i}`, { eventType: 'a.b', body, contentType: 'application/json', forwardHeaders: {} });
    assert.ok(payloads.calculatedSize <= PAYLOAD_CACHE_BYTES, `${payloads.calculatedSize} bytes`);
    assert.ok(payloads.size >= 60 && payloads.size < 64, `${payloads.size} payloads kept`);
    assert.equal(payloads.has('evt_999'), true, 'the newest stays');
    assert.equal(payloads.has('evt_0'), false, 'the oldest went');
    const small = { eventType: 'a.b', body: Buffer.from('{}'), contentType: 'application/json', forwardHeaders: {} };
    payloads.set('evt_small', small);
    assert.equal(payloads.get('evt_small'), small);
  });

  it('give a small body memory of its own, so that caching it keeps no pooled slab alive', () => {
    const pooled = Buffer.from('7b226e223a317d', 'hex');
    assert.ok(pooled.buffer.byteLength > pooled.length, 'Node pools a small buffer made from a string');
    const own = unpooled(pooled);
    assert.equal(own.buffer.byteLength, own.length);
    assert.equal(own.toString(), '{"n":1}');
    assert.equal(unpooled(own), own, 'a body that owns its memory is kept as it is');
  });
});
