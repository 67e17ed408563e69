import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Kafka, logLevel, Partitioners, type Consumer, type Producer } from 'kafkajs';
import { createTopic } from '../support/kafka-topics';
import { testConfig, uniqueName } from '../support/services';

describe('Kafka, on the real broker', () => {
  const config = testConfig();
  // The broker answers "coordinator loading" while a fresh group settles; kafkajs logs each retry
  // as an error. The assertions below are what count.
  const kafka = new Kafka({ clientId: 'switchyard-test', brokers: config.brokers.kafkaBrokers, logLevel: logLevel.NOTHING });
  const topic = uniqueName('roundtrip');
  let producer: Producer;
  let consumer: Consumer;

  before(async () => {
    await createTopic(kafka, topic, 3);
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    consumer = kafka.consumer({ groupId: uniqueName('group') });
    await consumer.connect();
  });

  after(async () => {
    await consumer?.disconnect();
    await producer?.disconnect();
  });

  it('delivers what is produced to a consumer group: every message, keys, headers, per-key order', async () => {
    const count = 60;
    const sent = Array.from({ length: count }, (_, i) => ({
      key: `customer-${i % 4}`,
      value: JSON.stringify({ eventType: 'invoice.paid', payload: { n: i } }),
      headers: { 'event-type': 'invoice.paid' },
    }));
    const received: { key: string; n: number; header: string; partition: number }[] = [];
    await consumer.subscribe({ topic, fromBeginning: true });
    const allReceived = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message, partition }) => {
          received.push({
            key: message.key!.toString(),
            n: JSON.parse(message.value!.toString()).payload.n,
            header: message.headers!['event-type']!.toString(),
            partition,
          });
          if (received.length === count) resolve();
        },
      });
    });
    await producer.send({ topic, messages: sent });
    await allReceived;

    assert.deepEqual(
      received.map((r) => r.n).sort((a, b) => a - b),
      sent.map((_, i) => i),
    );
    assert.ok(received.every((r) => r.header === 'invoice.paid'));
    for (const key of new Set(sent.map((m) => m.key))) {
      const ns = received.filter((r) => r.key === key).map((r) => r.n);
      assert.deepEqual(ns, [...ns].sort((a, b) => a - b), `${key} arrives in order`);
      assert.equal(new Set(received.filter((r) => r.key === key).map((r) => r.partition)).size, 1, `${key} stays on one partition`);
    }
  });
});
