/**
 * Event types and the patterns endpoints subscribe with.
 *
 * An event type is dot-separated segments of letters, digits, `_` and `-`: `invoice.paid`.
 * A pattern is the same with `*` allowed as a whole segment:
 * - `*` alone matches every event type;
 * - a trailing `*` matches one or more further segments: `invoice.*` matches `invoice.paid`
 *   and `invoice.paid.late`, not `invoice`;
 * - `*` elsewhere matches exactly one segment: `*.created` matches `user.created`.
 * Partial wildcards (`inv*`) are rejected rather than guessed at.
 */

const segment = /^[A-Za-z0-9_-]+$/;
export const MAX_EVENT_TYPE_LENGTH = 255;

/** Why `text` is not an event type, or undefined when it is one. */
export function eventTypeProblem(text: string): string | undefined {
  if (text.length === 0 || text.length > MAX_EVENT_TYPE_LENGTH) return `must be 1 to ${MAX_EVENT_TYPE_LENGTH} characters`;
  if (!text.split('.').every((part) => segment.test(part))) {
    return 'must be dot-separated segments of letters, digits, "_" and "-", like "invoice.paid"';
  }
  return undefined;
}

/** Why `text` is not an event-type pattern, or undefined when it is one. */
export function eventTypePatternProblem(text: string): string | undefined {
  if (text.length === 0 || text.length > MAX_EVENT_TYPE_LENGTH) return `must be 1 to ${MAX_EVENT_TYPE_LENGTH} characters`;
  const parts = text.split('.');
  if (!parts.every((part) => part === '*' || segment.test(part))) {
    return '"*" may only stand for whole segments, as in "*", "invoice.*" or "*.created"';
  }
  return undefined;
}

export function matchesEventType(pattern: string, eventType: string): boolean {
  if (pattern === '*') return true;
  const want = pattern.split('.');
  const have = eventType.split('.');
  const trailingWildcard = want.at(-1) === '*';
  if (trailingWildcard ? have.length < want.length : have.length !== want.length) return false;
  return want.every((part, i) => part === '*' || part === have[i]);
}

export function matchesAnyEventType(patterns: readonly string[], eventType: string): boolean {
  return patterns.some((pattern) => matchesEventType(pattern, eventType));
}

/**
 * The keys under which the patterns that may match `eventType` are indexed (endpoints'
 * `subscription_keys`, migration 0011): the type itself, "*", and each proper prefix of its
 * segments followed by ".*". A pattern's key is its literal segments up to its first "*", so
 * every pattern that matches has one of these keys; some with these keys do not match
 * ("a.*.c" has the key "a.*" but does not match "a.b.d"), so the match is checked after the lookup.
 */
export function eventTypeKeys(eventType: string): string[] {
  const segments = eventType.split('.');
  return [eventType, '*', ...segments.slice(0, -1).map((_, i) => `${segments.slice(0, i + 1).join('.')}.*`)];
}
