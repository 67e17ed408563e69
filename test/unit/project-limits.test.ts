import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { namespacedGroupId, topicPrefix, topicsOutside } from '../../src/kafka/source-schema';
import { ingestRateLimitSchema, MIN_INGEST_BURST, withIngestBurst } from '../../src/projects/ingest-rate';
import { updateOperatorSettingsSchema } from '../../src/projects/operator-settings';

describe('ingest rate', () => {
  it('defaults the burst to one second, never below the largest batch', () => {
    assert.deepEqual(withIngestBurst({ perSecond: 2000 }), { perSecond: 2000, burst: 2000 });
    assert.deepEqual(withIngestBurst({ perSecond: 0.5 }), { perSecond: 0.5, burst: MIN_INGEST_BURST });
    assert.deepEqual(ingestRateLimitSchema.parse({ perSecond: 5 }), { perSecond: 5, burst: MIN_INGEST_BURST });
    assert.deepEqual(ingestRateLimitSchema.parse({ perSecond: 5, burst: 800 }), { perSecond: 5, burst: 800 });
    for (const bad of [{ perSecond: 0 }, { perSecond: -1 }, { perSecond: 5, burst: MIN_INGEST_BURST - 1 }, { perSecond: 5, burst: 600.5 }, { perSecond: 5, extra: 1 }, {}]) {
      assert.equal(ingestRateLimitSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });
});

describe('Kafka tenancy', () => {
  it('allows a topic only under one of the project\'s prefixes', () => {
    assert.deepEqual(topicsOutside(['acme.', 'shared-'], ['acme.orders', 'shared-x', 'beta.orders', 'acme', 'ACME.orders']), ['beta.orders', 'acme', 'ACME.orders']);
    assert.deepEqual(topicsOutside([], ['anything']), ['anything'], 'no prefix: no topic');
    assert.deepEqual(topicsOutside([''], ['anything', 'x.dlq']), [], '"" grants every topic');
  });

  it('puts every consumer group in the project\'s namespace', () => {
    assert.equal(namespacedGroupId('prj_a', 'orders'), 'switchyard.prj_a.orders');
    assert.equal(namespacedGroupId('prj_a', 'switchyard.prj_a.orders'), 'switchyard.prj_a.orders', 'a name already inside is kept');
    assert.equal(namespacedGroupId('prj_b', 'switchyard.prj_a.orders'), 'switchyard.prj_b.switchyard.prj_a.orders', 'another project\'s group cannot be joined');
    assert.equal(namespacedGroupId('prj_a', 'switchyard.prj_ab.orders'), 'switchyard.prj_a.switchyard.prj_ab.orders');
  });

  it('takes topic prefixes as Kafka spells topics', () => {
    assert.ok(topicPrefix.safeParse('').success);
    assert.ok(topicPrefix.safeParse('acme.').success);
    for (const bad of ['has space', 'a/b', 'x'.repeat(250), 'é']) assert.equal(topicPrefix.safeParse(bad).success, false, bad);
  });
});

describe('operator settings', () => {
  it('accept a limit, its removal, and prefixes; nothing else', () => {
    assert.deepEqual(updateOperatorSettingsSchema.parse({ ingestRateLimit: null, kafkaTopicPrefixes: ['acme.'] }), { ingestRateLimit: null, kafkaTopicPrefixes: ['acme.'] });
    assert.deepEqual(updateOperatorSettingsSchema.parse({}), {});
    for (const bad of [{ name: 'x' }, { kafkaTopicPrefixes: 'acme.' }, { kafkaTopicPrefixes: Array(51).fill('a') }, { ingestRateLimit: { perSecond: '5' } }]) {
      assert.equal(updateOperatorSettingsSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });
});
