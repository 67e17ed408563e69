/**
 * What the operator (the admin key) sets for a project, beyond the project's own reach: its ingest
 * rate, and the brokers' topics, streams and queues its sources may read and dead-letter to.
 */
import { z } from 'zod';
import { brokerPrefixesSchema, type BrokerPrefixes } from '../brokers/source-schema';
import { ingestRateLimitSchema, type IngestRateLimit } from './ingest-rate';

export interface OperatorSettings {
  /** null: the gateway's default (SWITCHYARD_INGEST_PER_SECOND). */
  ingestRateLimit: IngestRateLimit | null;
  /** Per broker, name prefixes its sources may read and dead-letter to; a broker absent: none; [""]: every name. */
  brokerPrefixes: BrokerPrefixes;
}

export const updateOperatorSettingsSchema = z
  .object({
    ingestRateLimit: ingestRateLimitSchema.nullable(),
    brokerPrefixes: brokerPrefixesSchema,
  })
  .partial()
  .strict();

export type OperatorSettingsChange = z.output<typeof updateOperatorSettingsSchema>;
