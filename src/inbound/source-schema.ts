/** What a source is, as the API accepts it: the single source for validation and types. */
import { z } from 'zod';
import { parseCidr } from '../cidrs';
import { durationUpTo, endpointUrl, httpHeaderName as headerName, payloadFilter } from '../endpoints/schema';
import { verifierConfigProblems, type ProviderName, type VerifierConfig } from './verify';

/** How long a source remembers the provider's event ids to drop redeliveries, at most. */
export const MAX_DEDUPE_WINDOW = '30d';

export const PROVIDERS = [
  'stripe', 'github', 'shopify', 'slack', 'twilio', 'paddle', 'square', 'gitlab', 'standard-webhooks', 'svix', 'hmac', 'basic-auth', 'api-key',
] as const satisfies readonly ProviderName[];

const route = z
  .object({
    match: z.object({ headers: payloadFilter.optional(), body: payloadFilter.optional() }).strict().optional(),
    endpointIds: z.array(z.string().min(1).max(64)).min(1).max(50),
  })
  .strict();

const fields = {
  name: z.string().trim().min(1).max(200),
  provider: z.enum(PROVIDERS),
  // Sealed before they are stored (secrets/), so PostgreSQL's own refusal of NUL never sees them.
  secrets: z.array(z.string().min(1).max(1000).regex(/^[^\x00]*$/, 'must not contain the NUL character')).min(1).max(10),
  routes: z.array(route).max(50),
  toleranceSeconds: z.number().int().min(1).max(86_400).nullable(),
  publicUrl: endpointUrl.nullable(),
  response: z
    .object({
      status: z.number().int().min(200).max(299),
      body: z.string().max(10_000).optional(),
      // It becomes a response header: a media type, nothing that could break the header.
      contentType: z
        .string()
        .max(200)
        .regex(/^[\w.+-]+\/[\w.+-]+([ \t]*;[ \t]*[\w.+-]+=("[^"\r\n]*"|[\w.+-]+))*$/, 'must be a media type like "text/plain; charset=utf-8"')
        .optional(),
    })
    .strict()
    .nullable(),
  hmac: z
    .object({
      algorithm: z.enum(['sha256', 'sha512']),
      encoding: z.enum(['hex', 'base64']),
      header: headerName,
      prefix: z.string().max(50).optional(),
      timestampHeader: headerName.optional(),
    })
    .strict()
    .nullable(),
  apiKey: z.object({ header: headerName }).strict().nullable(),
  dedupeWindow: durationUpTo(MAX_DEDUPE_WINDOW),
  // Where the provider posts from (its published ranges); null: anywhere.
  allowedIps: z
    .array(z.string().max(50).refine((entry) => parseCidr(entry) !== undefined, 'must be a CIDR or an address, e.g. 192.0.2.0/24'))
    .min(1)
    .max(100)
    .nullable(),
  // Requests a second this source takes, verified or not; null: no limit of its own.
  rateLimit: z
    .object({ perSecond: z.number().gt(0).max(10_000), burst: z.number().int().min(1).max(100_000).optional() })
    .strict()
    .transform(({ perSecond, burst }) => ({ perSecond, burst: burst ?? Math.max(1, Math.ceil(perSecond)) }))
    .nullable(),
};

export const createSourceSchema = z
  .object({
    ...fields,
    routes: fields.routes.optional(),
    toleranceSeconds: fields.toleranceSeconds.optional(),
    publicUrl: fields.publicUrl.optional(),
    response: fields.response.optional(),
    hmac: fields.hmac.optional(),
    apiKey: fields.apiKey.optional(),
    dedupeWindow: fields.dedupeWindow.optional(),
    allowedIps: fields.allowedIps.optional(),
    rateLimit: fields.rateLimit.optional(),
  })
  .strict();

export const updateSourceSchema = z.object(fields).partial().strict();

export type CreateSource = z.output<typeof createSourceSchema>;
export type UpdateSource = z.output<typeof updateSourceSchema>;

/** A source's verification settings, as the verifier takes them. */
export function verifierConfigOf(source: {
  provider: ProviderName;
  secrets: string[];
  toleranceSeconds?: number | null;
  hmac?: VerifierConfig['hmac'] | null;
  apiKey?: VerifierConfig['apiKey'] | null;
}): VerifierConfig {
  return {
    provider: source.provider,
    secrets: source.secrets,
    toleranceSeconds: source.toleranceSeconds ?? undefined,
    hmac: source.hmac ?? undefined,
    apiKey: source.apiKey ?? undefined,
  };
}

export { verifierConfigProblems };
