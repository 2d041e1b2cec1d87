/**
 * Several replications of one model (seeds seed, seed + 1, …) as one model
 * summary, merged as replications of the built-in pipeline are
 * (replications.ts): counts are totals, maxima the largest, every other figure
 * the mean of the replications' values (nulls left out). `replications` gives
 * each queue's key figures as mean ± the half-width of their 95% confidence
 * interval (Student t with n − 1 degrees of freedom).
 *
 * A model is code, so its replications need not create the same queues and
 * processes: each is matched across replications by its name and how many
 * of that name came before it in its run, listed in order of first appearance.
 * A queue missing from a replication has null figures there. A figure null in
 * any replication (its queue missing, or the figure undefined there: the wait
 * of a queue no item left) gets no mean and no interval, as `qsim sweep` gives
 * a point whose replications did not all measure it: an interval over the
 * replications that happened to measure it would describe a different,
 * selected set of runs, with fewer degrees of freedom than count − 1. Each
 * replication's value stays in `values`.
 *
 * After Ctrl-C or SIGTERM the runs are those that finished (`interrupted`),
 * possibly one, which gives each figure its value as the mean and no interval.
 */
import type { ModelProcessSummary, ModelQueueSummary, ModelSummary } from './model-summary.js';
import { CONFIDENCE_LEVEL, meanOf, mergeDistribution, sumOf } from './replications.js';
import { confidenceInterval } from './student-t.js';
import type { ReplicatedStatistic } from './summary.js';

/**
 * One figure over the replications: its mean and 95% interval, and each
 * replication's value (null where it was undefined). mean, halfWidth, low and
 * high are null when a value is; halfWidth, low and high also with one replication.
 */
export type ModelReplicatedStatistic = Omit<ReplicatedStatistic, 'predicted' | 'predictedInside'>;

export interface ModelQueueReplications {
  readonly name: string;
  readonly meanWait: ModelReplicatedStatistic;
  readonly p95Wait: ModelReplicatedStatistic;
  readonly meanSize: ModelReplicatedStatistic;
  readonly maxSize: ModelReplicatedStatistic;
  /** Items that left the queue per simulated second. */
  readonly throughput: ModelReplicatedStatistic;
}

export interface ModelReplicationsSummary {
  readonly count: number;
  readonly seeds: readonly number[];
  readonly confidenceLevel: number;
  readonly queues: readonly ModelQueueReplications[];
}

export interface ModelSummaryOfReplications extends ModelSummary {
  /** True when Ctrl-C or SIGTERM stopped the replications: the summary merges those that finished. */
  readonly interrupted: boolean;
  readonly replications: ModelReplicationsSummary;
}

export interface ModelMergeOptions {
  /** The replications were stopped (Ctrl-C, SIGTERM) and the runs are only those that finished. */
  readonly interrupted?: boolean;
}

/** Each replication's entry for every name (and occurrence of it), in order of first appearance; undefined where a run lacks it. */
function matched<T extends { readonly name: string }>(runs: readonly ModelSummary[], list: (run: ModelSummary) => readonly T[]): (T | undefined)[][] {
  const keys = new Map<string, (T | undefined)[]>();
  runs.forEach((run, r) => {
    const seen = new Map<string, number>();
    for (const entry of list(run)) {
      const occurrence = seen.get(entry.name) ?? 0;
      seen.set(entry.name, occurrence + 1);
      const key = `${occurrence}:${entry.name}`;
      let column = keys.get(key);
      if (column === undefined) {
        column = new Array<T | undefined>(runs.length).fill(undefined);
        keys.set(key, column);
      }
      column[r] = entry;
    }
  });
  return [...keys.values()];
}

function known<T>(column: readonly (T | undefined)[]): T[] {
  return column.filter((entry): entry is T => entry !== undefined);
}

function mergeQueue(column: readonly (ModelQueueSummary | undefined)[]): ModelQueueSummary {
  const all = known(column);
  const first = all[0] as ModelQueueSummary;
  return {
    name: first.name,
    kind: first.kind,
    capacity: first.capacity,
    puts: sumOf(all.map((q) => q.puts)),
    gets: sumOf(all.map((q) => q.gets)),
    finalSize: sumOf(all.map((q) => q.finalSize)),
    maxSize: Math.max(...all.map((q) => q.maxSize)),
    meanSize: meanOf(all.map((q) => q.meanSize)),
    waitSeconds: mergeDistribution(all.map((q) => q.waitSeconds)),
    blockedPuts: sumOf(all.map((q) => q.blockedPuts)),
    blockedSeconds: meanOf(all.map((q) => q.blockedSeconds)) as number,
  };
}

function mergeProcess(column: readonly (ModelProcessSummary | undefined)[]): ModelProcessSummary {
  const all = known(column);
  return {
    name: (all[0] as ModelProcessSummary).name,
    startedAt: meanOf(all.map((p) => p.startedAt)),
    finishedAt: meanOf(all.map((p) => p.finishedAt)),
    sleepingSeconds: meanOf(all.map((p) => p.sleepingSeconds)) as number,
    waitingSeconds: meanOf(all.map((p) => p.waitingSeconds)) as number,
    logLines: sumOf(all.map((p) => p.logLines)),
  };
}

function statistic(path: string, values: readonly (number | null)[]): ModelReplicatedStatistic {
  const present = values.filter((v): v is number => v !== null);
  // Not measured in every replication: no mean or interval, as in qsim sweep.
  if (present.length === 0 || present.length < values.length) return { path, mean: null, halfWidth: null, low: null, high: null, values };
  const { mean, halfWidth } = confidenceInterval(present, CONFIDENCE_LEVEL);
  return { path, mean, halfWidth, low: halfWidth === null ? null : mean - halfWidth, high: halfWidth === null ? null : mean + halfWidth, values };
}

function queueReplications(runs: readonly ModelSummary[], column: readonly (ModelQueueSummary | undefined)[], index: number): ModelQueueReplications {
  const at = `queues[${index}]`;
  const read = (figure: (queue: ModelQueueSummary, run: ModelSummary) => number | null): (number | null)[] =>
    column.map((queue, r) => (queue === undefined ? null : figure(queue, runs[r] as ModelSummary)));
  return {
    name: (known(column)[0] as ModelQueueSummary).name,
    meanWait: statistic(`${at}.waitSeconds.mean`, read((q) => q.waitSeconds.mean)),
    p95Wait: statistic(`${at}.waitSeconds.p95`, read((q) => q.waitSeconds.p95)),
    meanSize: statistic(`${at}.meanSize`, read((q) => q.meanSize)),
    maxSize: statistic(`${at}.maxSize`, read((q) => q.maxSize)),
    throughput: statistic(`${at}.gets / simulatedSeconds`, read((q, run) => (run.simulatedSeconds > 0 ? q.gets / run.simulatedSeconds : null))),
  };
}

/**
 * The summaries of a model's replications with seeds seed, seed + 1, … (in
 * that order; after an interruption, the seeds that finished) as one summary
 * with `replications`; at least one run.
 */
export function mergeModelReplications(runs: readonly ModelSummary[], options: ModelMergeOptions = {}): ModelSummaryOfReplications {
  const [first] = runs;
  if (first === undefined) throw new RangeError('mergeModelReplications needs at least one run');
  const queues = matched(runs, (run) => run.queues);
  return {
    model: first.model,
    seed: first.seed,
    simulatedSeconds: meanOf(runs.map((r) => r.simulatedSeconds)) as number,
    interrupted: options.interrupted === true || runs.some((r) => r.interrupted),
    finalQueueSize: sumOf(runs.map((r) => r.finalQueueSize)),
    queues: queues.map(mergeQueue),
    processes: matched(runs, (run) => run.processes).map(mergeProcess),
    options: first.options,
    replications: {
      count: runs.length,
      seeds: runs.map((r) => r.seed),
      confidenceLevel: CONFIDENCE_LEVEL,
      queues: queues.map((column, i) => queueReplications(runs, column, i)),
    },
  };
}
