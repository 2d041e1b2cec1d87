/**
 * The figures a sweep reports for each point and that --slo can bound, read
 * from a run's summary. Names are stable: they are the --slo metrics, the JSON
 * keys and the CSV columns.
 *
 * A model (`--model FILE`) is code, so qsim knows only its queues and
 * processes (ModelSummary). Its figures are those of its FIRST queue (the
 * first sim.queue() it creates): throughput is the items taken from it per
 * simulated second, wait.* the time from entering it to leaving it, queue.*
 * its size. One queue for all of them, because percentiles of waits in
 * different queues cannot be combined, and a row should describe one queue.
 * What needs the pipeline's structure (system.*: an item's way through every
 * stage; utilization: which time is work; dropped, deadLettered) is not
 * measured for a model: those metrics have no `readModel`.
 */
import type { ModelQueueSummary, ModelSummary } from '../observe/model-summary.js';
import type { DistributionSummary, RunSummary } from '../observe/summary.js';

/** seconds: a duration (an SLO bound may be written 2s or 250ms); the rest are plain numbers. */
export type MetricUnit = 'seconds' | 'count' | 'rate' | 'ratio';

export interface Metric {
  readonly name: string;
  readonly unit: MetricUnit;
  /** The column heading in the text table. */
  readonly heading: string;
  read(summary: RunSummary): number | null;
  /** The figure of a model run (see the module comment); undefined when a model run does not measure it. */
  readonly readModel?: (summary: ModelSummary) => number | null;
}

/** What one run of a sweep's point returns: a pipeline's summary, or a model's. */
export type PointSummary = RunSummary | ModelSummary;

export function isModelSummary(summary: PointSummary): summary is ModelSummary {
  return 'processes' in summary && 'queues' in summary;
}

/** `metric` of one run; null when the run did not measure it. */
export function readMetric(metric: Metric, summary: PointSummary): number | null {
  if (!isModelSummary(summary)) return metric.read(summary);
  return metric.readModel ? metric.readModel(summary) : null;
}

function firstQueue(summary: ModelSummary): ModelQueueSummary | undefined {
  return summary.queues[0];
}

const DISTRIBUTION_FIELDS = ['mean', 'p50', 'p95', 'p99', 'max'] as const;

function durationMetrics(
  prefix: string,
  label: string,
  pick: (summary: RunSummary) => DistributionSummary,
  pickModel?: (summary: ModelSummary) => DistributionSummary | undefined,
): Metric[] {
  return DISTRIBUTION_FIELDS.map((field) => ({
    name: `${prefix}.${field}`,
    unit: 'seconds' as const,
    heading: `${label} ${field} (s)`,
    read: (summary: RunSummary) => pick(summary)[field],
    ...(pickModel ? { readModel: (summary: ModelSummary) => pickModel(summary)?.[field] ?? null } : {}),
  }));
}

function modelThroughput(summary: ModelSummary): number | null {
  const queue = firstQueue(summary);
  return queue === undefined || summary.simulatedSeconds <= 0 ? null : queue.gets / summary.simulatedSeconds;
}

/** The busiest stage's utilization: the one that limits a pipeline (the only one in a `qsim run`). */
function bottleneckUtilization(summary: RunSummary): number | null {
  let busiest: number | null = null;
  for (const stage of summary.stages) {
    if (stage.utilization !== null && (busiest === null || stage.utilization > busiest)) busiest = stage.utilization;
  }
  return busiest;
}

export const METRICS: readonly Metric[] = [
  { name: 'throughput', unit: 'rate', heading: 'throughput (/s)', read: (s) => s.throughputPerSecond, readModel: modelThroughput },
  ...durationMetrics('wait', 'wait', (s) => s.waitSeconds, (s) => firstQueue(s)?.waitSeconds),
  ...durationMetrics('system', 'system', (s) => s.systemSeconds),
  { name: 'queue.max', unit: 'count', heading: 'max queue', read: (s) => s.queue.maxSize, readModel: (s) => firstQueue(s)?.maxSize ?? null },
  { name: 'queue.mean', unit: 'count', heading: 'mean queue', read: (s) => s.queue.meanSize, readModel: (s) => firstQueue(s)?.meanSize ?? null },
  { name: 'utilization', unit: 'ratio', heading: 'utilization', read: bottleneckUtilization },
  { name: 'dropped', unit: 'count', heading: 'dropped', read: (s) => s.items.dropped },
  { name: 'deadLettered', unit: 'count', heading: 'dead-lettered', read: (s) => s.items.deadLettered },
];

export const METRIC_NAMES: readonly string[] = METRICS.map((metric) => metric.name);

/** The columns of the text table before any the SLOs add. */
export const TABLE_METRICS: readonly string[] = ['throughput', 'wait.mean', 'wait.p95', 'queue.max', 'utilization'];

/** The metrics a model run measures. */
export const MODEL_METRIC_NAMES: readonly string[] = METRICS.filter((metric) => metric.readModel !== undefined).map((metric) => metric.name);

export function findMetric(name: string): Metric | undefined {
  return METRICS.find((metric) => metric.name === name);
}
