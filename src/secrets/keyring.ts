/**
 * The process's keys for secrets at rest. Whatever runs the API, the worker or a migration installs
 * them once at start-up, from the configuration; the repositories that store secrets seal and open
 * with them. A process that never installs them (the Kafka consumers) never touches a secret.
 */
import { ConfigError } from '../config';
import { createSealer, type EncryptionKey, type Sealer } from './sealing';

/** What each sealed value is bound to: the column it lives in. */
export const SECRET_PURPOSE = {
  endpointSecret: 'endpoints.secret',
  endpointHeader: 'endpoints.headers',
  endpointSigningKey: 'endpoints.signing_key',
  endpointTls: 'endpoints.client_tls',
  endpointAuth: 'endpoints.auth',
  sourceSecret: 'sources.secrets',
  noticeWebhookSecret: 'projects.operational_webhook_secret',
  projectEgressProxy: 'projects.egress_proxy',
} as const;

let installed: Sealer | undefined;
let installedKeys: readonly EncryptionKey[] = [];

export function installEncryptionKeys(keys: readonly EncryptionKey[] | undefined): Sealer {
  if (!keys) {
    throw new ConfigError([
      'SWITCHYARD_ENCRYPTION_KEYS: not set. Secrets are stored encrypted under it: set it to id:base64key entries, the first one current, e.g. primary:$(openssl rand -base64 32)',
    ]);
  }
  installed = createSealer(keys);
  installedKeys = keys;
  return installed;
}

function sealer(): Sealer {
  if (!installed) throw new Error('no encryption keys installed in this process (installEncryptionKeys)');
  return installed;
}

/** The same keys, for what signs rather than seals (portal links): each user derives its own key from them. */
export function signingKeys(): readonly EncryptionKey[] {
  if (installedKeys.length === 0) throw new Error('no encryption keys installed in this process (installEncryptionKeys)');
  return installedKeys;
}

export const sealSecret = (plaintext: string, purpose: string): string => sealer().seal(plaintext, purpose);
export const openSecret = (stored: string, purpose: string): string => sealer().open(stored, purpose);

/** Header values sealed one by one: names stay readable (the API shows them), values do not. */
export const sealHeaders = (headers: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, sealSecret(value, SECRET_PURPOSE.endpointHeader)]));
export const openHeaders = (headers: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, openSecret(value, SECRET_PURPOSE.endpointHeader)]));
