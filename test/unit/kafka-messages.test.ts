/** What a Kafka message means: an event to ingest, or a reason for the dead-letter topic. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deadLetterHeaders, decodeMessage, messageKey, type KafkaMessage } from '../../src/brokers/kafka/messages';

const message = (value: string | null, headers: KafkaMessage['headers'] = {}): KafkaMessage => ({
  topic: 'orders',
  partition: 3,
  offset: '1207',
  value: value === null ? null : Buffer.from(value),
  headers,
});

describe('kafka messages', () => {
  it('reads an envelope, keyed by its place in the log when it names no idempotency key', () => {
    const decoded = decodeMessage({ format: 'envelope' }, message('{"eventType":"order.placed","payload":{"id":7}}'));
    assert.deepEqual(decoded, { ok: true, input: { eventType: 'order.placed', payload: { id: 7 }, idempotencyKey: 'kafka:orders:3:1207' } });
    const keyed = decodeMessage({ format: 'envelope' }, message('{"eventType":"order.placed","payload":{},"idempotencyKey":"order-7"}'));
    assert.equal(keyed.ok && keyed.input.idempotencyKey, 'order-7');
    assert.equal(messageKey({ topic: 't', partition: 0, offset: '5' }), 'kafka:t:0:5');
  });

  it('reads a raw payload with the event type from a header, whatever its case', () => {
    const decoded = decodeMessage({ format: 'raw', eventTypeAttribute: 'X-Event' }, message('[1,2]', { 'x-event': Buffer.from('batch.done') }));
    assert.deepEqual(decoded, { ok: true, input: { eventType: 'batch.done', payload: [1, 2], idempotencyKey: 'kafka:orders:3:1207' } });
  });

  it('says why a message cannot be an event', () => {
    const reasons = [
      decodeMessage({ format: 'envelope' }, message(null)),
      decodeMessage({ format: 'envelope' }, message('not json')),
      decodeMessage({ format: 'envelope' }, message('{"payload":{}}')),
      decodeMessage({ format: 'envelope' }, message('{"eventType":"bad type!","payload":{}}')),
      decodeMessage({ format: 'envelope' }, message('{"eventType":"a.b","payload":{},"extra":1}')),
      decodeMessage({ format: 'raw' }, message('{}')),
    ].map((d) => (d.ok ? 'accepted' : d.reason));
    assert.deepEqual(reasons.slice(0, 2), ['the message has no value', 'the value is not JSON']);
    assert.match(reasons[2]!, /eventType/);
    assert.match(reasons[3]!, /eventType: must be dot-separated/);
    assert.match(reasons[4]!, /extra|unrecognized/i);
    assert.match(reasons[5]!, /event-type header/);
  });

  it('tells the dead-letter topic why and where from', () => {
    assert.deepEqual(deadLetterHeaders(message('x'), 'the value is not JSON', 'ks_1'), {
      'switchyard-dlq-reason': 'the value is not JSON',
      'switchyard-source-id': 'ks_1',
      'switchyard-original-topic': 'orders',
      'switchyard-original-partition': '3',
      'switchyard-original-offset': '1207',
    });
  });
});
