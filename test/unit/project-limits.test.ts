import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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

describe('operator settings', () => {
  it('accept a limit, its removal, and prefixes; nothing else', () => {
    assert.deepEqual(updateOperatorSettingsSchema.parse({ ingestRateLimit: null, brokerPrefixes: { kafka: ['acme.'] } }), { ingestRateLimit: null, brokerPrefixes: { kafka: ['acme.'] } });
    assert.deepEqual(updateOperatorSettingsSchema.parse({}), {});
    // kafkaTopicPrefixes: the allow-list's Kafka entry now (brokerPrefixes.kafka).
    for (const bad of [{ name: 'x' }, { kafkaTopicPrefixes: ['acme.'] }, { brokerPrefixes: { kafka: 'acme.' } }, { brokerPrefixes: { kafka: Array(51).fill('a') } }, { ingestRateLimit: { perSecond: '5' } }]) {
      assert.equal(updateOperatorSettingsSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });
});
