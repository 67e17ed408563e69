/**
 * Whether a figure sampled over a long run keeps growing: the least-squares slope of its samples,
 * per hour. Pure, for the soak scenario (soak.ts).
 */

export interface Point {
  /** Seconds since the run began. */
  atS: number;
  value: number;
}

/** The least-squares slope of the points, in value per hour; NaN with fewer than two distinct times. */
export function slopePerHour(points: readonly Point[]): number {
  const n = points.length;
  if (n < 2) return NaN;
  const meanT = points.reduce((sum, p) => sum + p.atS, 0) / n;
  const meanV = points.reduce((sum, p) => sum + p.value, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const p of points) {
    covariance += (p.atS - meanT) * (p.value - meanV);
    variance += (p.atS - meanT) ** 2;
  }
  return variance === 0 ? NaN : (covariance / variance) * 3600;
}

export interface Trend {
  first: number;
  last: number;
  /** The slope over the whole run, per hour. */
  slopePerHour: number;
  /**
   * The slope over the second half, per hour: the steady state, after caches, pools and (with a
   * retention shorter than the run) the tables have filled.
   */
  secondHalfSlopePerHour: number;
}

/** A figure's trend over the samples, read from each by `figure` (a sample without it, NaN, is left out). */
export function trendOf<S extends { atS: number }>(samples: readonly S[], figure: (sample: S) => number): Trend {
  const points = samples.map((sample) => ({ atS: sample.atS, value: figure(sample) })).filter((p) => Number.isFinite(p.value));
  const half = points.length > 0 ? points[points.length - 1]!.atS / 2 : 0;
  return {
    first: points[0]?.value ?? NaN,
    last: points[points.length - 1]?.value ?? NaN,
    slopePerHour: slopePerHour(points),
    secondHalfSlopePerHour: slopePerHour(points.filter((p) => p.atS >= half)),
  };
}
