/**
 * Inbound webhook verification for provider presets: pure functions of a source's configuration,
 * the request as received (raw bytes, headers, public URL) and the clock. The facts behind each
 * preset are in the module of its provider family.
 */
import crypto from 'node:crypto';
import { genericHmac, headerNameProblems, hmacOptionProblems } from './generic-hmac';
import { github } from './github';
import { gitlab } from './gitlab';
import { paddle } from './paddle';
import { apiKey, basicAuth } from './shared-secret';
import { shopify } from './shopify';
import { rejected } from './signature-checks';
import { slack } from './slack';
import { square } from './square';
import { standardWebhooks, svix } from './standard-webhooks';
import { stripe } from './stripe';
import { twilio } from './twilio';
import type { InboundRequest, Preset, ProviderName, Verification, VerifierConfig } from './types';

export type { ApiKeyOptions, HmacOptions, InboundRequest, ProviderName, Verification, VerifierConfig } from './types';

const presets: Record<ProviderName, Preset> = {
  stripe,
  github,
  shopify,
  slack,
  twilio,
  paddle,
  square,
  gitlab,
  'standard-webhooks': standardWebhooks,
  svix,
  hmac: genericHmac,
  'basic-auth': basicAuth,
  'api-key': apiKey,
};

const PROVIDER_NAMES = Object.keys(presets) as ProviderName[];

function presetOf(provider: unknown): Preset | undefined {
  return typeof provider === 'string' && Object.hasOwn(presets, provider) ? presets[provider as ProviderName] : undefined;
}

/**
 * Problems with a config, or [] when it is fine. Configs come from stored JSON, so nothing about
 * their shape is taken for granted. No message quotes a secret: secrets are named by position.
 */
export function verifierConfigProblems(config: VerifierConfig): string[] {
  const preset = presetOf(config?.provider);
  if (!preset) return [`unknown provider ${JSON.stringify(config?.provider)}; known: ${PROVIDER_NAMES.join(', ')}`];
  const problems: string[] = [];
  const secrets: unknown = config.secrets;
  if (!Array.isArray(secrets) || secrets.length === 0) {
    problems.push('at least one secret is needed');
  } else {
    secrets.forEach((secret: unknown, index) => {
      const which = `secret ${index + 1}`;
      if (typeof secret !== 'string' || secret === '') problems.push(`${which} is empty`);
      // A pasted secret with a stray space or newline would never verify anything.
      else if (secret !== secret.trim()) problems.push(`${which} has leading or trailing whitespace`);
      else {
        const problem = preset.secretProblem?.(secret);
        if (problem) problems.push(`${which} ${problem}`);
      }
    });
  }
  const tolerance: unknown = config.toleranceSeconds;
  if (tolerance !== undefined && !(typeof tolerance === 'number' && Number.isFinite(tolerance) && tolerance > 0)) {
    problems.push('toleranceSeconds must be a positive number of seconds');
  }
  if (config.provider === 'hmac') problems.push(...hmacOptionProblems(config.hmac));
  if (config.provider === 'api-key') {
    problems.push(...(config.apiKey && typeof config.apiKey === 'object' ? headerNameProblems('apiKey.header', config.apiKey.header) : ["provider 'api-key' needs apiKey options (header)"]));
  }
  return problems;
}

/**
 * Whether a request is genuinely from the configured provider, and its delivery id for dedupe.
 * A config with problems verifies nothing, and says why.
 */
export function verifyInbound(config: VerifierConfig, request: InboundRequest, nowMs: number): Verification {
  const problems = verifierConfigProblems(config);
  if (problems.length > 0) return rejected(`the source's verification settings are invalid: ${problems.join('; ')}`);
  return presetOf(config.provider)!.verify(config, request, nowMs);
}

/** The SHA-256 of the raw body in hex: the dedupe key when the provider gives no delivery id. */
export function bodyDigest(body: Buffer): string {
  return crypto.createHash('sha256').update(body).digest('hex');
}
