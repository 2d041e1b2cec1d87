/**
 * Several replications of one scenario (seeds seed, seed + 1, …) as one
 * summary. The usual fields merge the replications — counts are totals,
 * maxima the largest, every other figure the mean of the replications'
 * values (nulls left out) — and `replications` gives each key statistic as
 * mean ± the half-width of its confidence interval (Student t with n − 1
 * degrees of freedom), with the theoretical value and whether it lies inside.
 *
 * The replications are independent and identically distributed, so the
 * interval covers the expected value of the statistic for a run of this
 * length. That equals the steady-state value of queueing theory only when the
 * runs are long enough (and any warm-up long enough) for the start, an empty
 * queue, to wash out.
 */
import type { Scenario } from '../model/scenario.js';
import { predict } from '../theory/predict.js';
import { confidenceInterval } from './student-t.js';
import type {
  ConsumerSummary,
  DistributionSummary,
  MeasuredSummary,
  ProducerSummary,
  QueueSummary,
  ReplicatedStatistic,
  ReplicationsSummary,
  RunSummary,
  StageSummary,
} from './summary.js';
import { withTheory } from './theory-summary.js';

export const CONFIDENCE_LEVEL = 0.95;

function present(values: readonly (number | null)[]): number[] {
  return values.filter((v): v is number => v !== null);
}

export function meanOf(values: readonly (number | null)[]): number | null {
  const known = present(values);
  return known.length === 0 ? null : known.reduce((sum, v) => sum + v, 0) / known.length;
}

export function maxOf(values: readonly (number | null)[]): number | null {
  const known = present(values);
  return known.length === 0 ? null : Math.max(...known);
}

export function sumOf(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0);
}

export function mergeDistribution(all: readonly DistributionSummary[]): DistributionSummary {
  return {
    count: sumOf(all.map((d) => d.count)),
    mean: meanOf(all.map((d) => d.mean)),
    p50: meanOf(all.map((d) => d.p50)),
    p95: meanOf(all.map((d) => d.p95)),
    p99: meanOf(all.map((d) => d.p99)),
    max: maxOf(all.map((d) => d.max)),
  };
}

function mergeQueue(all: readonly QueueSummary[]): QueueSummary {
  return { maxSize: Math.max(...all.map((q) => q.maxSize)), meanSize: meanOf(all.map((q) => q.meanSize)) };
}

/** The i-th member of every replication's `list`. */
function column<T>(runs: readonly RunSummary[], list: (run: RunSummary) => readonly T[], i: number): T[] {
  return runs.map((run) => list(run)[i] as T);
}

function mergeConsumers(runs: readonly RunSummary[], first: RunSummary): ConsumerSummary[] {
  return first.consumers.map((consumer, i) => {
    const all = column(runs, (r) => r.consumers, i);
    return {
      name: consumer.name,
      stage: consumer.stage,
      processed: sumOf(all.map((c) => c.processed)),
      failed: sumOf(all.map((c) => c.failed)),
      busySeconds: meanOf(all.map((c) => c.busySeconds)) as number,
      utilization: meanOf(all.map((c) => c.utilization)),
      blockedSeconds: meanOf(all.map((c) => c.blockedSeconds)) as number,
    };
  });
}

function mergeProducers(runs: readonly RunSummary[], first: RunSummary): ProducerSummary[] {
  return first.producers.map((producer, i) => {
    const all = column(runs, (r) => r.producers, i);
    return {
      name: producer.name,
      source: producer.source,
      produced: sumOf(all.map((p) => p.produced)),
      dropped: sumOf(all.map((p) => p.dropped)),
      blockedSeconds: meanOf(all.map((p) => p.blockedSeconds)) as number,
    };
  });
}

function mergeStages(runs: readonly RunSummary[], first: RunSummary): StageSummary[] {
  return first.stages.map((stage, k) => {
    const all = column(runs, (r) => r.stages, k);
    return {
      name: stage.name,
      processed: sumOf(all.map((s) => s.processed)),
      failedAttempts: sumOf(all.map((s) => s.failedAttempts)),
      retries: sumOf(all.map((s) => s.retries)),
      deadLettered: sumOf(all.map((s) => s.deadLettered)),
      dropped: sumOf(all.map((s) => s.dropped)),
      finalQueueSize: sumOf(all.map((s) => s.finalQueueSize)),
      queue: mergeQueue(all.map((s) => s.queue)),
      waitSeconds: mergeDistribution(all.map((s) => s.waitSeconds)),
      systemSeconds: mergeDistribution(all.map((s) => s.systemSeconds)),
      utilization: meanOf(all.map((s) => s.utilization)),
    };
  });
}

function mergeMeasured(runs: readonly RunSummary[], first: RunSummary, interrupted: boolean): MeasuredSummary {
  return {
    seed: first.seed,
    simulatedSeconds: meanOf(runs.map((r) => r.simulatedSeconds)) as number,
    interrupted: interrupted || runs.some((r) => r.interrupted),
    warmupSeconds: first.warmupSeconds,
    items: {
      produced: sumOf(runs.map((r) => r.items.produced)),
      consumed: sumOf(runs.map((r) => r.items.consumed)),
      completed: sumOf(runs.map((r) => r.items.completed)),
      left: sumOf(runs.map((r) => r.items.left)),
      dropped: sumOf(runs.map((r) => r.items.dropped)),
      deadLettered: sumOf(runs.map((r) => r.items.deadLettered)),
    },
    finalQueueSize: sumOf(runs.map((r) => r.finalQueueSize)),
    throughputPerSecond: meanOf(runs.map((r) => r.throughputPerSecond)),
    queue: mergeQueue(runs.map((r) => r.queue)),
    waitSeconds: mergeDistribution(runs.map((r) => r.waitSeconds)),
    systemSeconds: mergeDistribution(runs.map((r) => r.systemSeconds)),
    consumers: mergeConsumers(runs, first),
    producers: mergeProducers(runs, first),
    stages: mergeStages(runs, first),
    options: first.options,
  };
}

function replicated(path: string, values: readonly (number | null)[], predicted: number | null): ReplicatedStatistic {
  const known = present(values);
  if (known.length === 0) return { path, mean: null, halfWidth: null, low: null, high: null, values, predicted, predictedInside: null };
  const { mean, halfWidth } = confidenceInterval(known, CONFIDENCE_LEVEL);
  const low = halfWidth === null ? null : mean - halfWidth;
  const high = halfWidth === null ? null : mean + halfWidth;
  const predictedInside = predicted === null || low === null || high === null ? null : predicted >= low && predicted <= high;
  return { path, mean, halfWidth, low, high, values, predicted, predictedInside };
}

export interface MergeOptions {
  /**
   * The replications were stopped (Ctrl-C, SIGTERM) and `runs` are only those
   * that finished: the summary says `interrupted: true`. With one run there is
   * no interval: each statistic's halfWidth, low, high and predictedInside are null.
   */
  readonly interrupted?: boolean;
}

/**
 * The summaries of replications with seeds seed, seed + 1, … (in that order;
 * after an interruption, the seeds that finished) as one summary with
 * `replications`; at least one run.
 */
export function mergeReplications(runs: readonly RunSummary[], scenario: Scenario, options: MergeOptions = {}): RunSummary {
  const [first] = runs;
  if (first === undefined) throw new RangeError('mergeReplications needs at least one run');
  const merged = withTheory(mergeMeasured(runs, first, options.interrupted === true), scenario, predict(scenario));
  const { theory, bottleneck } = merged;
  const b = bottleneck.index;
  const replications: ReplicationsSummary = {
    count: runs.length,
    seeds: runs.map((r) => r.seed),
    confidenceLevel: CONFIDENCE_LEVEL,
    meanWait: replicated('waitSeconds.mean', runs.map((r) => r.waitSeconds.mean), theory.meanWaitSeconds.predicted),
    p95Wait: replicated('waitSeconds.p95', runs.map((r) => r.waitSeconds.p95), null),
    meanSystem: replicated('systemSeconds.mean', runs.map((r) => r.systemSeconds.mean), theory.meanSystemSeconds.predicted),
    throughput: replicated('throughputPerSecond', runs.map((r) => r.throughputPerSecond), null),
    meanQueueSize: replicated('queue.meanSize', runs.map((r) => r.queue.meanSize), theory.meanQueueSize.predicted),
    utilization: replicated(
      `stages[${b}].utilization`,
      runs.map((r) => r.stages[b]?.utilization ?? null),
      theory.stages[b]?.utilization.predicted ?? null,
    ),
  };
  return { ...merged, replications };
}
