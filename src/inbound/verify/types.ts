/** The shapes shared by every inbound verifier; the index re-exports them. */

export type ProviderName =
  | 'stripe'
  | 'github'
  | 'shopify'
  | 'slack'
  | 'twilio'
  | 'paddle'
  | 'square'
  | 'gitlab'
  | 'standard-webhooks'
  | 'svix'
  | 'hmac'
  | 'basic-auth'
  | 'api-key';

export interface HmacOptions {
  algorithm: 'sha256' | 'sha512';
  encoding: 'hex' | 'base64';
  /** The header that carries the signature. */
  header: string;
  /** Text before the encoded signature, e.g. `sha256=`. */
  prefix?: string;
  /** When set, the signed string is `${timestamp}.${body}`, the timestamp in Unix seconds. */
  timestampHeader?: string;
}

export interface ApiKeyOptions {
  header: string;
}

export interface VerifierConfig {
  provider: ProviderName;
  /** Several at once during rotation; a request is genuine if it verifies with any of them. */
  secrets: string[];
  /** Where the provider signs a timestamp: the allowed age/skew in seconds (provider default if unset). */
  toleranceSeconds?: number;
  /** Required for provider 'hmac'. */
  hmac?: HmacOptions;
  /** Required for provider 'api-key'. */
  apiKey?: ApiKeyOptions;
}

export interface InboundRequest {
  /** The exact raw bytes received. */
  body: Buffer;
  /** Header names lower-cased; repeated headers joined with ', '. Twilio reads `content-type` here. */
  headers: Record<string, string | undefined>;
  /** The full public URL the provider posted to (scheme, host, path, query), for URL-signing providers (twilio, square). */
  url: string;
}

export type Verification =
  | {
      ok: true;
      /** The provider's delivery/event id for dedupe, if it has one, else undefined. */
      deliveryId?: string;
    }
  | {
      ok: false;
      /** Why, for the operator's failure log; never contains a secret or a full expected signature. */
      reason: string;
    };

/** One preset: how it verifies a request, and what it requires of each secret. */
export interface Preset {
  verify(config: VerifierConfig, request: InboundRequest, nowMs: number): Verification;
  /** Why this secret cannot work with the provider, or undefined when it can. */
  secretProblem?(secret: string): string | undefined;
}
