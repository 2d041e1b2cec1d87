/**
 * The result of one point: its figures over its replications (the mean, and
 * with several replications the 95% CI's half-width) and whether it meets
 * each SLO. Every number is rounded as JSON prints it (json-output.ts) before
 * anything is decided from it, so a sweep's text, its JSON and the NDJSON that
 * `qsim merge` reads back all hold the same numbers, and a merged sweep
 * decides exactly as an unsharded one.
 */
import { roundForOutput } from '../observe/json-output.js';
import { confidenceInterval } from './confidence.js';
import { METRICS, readMetric, type PointSummary } from './metrics.js';
import type { PlannedPoint } from './plan.js';
import { judge, type Slo } from './slo.js';

export type Figures = Readonly<Record<string, number | null>>;

export interface PointResult {
  readonly index: number;
  readonly values: readonly string[];
  /** The seed of each replication's run. */
  readonly seeds: readonly number[];
  /** Worker slots (Σ workers × concurrency); null for a model, whose cost qsim cannot know. */
  readonly slots: number | null;
  /** Offered load at the bottleneck; null when undefined, and for a model. */
  readonly rho: number | null;
  /** A stage with ρ ≥ 1 keeps every item: its figures grow with the run's length, so it is never recommended. */
  readonly overloaded: boolean;
  /** Each metric's mean over the replications (its value with one). */
  readonly metrics: Figures;
  /** Each metric's 95% CI half-width; undefined with one replication. */
  readonly ci95: Figures | undefined;
  /** Whether the point meets each SLO, in --slo order. */
  readonly slo: readonly boolean[];
}

function rounded(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? null : roundForOutput(value);
}

export function pointResult(point: PlannedPoint, seeds: readonly number[], summaries: readonly PointSummary[], slos: readonly Slo[]): PointResult {
  const metrics: Record<string, number | null> = {};
  const ci95: Record<string, number | null> = {};
  for (const metric of METRICS) {
    const interval = confidenceInterval(summaries.map((summary) => readMetric(metric, summary)));
    metrics[metric.name] = rounded(interval.mean);
    ci95[metric.name] = rounded(interval.halfWidth);
  }
  const several = summaries.length > 1;
  return {
    index: point.index,
    values: point.values,
    seeds,
    slots: point.slots,
    rho: rounded(point.rho),
    overloaded: point.overloaded,
    metrics,
    ci95: several ? ci95 : undefined,
    slo: judge(slos, metrics, several ? ci95 : undefined),
  };
}

/** Meets every SLO; null when there are none. */
export function passes(result: PointResult): boolean | null {
  return result.slo.length === 0 ? null : result.slo.every(Boolean);
}

/** Points that meet every SLO but are overloaded, so not recommended. */
export function passingOverloaded(results: readonly PointResult[]): PointResult[] {
  return results.filter((result) => result.overloaded && passes(result) === true);
}

export interface Recommendation {
  readonly index: number;
  readonly values: readonly string[];
  readonly slots: number | null;
}

/**
 * The cheapest point that meets every SLO and is not overloaded: the fewest
 * worker slots, then the first in grid order. Points without slots (a model's)
 * are equally cheap, so the first passing point in grid order is recommended.
 * An overloaded point may pass in a short run (the backlog has not built up
 * yet) and fail in a longer one: it is never recommended.
 */
function cost(result: PointResult): number {
  return result.slots ?? 0;
}

export function recommend(results: readonly PointResult[]): Recommendation | null {
  let best: PointResult | undefined;
  for (const result of results) {
    if (passes(result) !== true || result.overloaded) continue;
    if (best === undefined || cost(result) < cost(best) || (cost(result) === cost(best) && result.index < best.index)) best = result;
  }
  return best ? { index: best.index, values: best.values, slots: best.slots } : null;
}
