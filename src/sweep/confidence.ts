/**
 * A figure over a point's replications: its mean and the half-width of its
 * 95% confidence interval by Student's t (src/observe/student-t.ts), or null
 * when some replication could not measure it.
 */
import { confidenceInterval as studentInterval } from '../observe/student-t.js';

export interface Interval {
  readonly mean: number | null;
  /** Half the 95% interval's width; null with fewer than two values. */
  readonly halfWidth: number | null;
}

/** Mean and 95% half-width of `values`; null when any value is null (the figure was not measured in every replication). */
export function confidenceInterval(values: readonly (number | null)[]): Interval {
  if (values.length === 0 || values.some((value) => value === null)) return { mean: null, halfWidth: null };
  return studentInterval(values as readonly number[], 0.95);
}
