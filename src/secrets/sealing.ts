/**
 * Secrets at rest: AES-256-GCM under the operator's keys (SWITCHYARD_ENCRYPTION_KEYS, `id:base64`
 * entries, the first one current). A sealed value names its key, so older keys keep opening what
 * they sealed until `switchyard rotate-keys` has re-sealed everything under the current one.
 *
 * Stored form: `enc:v1:<key id>:<base64url of iv ‖ ciphertext ‖ tag>`. The purpose (which column
 * the value belongs to) is authenticated with it, so a value copied into another column does not
 * open there.
 */
import crypto from 'node:crypto';

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

export interface Sealer {
  /** The id of the key new values are sealed under. */
  readonly currentKeyId: string;
  seal(plaintext: string, purpose: string): string;
  /** Throws when the value is not sealed, its key is unknown, or it was altered. */
  open(stored: string, purpose: string): string;
  /** Whether the value is sealed under the current key (false for plaintext and older keys). */
  isCurrent(stored: string): boolean;
}

const PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_.-]{1,64}$/;

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/**
 * Parses SWITCHYARD_ENCRYPTION_KEYS. The error never quotes the text: it holds key material.
 */
export function parseEncryptionKeys(text: string): EncryptionKey[] | { error: string } {
  const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 0) return { error: 'expected at least one id:base64key entry' };
  const keys: EncryptionKey[] = [];
  for (const [index, entry] of entries.entries()) {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    if (!KEY_ID.test(id)) return { error: `entry ${index + 1}: expected id:base64key, the id made of letters, digits, '_', '-' or '.'` };
    const material = entry.slice(colon + 1);
    const key = Buffer.from(material, 'base64');
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(material) || key.length !== 32) return { error: `entry ${index + 1} (${id}): the key must be 32 bytes, base64-encoded` };
    if (keys.some((other) => other.id === id)) return { error: `entry ${index + 1}: the id ${id} is used twice` };
    keys.push({ id, key });
  }
  return keys;
}

/** A fresh `id:base64key` entry, for `dev`, the tests and the benchmark. */
export function newEncryptionKeyEntry(id: string): string {
  return `${id}:${crypto.randomBytes(32).toString('base64')}`;
}

export function createSealer(keys: readonly EncryptionKey[]): Sealer {
  const [current] = keys;
  if (!current) throw new Error('no encryption keys');
  const byId = new Map(keys.map((entry) => [entry.id, entry.key]));
  return {
    currentKeyId: current.id,
    seal(plaintext, purpose) {
      const iv = crypto.randomBytes(IV_BYTES);
      const cipher = crypto.createCipheriv('aes-256-gcm', current.key, iv);
      cipher.setAAD(Buffer.from(purpose, 'utf8'));
      const sealed = Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${PREFIX}${current.id}:${sealed.toString('base64url')}`;
    },
    open(stored, purpose) {
      if (!isSealed(stored)) throw new Error(`a stored ${purpose} is not encrypted; run \`switchyard migrate\` to encrypt it`);
      const rest = stored.slice(PREFIX.length);
      const colon = rest.indexOf(':');
      const id = rest.slice(0, colon);
      const key = byId.get(id);
      if (colon < 0 || !key) throw new Error(`a stored ${purpose} is sealed under the key "${id}", which SWITCHYARD_ENCRYPTION_KEYS does not hold`);
      const data = Buffer.from(rest.slice(colon + 1), 'base64url');
      if (data.length < IV_BYTES + TAG_BYTES) throw new Error(`a stored ${purpose} is damaged`);
      try {
        const decipher = crypto.createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(purpose, 'utf8'));
        decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
        return Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new Error(`a stored ${purpose} does not open under the key "${id}": altered, or moved from elsewhere`);
      }
    },
    isCurrent(stored) {
      return stored.startsWith(`${PREFIX}${current.id}:`);
    },
  };
}
