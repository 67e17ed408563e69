/**
 * What the operator (the admin key) sets for a project, beyond the project's own reach: its ingest
 * rate, and the brokers' topics, streams and queues its sources may read and dead-letter to.
 */
import { z } from 'zod';
import { brokerPrefixesSchema, type BrokerPrefixes } from '../brokers/source-schema';
import { parseProxyUrl } from '../egress/proxy';
import { ingestRateLimitSchema, type IngestRateLimit } from './ingest-rate';

export interface OperatorSettings {
  /** null: the gateway's default (SWITCHYARD_INGEST_PER_SECOND). */
  ingestRateLimit: IngestRateLimit | null;
  /** Per broker, name prefixes its sources may read and dead-letter to; a broker absent: none; [""]: every name. */
  brokerPrefixes: BrokerPrefixes;
}

/**
 * The forward proxy this project's deliveries leave through, over the workers' own
 * (SWITCHYARD_EGRESS_PROXY); shown without its credentials. Operator-only: the proxy is trusted,
 * and the egress policy does not judge it.
 */
export interface ProjectEgressProxy {
  egressProxy: string | null;
}

const egressProxyUrl = z.string().max(2048).superRefine((value, ctx) => {
  const parsed = parseProxyUrl(value);
  if ('error' in parsed) ctx.addIssue({ code: 'custom', message: parsed.error });
});

export const updateOperatorSettingsSchema = z
  .object({
    ingestRateLimit: ingestRateLimitSchema.nullable(),
    brokerPrefixes: brokerPrefixesSchema,
    egressProxy: egressProxyUrl.nullable(),
  })
  .partial()
  .strict();

export type OperatorSettingsChange = z.output<typeof updateOperatorSettingsSchema>;
