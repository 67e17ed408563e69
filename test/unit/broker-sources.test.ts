/** Broker sources, pure parts: what a source may name, and what a Redis stream entry means. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redisBacklogOf } from '../../src/brokers/backlog';
import { Inbox } from '../../src/brokers/inbox';
import { decodeBrokerMessage } from '../../src/brokers/messages';
import { deadLetterHeaders as natsDeadLetterHeaders, receivedOf as natsReceivedOf, type NatsReceived } from '../../src/brokers/nats/channel';
import { deadLetterHeaders as rabbitmqDeadLetterHeaders, receivedOf as rabbitmqReceivedOf } from '../../src/brokers/rabbitmq/channel';
import { deadLetterAttributes as pubsubDeadLetterAttributes, receivedOf as pubsubReceivedOf } from '../../src/brokers/pubsub/channel';
import { MAX_DELIVERIES } from '../../src/brokers/source-consumer';
import { deadLetterAttributes as sqsDeadLetterAttributes, receivedOf as sqsReceivedOf } from '../../src/brokers/sqs/channel';
import { deadLetterFields, receivedOf } from '../../src/brokers/redis/channel';
import { headers } from '@nats-io/transport-node';
import { brokerPrefixesSchema, createBrokerSourceSchema, deadLetterProblem, defaultDeadLetter, namesOutside, namespacedGroup } from '../../src/brokers/source-schema';

describe('broker sources', () => {
  it('accept a source by its broker, in that broker’s words, and refuse another broker or shape', () => {
    assert.deepEqual(createBrokerSourceSchema.parse({ broker: 'redis', stream: 'orders', format: 'raw', eventTypeAttribute: 'type' }), {
      broker: 'redis',
      stream: 'orders',
      format: 'raw',
      eventTypeAttribute: 'type',
    });
    for (const bad of [
      { broker: 'pigeon', stream: 'orders', format: 'raw' },
      { broker: 'redis', topic: 'orders', format: 'raw' },
      { broker: 'redis', stream: 'has space', format: 'raw' },
      { broker: 'redis', stream: 'orders', format: 'raw', deadLetter: '' },
    ]) {
      assert.equal(createBrokerSourceSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });

  it('take a Kafka source as Kafka spells topics and groups', () => {
    assert.deepEqual(createBrokerSourceSchema.parse({ broker: 'kafka', topic: 'acme.orders', group: 'orders-v2', format: 'envelope' }), {
      broker: 'kafka',
      topic: 'acme.orders',
      group: 'orders-v2',
      format: 'envelope',
    });
    for (const bad of [
      { broker: 'kafka', topic: '.', format: 'envelope' },
      { broker: 'kafka', topic: '..', format: 'envelope' },
      { broker: 'kafka', topic: 'x'.repeat(250), format: 'envelope' },
      { broker: 'kafka', topic: 'a/b', format: 'envelope' },
      { broker: 'kafka', topic: 'orders', group: 'has space', format: 'envelope' },
      { broker: 'kafka', stream: 'orders', format: 'envelope' },
    ]) {
      assert.equal(createBrokerSourceSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
    assert.equal(defaultDeadLetter('kafka', 'orders'), 'orders.dlq');
    assert.equal(defaultDeadLetter('kafka', 'x'.repeat(249)).length, 249, 'within Kafka\'s 249 characters');
    assert.ok(deadLetterProblem('kafka', 'a:b'), 'a character a topic cannot have');
    assert.equal(deadLetterProblem('kafka', 'orders.dlq'), undefined);
  });

  it('check names against the prefixes the operator granted for that broker only', () => {
    assert.deepEqual(namesOutside({ redis: ['billing.'] }, 'redis', ['billing.in', 'billing.in.dlq']), []);
    assert.deepEqual(namesOutside({ redis: ['billing.'] }, 'redis', ['billing.in', 'shared.dlq', 'shared.dlq']), ['shared.dlq']);
    assert.deepEqual(namesOutside({}, 'redis', ['x']), ['x'], 'a broker absent: nothing granted');
    assert.deepEqual(namesOutside({ redis: [''] }, 'redis', ['anything']), []);
    assert.deepEqual(namesOutside({ redis: [''] }, 'kafka', ['anything']), ['anything'], "another broker's grant is not Kafka's");
    assert.deepEqual(namesOutside({ kafka: ['acme.', 'shared-'] }, 'kafka', ['acme.orders', 'shared-x', 'beta.orders', 'ACME.orders']), ['beta.orders', 'ACME.orders']);
    assert.equal(brokerPrefixesSchema.safeParse({ pigeon: [''] }).success, false);
    assert.equal(brokerPrefixesSchema.safeParse({ redis: ['has space'] }).success, false);
  });

  it('keep groups inside the project’s namespace, and dead letters beside what is read', () => {
    assert.equal(namespacedGroup('prj_1', 'orders'), 'switchyard.prj_1.orders');
    assert.equal(namespacedGroup('prj_1', 'switchyard.prj_1.orders'), 'switchyard.prj_1.orders');
    assert.equal(namespacedGroup('prj_1', 'switchyard.prj_2.orders'), 'switchyard.prj_1.switchyard.prj_2.orders', "never another project's");
    assert.equal(defaultDeadLetter('redis', 'orders'), 'orders.dlq');
    assert.equal(defaultDeadLetter('redis', 'x'.repeat(255)).length, 255);
    // SQS: "-dlq" within 80 characters, and a FIFO queue's dead letters to a FIFO queue.
    assert.equal(defaultDeadLetter('sqs', 'orders'), 'orders-dlq');
    assert.equal(defaultDeadLetter('sqs', 'orders.fifo'), 'orders-dlq.fifo');
    assert.equal(defaultDeadLetter('sqs', 'x'.repeat(80)), `${'x'.repeat(76)}-dlq`);
    assert.equal(deadLetterProblem('sqs', defaultDeadLetter('sqs', `${'y'.repeat(80)}.fifo`)), undefined);
  });

  it('read a Redis entry: the body field is the body, the other fields attributes, its id its identity', () => {
    const received = receivedOf('orders', ['1700000000000-3', ['body', '{"n":1}', 'event-type', 'order.placed']]);
    assert.equal(received.message.identity, 'redis:orders:1700000000000-3');
    assert.equal(received.message.attribute('body'), undefined, 'the body is not an attribute');
    assert.deepEqual(decodeBrokerMessage({ format: 'raw' }, received.message, { body: 'body field', attribute: 'field' }), {
      ok: true,
      input: { eventType: 'order.placed', payload: { n: 1 }, idempotencyKey: 'redis:orders:1700000000000-3' },
    });
    assert.equal(receivedOf('orders', ['1-0', ['body', '{}']], MAX_DELIVERIES).refusal, undefined, 'the last allowed delivery is still tried');
    assert.equal(receivedOf('orders', ['1-0', ['body', '{}']], MAX_DELIVERIES + 1).refusal, `delivered ${MAX_DELIVERIES + 1} times without being acknowledged`);
    const bodiless = receivedOf('orders', ['1-0', ['note', 'x']]);
    assert.deepEqual(decodeBrokerMessage({ format: 'envelope' }, bodiless.message, { body: 'body field', attribute: 'field' }), { ok: false, reason: 'the message has no body field' });
    const missingType = decodeBrokerMessage({ format: 'raw', eventTypeAttribute: 'kind' }, received.message, { body: 'body field', attribute: 'field' });
    assert.deepEqual(missingType, { ok: false, reason: 'the kind field naming the event type is missing' });
    assert.equal(receivedOf('orders', ['2-0', null]).message.body, null, 'an entry deleted since it was read has no body');
  });

  it('dead-letter an entry with its own fields, why, and where it came from', () => {
    const received = receivedOf('orders', ['5-0', ['body', 'nope', 'x', '1']]);
    assert.deepEqual(deadLetterFields(received, 'r'.repeat(1500), 'bsrc_1'), {
      body: 'nope',
      x: '1',
      'switchyard-dlq-reason': 'r'.repeat(1000),
      'switchyard-source-id': 'bsrc_1',
      'switchyard-original-stream': 'orders',
      'switchyard-original-id': '5-0',
    });
  });

  it("read a group's backlog from XINFO GROUPS, and a group not created yet as all lag", () => {
    const groups = [
      ['name', 'other', 'consumers', 1, 'pending', 9, 'last-delivered-id', '9-0', 'entries-read', 9, 'lag', 0],
      ['name', 'mine', 'consumers', 2, 'pending', 3, 'last-delivered-id', '7-0', 'entries-read', 7, 'lag', 5],
    ];
    assert.deepEqual(redisBacklogOf(12, groups, 'mine'), { length: 12, pending: 3, lag: 5, lastDelivered: '7-0' });
    assert.deepEqual(redisBacklogOf(12, [['name', 'mine', 'pending', 0, 'last-delivered-id', '7-0', 'lag', null]], 'mine').lag, null, 'Redis cannot tell after deletions');
    assert.deepEqual(redisBacklogOf(4, [], 'mine'), { length: 4, pending: 0, lag: 4, lastDelivered: null });
  });

  it('read a NATS message: its data is the body, its headers attributes, its stream sequence its identity; too many deliveries are a refusal', () => {
    const h = headers();
    h.set('event-type', 'order.placed');
    const msg = (deliveryCount: number, data = '{"n":1}') =>
      ({ data: Buffer.from(data), headers: h, seq: 42, subject: 'orders.in', info: { deliveryCount }, ackAck: async () => true, working: () => undefined }) as unknown as NatsReceived['msg'];
    const received = natsReceivedOf('ORDERS', msg(1));
    assert.equal(received.message.identity, 'nats:ORDERS:42');
    assert.equal(received.refusal, undefined);
    assert.deepEqual(decodeBrokerMessage({ format: 'raw' }, received.message, { body: 'data', attribute: 'header' }), {
      ok: true,
      input: { eventType: 'order.placed', payload: { n: 1 }, idempotencyKey: 'nats:ORDERS:42' },
    });
    assert.equal(natsReceivedOf('ORDERS', msg(1, '')).message.body, null, 'no data, no body');
    assert.equal(natsReceivedOf('ORDERS', msg(MAX_DELIVERIES)).refusal, undefined, 'the last allowed delivery is still tried');
    assert.equal(natsReceivedOf('ORDERS', msg(MAX_DELIVERIES + 1)).refusal, `delivered ${MAX_DELIVERIES + 1} times without being acknowledged`);
    assert.deepEqual(natsDeadLetterHeaders(received, 'line one\r\nline two', 'bsrc_1'), [
      ['event-type', 'order.placed'],
      ['switchyard-dlq-reason', 'line one line two'],
      ['switchyard-source-id', 'bsrc_1'],
      ['switchyard-original-stream', 'ORDERS'],
      ['switchyard-original-subject', 'orders.in'],
      ['switchyard-original-sequence', '42'],
    ]);
  });

  it('refuse NATS names NATS would not take, and namespace its consumers with "_"', () => {
    assert.equal(createBrokerSourceSchema.safeParse({ broker: 'nats', stream: 'ORDERS', format: 'raw', deadLetter: 'orders.dlq' }).success, true);
    for (const bad of [{ stream: 'orders.v1' }, { stream: 'ORDERS', deadLetter: 'orders.>' }, { stream: 'ORDERS', deadLetter: 'orders..dlq' }, { stream: 'ORDERS', consumer: 'a.b' }]) {
      assert.equal(createBrokerSourceSchema.safeParse({ broker: 'nats', format: 'raw', ...bad }).success, false, JSON.stringify(bad));
    }
    assert.equal(deadLetterProblem('nats', 'orders.*'), 'must be tokens of letters, digits, "_" or "-" joined by "."');
    assert.equal(deadLetterProblem('redis', 'orders.*'), 'must be 1 to 255 letters, digits, ".", "_", ":", "/" or "-"');
    assert.equal(deadLetterProblem('nats', 'orders.dlq'), undefined);
    assert.equal(namespacedGroup('prj_1', 'billing', '_'), 'switchyard_prj_1_billing');
  });

  it('read an SQS message: its body, its String attributes, its MessageId as identity; too many receives refused', () => {
    const message = (receives: number) => ({
      MessageId: 'm-1',
      ReceiptHandle: 'h-1',
      Body: '{"n":1}',
      Attributes: { ApproximateReceiveCount: String(receives) },
      MessageAttributes: { 'event-type': { DataType: 'String', StringValue: 'order.placed' }, blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1]) } },
    });
    const received = sqsReceivedOf('orders', message(1), 0);
    assert.equal(received.refusal, undefined);
    assert.equal(received.message.attribute('blob'), undefined, 'binary attributes are not text');
    assert.deepEqual(decodeBrokerMessage({ format: 'raw' }, received.message), { ok: true, input: { eventType: 'order.placed', payload: { n: 1 }, idempotencyKey: 'sqs:orders:m-1' } });
    assert.equal(sqsReceivedOf('orders', message(MAX_DELIVERIES), 0).refusal, undefined);
    assert.equal(sqsReceivedOf('orders', message(MAX_DELIVERIES + 1), 0).refusal, `delivered ${MAX_DELIVERIES + 1} times without being acknowledged`);

    // SQS takes 10 attributes a message: a dead letter keeps 6 of the original's, then adds its 4.
    const many = { ...message(1), MessageAttributes: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: String(i) }])) };
    const letter = sqsDeadLetterAttributes(sqsReceivedOf('orders', many, 0), 'bad', 'bsrc_1');
    assert.equal(Object.keys(letter).length, 10);
    assert.deepEqual(Object.keys(letter).slice(6), ['switchyard-dlq-reason', 'switchyard-source-id', 'switchyard-original-queue', 'switchyard-original-id']);
    assert.equal(letter['switchyard-original-id']!.StringValue, 'm-1');
  });

  it('read a RabbitMQ delivery: headers as attributes, message_id as identity, none without one', () => {
    const msg = (properties: Record<string, unknown>, content = '{"n":1}') => ({
      content: Buffer.from(content),
      fields: { deliveryTag: 1, redelivered: false, exchange: '', routingKey: 'orders', consumerTag: 'c' },
      properties: { headers: {}, ...properties } as never,
    });
    const received = rabbitmqReceivedOf('orders', msg({ messageId: 'm-1', headers: { 'event-type': 'order.placed', count: 3 } }), 1);
    assert.equal(received.message.attribute('count'), '3', 'AMQP numbers as text');
    assert.deepEqual(decodeBrokerMessage({ format: 'raw' }, received.message), { ok: true, input: { eventType: 'order.placed', payload: { n: 1 }, idempotencyKey: 'rabbitmq:orders:m-1' } });

    // Without a message_id a second delivery would be a second event: refused, unless the envelope has its own key.
    const anonymous = rabbitmqReceivedOf('orders', msg({}, JSON.stringify({ eventType: 'order.placed', payload: {} })), 1);
    assert.equal(anonymous.message.identity, undefined);
    const decoded = decodeBrokerMessage({ format: 'envelope' }, anonymous.message, { body: 'body', attribute: 'header', identity: 'message_id property' });
    assert.deepEqual(decoded, { ok: false, reason: 'the message has no message_id property and its event no idempotencyKey: consumed twice, it would be two events' });
    const keyed = rabbitmqReceivedOf('orders', msg({}, JSON.stringify({ eventType: 'order.placed', payload: {}, idempotencyKey: 'k' })), 1);
    assert.equal(decodeBrokerMessage({ format: 'envelope' }, keyed.message).ok, true);

    // A quorum queue counts deliveries; a classic one does not.
    assert.equal(rabbitmqReceivedOf('orders', msg({ headers: { 'x-delivery-count': MAX_DELIVERIES } }), 1).refusal, `delivered ${MAX_DELIVERIES + 1} times without being acknowledged`);
    assert.deepEqual(rabbitmqDeadLetterHeaders(received, 'bad', 'bsrc_1'), {
      'event-type': 'order.placed',
      count: 3,
      'switchyard-dlq-reason': 'bad',
      'switchyard-source-id': 'bsrc_1',
      'switchyard-original-queue': 'orders',
      'switchyard-original-message-id': 'm-1',
    });
  });

  it('keep SQS and RabbitMQ names as their brokers would', () => {
    assert.equal(createBrokerSourceSchema.safeParse({ broker: 'sqs', queue: 'orders.fifo', format: 'raw' }).success, true);
    for (const queue of ['orders.v1', 'x'.repeat(81), 'a b']) assert.equal(createBrokerSourceSchema.safeParse({ broker: 'sqs', queue, format: 'raw' }).success, false, queue);
    assert.equal(createBrokerSourceSchema.safeParse({ broker: 'sqs', queue: 'orders', group: 'g', format: 'raw' }).success, false, 'a queue has no group');
    assert.equal(createBrokerSourceSchema.safeParse({ broker: 'rabbitmq', queue: 'orders.v1', format: 'envelope', deadLetter: 'orders.dead' }).success, true);
    assert.equal(deadLetterProblem('sqs', 'orders.dlq'), 'must be 1 to 80 letters, digits, "-" or "_" (and ".fifo" for a FIFO queue)');
  });

  it('read a Pub/Sub message: its data, its attributes, its id as identity; deliveries counted only with a dead-letter policy', () => {
    const msg = (deliveryAttempt: number, data = '{"n":1}') => ({ id: '42', data: Buffer.from(data), attributes: { 'event-type': 'order.placed' }, deliveryAttempt, ack: () => undefined });
    const received = pubsubReceivedOf('orders-sub', msg(0), 1);
    assert.deepEqual(decodeBrokerMessage({ format: 'raw' }, received.message), { ok: true, input: { eventType: 'order.placed', payload: { n: 1 }, idempotencyKey: 'pubsub:orders-sub:42' } });
    assert.equal(received.refusal, undefined, 'no policy, no count: never refused for it');
    assert.equal(pubsubReceivedOf('orders-sub', msg(MAX_DELIVERIES + 1), 1).refusal, `delivered ${MAX_DELIVERIES + 1} times without being acknowledged`);
    assert.equal(pubsubReceivedOf('orders-sub', msg(1, ''), 1).message.body, null);
    assert.deepEqual(pubsubDeadLetterAttributes(received, 'bad', 'bsrc_1'), {
      'event-type': 'order.placed',
      'switchyard-dlq-reason': 'bad',
      'switchyard-source-id': 'bsrc_1',
      'switchyard-original-subscription': 'orders-sub',
      'switchyard-original-id': '42',
    });
    assert.equal(createBrokerSourceSchema.safeParse({ broker: 'pubsub', subscription: 'orders-sub', format: 'raw' }).success, true);
    for (const subscription of ['1orders', 'ab', 'goog-orders', 'has space']) {
      assert.equal(createBrokerSourceSchema.safeParse({ broker: 'pubsub', subscription, format: 'raw' }).success, false, subscription);
    }
    assert.equal(defaultDeadLetter('pubsub', 'orders-sub'), 'orders-sub-dlq');
  });

  it('hand pushed messages to a loop that asks: what has come at once, else the first to come, else nothing after the wait', async () => {
    const inbox = new Inbox<number>();
    inbox.push(1);
    inbox.push(2);
    inbox.push(3);
    assert.deepEqual(await inbox.take(2, 1_000), [1, 2]);
    assert.deepEqual(await inbox.take(5, 1_000), [3]);
    const waiting = inbox.take(5, 5_000);
    setTimeout(() => inbox.push(4), 10);
    assert.deepEqual(await waiting, [4], 'a wait ends with the first arrival');
    assert.deepEqual(await inbox.take(5, 20), [], 'nothing came');
    const cleared = inbox.take(5, 5_000);
    inbox.push(5);
    inbox.clear();
    assert.deepEqual(await cleared, [], 'what was cleared goes back to the broker, not to the loop');
  });
});
