/**
 * Durations as people write them in settings ("500ms", "30s", "5m", "2h", "1d") and as
 * Switchyard writes them back in messages. Pure: the endpoint entity workflow formats with it.
 */

const units: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const durationPattern = /^(\d{1,9})(ms|s|m|h|d)$/;

/** "500ms", "5s", "5m", "2h", "1d" in milliseconds; undefined when the text is not one of those. */
export function parseDuration(text: string): number | undefined {
  const match = durationPattern.exec(text.trim());
  return match ? Number(match[1]) * units[match[2]!]! : undefined;
}

/**
 * A duration read as at most `max`: every setting has a bound (a typo like "999999999d" must not
 * overflow a date), and a row stored before its bound existed is held to it when used.
 */
export function parseDurationUpTo(text: string, max: string): number | undefined {
  const ms = parseDuration(text);
  return ms === undefined ? undefined : Math.min(ms, parseDuration(max)!);
}

/** A duration for a message: whole hours from a day on, else tenths of the largest unit. */
export function formatDuration(ms: number): string {
  if (ms >= 86_400_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms >= 3_600_000) return `${Math.round(ms / 360_000) / 10}h`;
  if (ms >= 60_000) return `${Math.round(ms / 6_000) / 10}m`;
  return `${Math.round(ms / 100) / 10}s`;
}
