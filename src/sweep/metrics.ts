/**
 * The figures a sweep reports for each point and that --slo can bound, read
 * from a run's summary. Names are stable: they are the --slo metrics, the JSON
 * keys and the CSV columns.
 */
import type { DistributionSummary, RunSummary } from '../observe/summary.js';

/** seconds: a duration (an SLO bound may be written 2s or 250ms); the rest are plain numbers. */
export type MetricUnit = 'seconds' | 'count' | 'rate' | 'ratio';

export interface Metric {
  readonly name: string;
  readonly unit: MetricUnit;
  /** The column heading in the text table. */
  readonly heading: string;
  read(summary: RunSummary): number | null;
}

const DISTRIBUTION_FIELDS = ['mean', 'p50', 'p95', 'p99', 'max'] as const;

function durationMetrics(prefix: string, label: string, pick: (summary: RunSummary) => DistributionSummary): Metric[] {
  return DISTRIBUTION_FIELDS.map((field) => ({
    name: `${prefix}.${field}`,
    unit: 'seconds' as const,
    heading: `${label} ${field} (s)`,
    read: (summary: RunSummary) => pick(summary)[field],
  }));
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
  { name: 'throughput', unit: 'rate', heading: 'throughput (/s)', read: (s) => s.throughputPerSecond },
  ...durationMetrics('wait', 'wait', (s) => s.waitSeconds),
  ...durationMetrics('system', 'system', (s) => s.systemSeconds),
  { name: 'queue.max', unit: 'count', heading: 'max queue', read: (s) => s.queue.maxSize },
  { name: 'queue.mean', unit: 'count', heading: 'mean queue', read: (s) => s.queue.meanSize },
  { name: 'utilization', unit: 'ratio', heading: 'utilization', read: bottleneckUtilization },
  { name: 'dropped', unit: 'count', heading: 'dropped', read: (s) => s.items.dropped },
  { name: 'deadLettered', unit: 'count', heading: 'dead-lettered', read: (s) => s.items.deadLettered },
];

export const METRIC_NAMES: readonly string[] = METRICS.map((metric) => metric.name);

/** The columns of the text table before any the SLOs add. */
export const TABLE_METRICS: readonly string[] = ['throughput', 'wait.mean', 'wait.p95', 'queue.max', 'utilization'];

export function findMetric(name: string): Metric | undefined {
  return METRICS.find((metric) => metric.name === name);
}
