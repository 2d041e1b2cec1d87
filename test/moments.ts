/**
 * Sample moments with their standard errors, for tests that compare a
 * simulated quantity with its formula. A tolerance of Z_TOLERANCE standard
 * errors is missed by chance with probability about 6e-5 per comparison; the
 * seeds are fixed, so a test either always passes or always fails.
 */
export const Z_TOLERANCE = 4;

export interface Moments {
  readonly n: number;
  readonly mean: number;
  /** Unbiased sample variance. */
  readonly variance: number;
  /** Fourth central moment about the sample mean. */
  readonly m4: number;
}

export function moments(values: Float64Array): Moments {
  const n = values.length;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  let m2 = 0;
  let m4 = 0;
  for (const v of values) {
    const d = (v - mean) * (v - mean);
    m2 += d;
    m4 += d * d;
  }
  return { n, mean, variance: m2 / (n - 1), m4: m4 / n };
}

/** Standard error of the sample mean when the true variance is `variance`. */
export function meanStandardError(variance: number, n: number): number {
  return Math.sqrt(variance / n);
}

/** Standard error of the sample variance: sqrt((mu4 - sigma^4) / n), with mu4 and sigma estimated from the sample. */
export function varianceStandardError(m: Moments): number {
  return Math.sqrt(Math.max(0, m.m4 - m.variance * m.variance) / m.n);
}
