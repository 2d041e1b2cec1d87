/**
 * A sweep's results as every output shows them: the definition, the finished
 * points in index order, and how complete they are. A sweep run and `qsim
 * merge` both build one and print it with the same renderers, so a merged
 * sweep prints what the unsharded sweep does.
 */
import type { Shard } from './execute.js';
import type { SweepDefinition } from './plan.js';
import { recommend, type PointResult, type Recommendation } from './point-result.js';

export interface SweepReport {
  readonly definition: SweepDefinition;
  /** Finished points, in index order. */
  readonly results: readonly PointResult[];
  /** The shard this run did; undefined for a whole sweep (or a merge). */
  readonly shard: Shard | undefined;
  /** Ctrl-C stopped the sweep before every point finished. */
  readonly interrupted: boolean;
}

/** Every point of the grid finished. */
export function complete(report: SweepReport): boolean {
  return report.results.length === report.definition.points;
}

/** The recommendation, made only from a complete sweep with SLOs; null when none passes or none can be made. */
export function reportRecommendation(report: SweepReport): Recommendation | null {
  return complete(report) && report.definition.slo.length > 0 ? recommend(report.results) : null;
}
