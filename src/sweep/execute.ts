/**
 * Runs a sweep's points (every replication of each) through a PointRunner
 * and reports each point once all its runs are done, in index order, so what
 * is printed does not depend on how many runs go at once. A shard runs only
 * the points whose index i satisfies i mod count = index − 1.
 */
import { QsimError, describeThrown } from '../core/errors.js';
import { describePoint } from './grid.js';
import type { PointSummary } from './metrics.js';
import type { PlannedPoint, SweepPlan } from './plan.js';
import { pointResult, type PointResult } from './point-result.js';
import { LowestFailure } from '../parallel/lowest-failure.js';
import { RunAborted } from '../parallel/thread-pool.js';
import type { PointRunner } from './point-runner.js';
import { runSeed } from './seeds.js';

/** Shard K of N (1-based), as --shard K/N writes it. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export function inShard(point: number, shard: Shard | undefined): boolean {
  return shard === undefined || point % shard.count === shard.index - 1;
}

export interface ExecuteOptions {
  readonly shard?: Shard | undefined;
  /** Aborting stops starting runs and stops those going; the points finished so far are returned. */
  readonly signal?: AbortSignal;
  /** Called for each finished point, in index order. */
  readonly onPoint?: (result: PointResult) => void;
}

export interface SweepOutcome {
  /** Finished points, in index order. */
  readonly results: readonly PointResult[];
  /** The points this run was to do (the shard's, or all). */
  readonly planned: number;
  readonly interrupted: boolean;
}

/** A run of a point failed; names the point and the run's seed (qsim run with the point's options and --seed repeats it). */
export class PointFailedError extends QsimError {
  readonly code = 'point-failed';
  readonly exitCode: number;
  constructor(point: string, seed: number, cause: unknown) {
    super(`the run of point ${point} with seed ${seed} failed: ${describeThrown(cause)}`, { cause });
    this.exitCode = cause instanceof QsimError ? cause.exitCode : 1;
  }
}

export async function executeSweep(plan: SweepPlan, runner: PointRunner, options: ExecuteOptions = {}): Promise<SweepOutcome> {
  const { definition } = plan;
  const points = plan.points.filter((point) => inShard(point.index, options.shard));
  // A failed run stops the runs after it; the one reported is the first in (point, replication) order.
  const failures = new LowestFailure(options.signal);
  const replications = definition.replications;

  // Points finish in any order; each is reported when every point before it has been.
  const finished = new Map<number, PointResult>();
  const results: PointResult[] = [];
  let next = 0;
  const flush = (upTo: number): void => {
    while (next < upTo && finished.has(next)) {
      const result = finished.get(next) as PointResult;
      finished.delete(next);
      results.push(result);
      options.onPoint?.(result);
      next++;
    }
  };

  const runPoint = async (point: PlannedPoint, order: number): Promise<void> => {
    const seeds = Array.from({ length: replications }, (_, r) => runSeed(definition.seed, point.index, r));
    const name = describePoint(definition.vary, point.values) || String(point.index);
    const run = (seed: number, r: number): Promise<PointSummary> =>
      failures.run(order * replications + r, (signal) =>
        runner.run({ ...point.work, seed }, signal).catch((error: unknown) => {
          throw error instanceof RunAborted ? error : new PointFailedError(name, seed, error);
        }),
      );
    // Every replication settles before the point is done: a lower one may still fail after another has.
    // A run that failed or was stopped rejects (LowestFailure keeps the failure to report): no result.
    const settled = await Promise.allSettled(seeds.map(run));
    const summaries = settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    if (summaries.length < seeds.length) return;
    finished.set(order, pointResult(point, seeds, summaries, plan.slos));
    flush(points.length);
  };

  await Promise.all(points.map(runPoint));
  if (failures.error !== undefined) throw failures.error;
  // Interrupted: the points finished after a gap are reported too, still in order.
  for (const order of [...finished.keys()].sort((a, b) => a - b)) {
    const result = finished.get(order) as PointResult;
    results.push(result);
    options.onPoint?.(result);
  }
  return { results, planned: points.length, interrupted: options.signal?.aborted === true && results.length < points.length };
}
