/**
 * Identifiers: a type prefix and 26 characters of Crockford base32 holding a 48-bit millisecond
 * timestamp and 80 random bits (the ULID layout). They sort by creation time, which keeps index
 * inserts local and gives cursor pagination a natural order, and the prefix says what an id is
 * when it turns up in a log or a support ticket.
 */
import crypto from 'node:crypto';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function encodeTime(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms >= 2 ** 48) throw new RangeError(`timestamp out of range: ${ms}`);
  let out = '';
  for (let i = 0, rest = ms; i < 10; i++, rest = Math.floor(rest / 32)) out = alphabet[rest % 32] + out;
  return out;
}

export function encodeRandom(bytes: Uint8Array): string {
  if (bytes.length !== 10) throw new RangeError('80 random bits are 10 bytes');
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += alphabet[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

export function newId(prefix: string, now = Date.now(), random: Uint8Array = crypto.randomBytes(10)): string {
  return `${prefix}_${encodeTime(now)}${encodeRandom(random)}`;
}

/** The smallest id of type `prefix` made at `ms`: every id below it was made earlier. */
export function firstIdAt(prefix: string, ms: number): string {
  return `${prefix}_${encodeTime(Math.max(0, Math.floor(ms)))}${'0'.repeat(16)}`;
}

let lastTime = -1;
let lastRandom: Uint8Array = new Uint8Array(10);

/**
 * Like `newId`, but ids made in this process sort in the order they were made even within one
 * millisecond (ULID's monotonic mode: same millisecond, previous random part plus one).
 */
export function nextId(prefix: string): string {
  const now = Date.now();
  if (now > lastTime) {
    lastTime = now;
    lastRandom = crypto.randomBytes(10);
  } else {
    lastRandom = increment(lastRandom);
  }
  return newId(prefix, lastTime, lastRandom);
}

/** The 80-bit big-endian number plus one (wrapping, which 2^80 ids in one millisecond would need). */
export function increment(bytes: Uint8Array): Uint8Array {
  const out = Uint8Array.from(bytes);
  for (let i = out.length - 1; i >= 0; i--) {
    out[i] = (out[i]! + 1) & 0xff;
    if (out[i] !== 0) break;
  }
  return out;
}

/** The creation time encoded in an id made by `newId`. */
export function idTime(id: string): number {
  const body = id.slice(id.lastIndexOf('_') + 1, id.lastIndexOf('_') + 11);
  let ms = 0;
  for (const char of body) {
    const digit = alphabet.indexOf(char);
    if (digit < 0) throw new RangeError(`not an id: ${id}`);
    ms = ms * 32 + digit;
  }
  return ms;
}
