/**
 * `--stats`: the summary as a compact aligned table, printed after the log.
 *
 *   simulated     31.470 s
 *   throughput    0.636 items/s
 *   items         20 produced, 20 consumed, 0 left, 0 dropped
 *   queue size    max 6, mean 1.618 (time-weighted)
 *   offered load  ρ = 1.50 (cannot keep up)
 *
 *   seconds       mean     p50     p95     p99     max
 *   wait         1.234   1.000   3.100   3.400   3.400
 *   in system    2.734   2.500   4.900   5.100   5.100
 *
 *   consumer   processed   busy (s)   utilization
 *   Fred              11     15.123         48.1%
 */
import { alignColumns } from './text-table.js';
import type { DistributionSummary, RunSummary } from './summary.js';

const NONE = '-';

export function seconds(value: number | null): string {
  return value === null ? NONE : value.toFixed(3);
}

export function percent(ratio: number | null): string {
  return ratio === null ? NONE : `${(ratio * 100).toFixed(1)}%`;
}

function distributionRow(label: string, d: DistributionSummary): string[] {
  return [label, seconds(d.mean), seconds(d.p50), seconds(d.p95), seconds(d.p99), seconds(d.max)];
}

/** ρ as text: "0.90", "1.50 (cannot keep up)", or infinite when every item is due at once. */
export function offeredLoadText(offeredLoad: number | null, overloaded: boolean): string {
  if (offeredLoad === null) return 'ρ = ∞ (every item is due at time 0)';
  return `ρ = ${offeredLoad.toFixed(2)}${overloaded ? ' (cannot keep up)' : ''}`;
}

function loadRow(summary: RunSummary): string[] {
  const { bottleneck } = summary;
  const load = offeredLoadText(bottleneck.offeredLoad, bottleneck.overloaded);
  return summary.stages.length > 1 ? ['bottleneck', `${bottleneck.stage}, ${load}`] : ['offered load', load];
}

export function renderStatsTable(summary: RunSummary): string {
  const { items, queue } = summary;
  const several = summary.stages.length > 1;
  const failures = summary.stages.some((stage) => stage.failedAttempts > 0) || items.deadLettered > 0;
  const itemsText = `${items.produced} produced, ${items.consumed} consumed, ${items.left} left, ${items.dropped} dropped`;
  const throughput = summary.throughputPerSecond === null ? NONE : `${summary.throughputPerSecond.toFixed(3)} items/s`;
  const meanSize = queue.meanSize === null ? NONE : queue.meanSize.toFixed(3);
  const overview = alignColumns(
    [
      [
        'simulated',
        `${seconds(summary.simulatedSeconds)} s${summary.warmupSeconds > 0 ? ` (figures after the ${seconds(summary.warmupSeconds)} s warm-up)` : ''}`,
      ],
      ['throughput', throughput],
      ['items', failures ? `${itemsText}, ${items.deadLettered} dead-lettered` : itemsText],
      [several ? 'all queues' : 'queue size', `max ${queue.maxSize}, mean ${meanSize} (time-weighted)`],
      loadRow(summary),
    ],
    ['left', 'left'],
  );
  const durations = alignColumns(
    [
      ['seconds', 'mean', 'p50', 'p95', 'p99', 'max'],
      distributionRow('wait', summary.waitSeconds),
      distributionRow('in system', summary.systemSeconds),
    ],
    ['left', 'right', 'right', 'right', 'right', 'right'],
  );
  const consumers = alignColumns(
    [
      ['consumer', 'processed', ...(failures ? ['failed'] : []), 'busy (s)', 'utilization', ...(several ? ['blocked (s)'] : [])],
      ...summary.consumers.map((c) => [
        c.name,
        String(c.processed),
        ...(failures ? [String(c.failed)] : []),
        seconds(c.busySeconds),
        percent(c.utilization),
        ...(several ? [seconds(c.blockedSeconds)] : []),
      ]),
    ],
    ['left', 'right', 'right', 'right', 'right', 'right'],
  );
  const stages = alignColumns(
    [
      ['stage', 'processed', 'failed', 'retried', 'dead-lettered', 'dropped', 'queue max', 'queue mean', 'wait p95', 'utilization'],
      ...summary.stages.map((stage) => [
        stage.name,
        String(stage.processed),
        String(stage.failedAttempts),
        String(stage.retries),
        String(stage.deadLettered),
        String(stage.dropped),
        String(stage.queue.maxSize),
        stage.queue.meanSize === null ? NONE : stage.queue.meanSize.toFixed(3),
        seconds(stage.waitSeconds.p95),
        percent(stage.utilization),
      ]),
    ],
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
  const producers = alignColumns(
    [
      ['producer', 'produced', 'dropped', 'blocked (s)'],
      ...summary.producers.map((p) => [p.name, String(p.produced), String(p.dropped), seconds(p.blockedSeconds)]),
    ],
    ['left', 'right', 'right', 'right'],
  );
  const blocks = several ? [overview, durations, stages, consumers, producers] : [overview, durations, consumers, producers];
  return blocks.map((block) => block.join('\n')).join('\n\n') + '\n';
}
