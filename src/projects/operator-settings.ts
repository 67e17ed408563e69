/**
 * What the operator (the admin key) sets for a project, beyond the project's own reach: its ingest
 * rate, and the Kafka topics and other brokers' streams its sources may read and dead-letter to.
 */
import { z } from 'zod';
import { brokerPrefixesSchema, type BrokerPrefixes } from '../brokers/source-schema';
import { topicPrefix } from '../kafka/source-schema';
import { ingestRateLimitSchema, type IngestRateLimit } from './ingest-rate';

export interface OperatorSettings {
  /** null: the gateway's default (SWITCHYARD_INGEST_PER_SECOND). */
  ingestRateLimit: IngestRateLimit | null;
  /** Topic name prefixes; none: no Kafka sources; [""]: every topic. */
  kafkaTopicPrefixes: string[];
  /** Per broker other than Kafka, name prefixes its sources may read and dead-letter to; a broker absent: none. */
  brokerPrefixes: BrokerPrefixes;
}

export const updateOperatorSettingsSchema = z
  .object({
    ingestRateLimit: ingestRateLimitSchema.nullable(),
    kafkaTopicPrefixes: z.array(topicPrefix).max(50),
    brokerPrefixes: brokerPrefixesSchema,
  })
  .partial()
  .strict();

export type OperatorSettingsChange = z.output<typeof updateOperatorSettingsSchema>;
