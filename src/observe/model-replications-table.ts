/**
 * The text output of `qsim run --model FILE --replications n`: each queue's
 * key figures as mean ± the half-width of their 95% confidence interval, with
 * the smallest and largest replication.
 *
 *   8 replications, seeds 3 to 10: mean ± 95% confidence interval (Student t, 7 degrees of freedom)
 *
 *                               mean ± 95% CI       min       max
 *     queue jobs
 *       mean wait (s)         1.973 ± 0.048       1.912     2.050
 *       p95 wait (s)          …
 *
 * After Ctrl-C the header says how many finished (`interrupted: 3 of 8
 * replications finished, seeds 3 to 5: …`), as for the built-in pipeline
 * (replications-table.ts); with only one, the table shows its figures and no
 * interval. With --quiet, one line of each queue's key figures instead.
 */
import type { ModelQueueReplications, ModelReplicatedStatistic, ModelSummaryOfReplications } from './model-replications.js';
import { describeSeeds, replicatedRow, type ReplicationsTableOptions } from './replications-table.js';
import { alignColumns } from './text-table.js';

const NONE = '-';

/** What is said instead of an interval when only one replication finished (as replications-table.ts says it). */
const NO_INTERVAL = 'no confidence interval from one replication';

const three = (v: number): string => v.toFixed(3);
const size = (v: number): string => v.toFixed(1);

/** A queue's figures in the table: label, statistic, format. */
function figures(queue: ModelQueueReplications): [string, ModelReplicatedStatistic, (value: number) => string][] {
  return [
    ['  mean wait (s)', queue.meanWait, three],
    ['  p95 wait (s)', queue.p95Wait, three],
    ['  mean size', queue.meanSize, three],
    ['  max size', queue.maxSize, size],
    ['  throughput (items/s)', queue.throughput, three],
  ];
}

/**
 * The start of the header: `8 replications, seeds 3 to 10`, or after
 * Ctrl-C `interrupted: 3 of 8 replications finished, seeds 3 to 5`.
 */
function replicationsPhrase(summary: ModelSummaryOfReplications, options: ReplicationsTableOptions): string {
  const r = summary.replications;
  const seeds = describeSeeds(r.seeds);
  if (!summary.interrupted) return `${r.count} replications, ${seeds}`;
  return `interrupted: ${r.count} of ${options.requested ?? r.count} replications finished, ${seeds}`;
}

export function renderModelReplicationsTable(summary: ModelSummaryOfReplications, options: ReplicationsTableOptions = {}): string {
  const r = summary.replications;
  const level = Math.round(r.confidenceLevel * 100);
  const phrase = replicationsPhrase(summary, options);
  const single = r.count < 2;
  const header = single ? `${phrase}: ${NO_INTERVAL}` : `${phrase}: mean ± ${level}% confidence interval (Student t, ${r.count - 1} degrees of freedom)`;
  if (r.queues.length === 0) return `${header}\n\n  the model made no queues\n`;
  const rows: string[][] = [];
  for (const queue of r.queues) {
    rows.push([`queue ${queue.name}`, ...(single ? [''] : ['', '', ''])]);
    for (const [label, s, format] of figures(queue)) {
      // One replication: its own figures, and no interval claimed.
      rows.push(single ? [label, s.mean === null ? NONE : format(s.mean)] : replicatedRow(label, s, format));
    }
  }
  const table = single
    ? alignColumns([['', 'value'], ...rows], ['left', 'right'])
    : alignColumns([['', `mean ± ${level}% CI`, 'min', 'max'], ...rows], ['left', 'right', 'right', 'right']);
  return [header, '', ...table.map((line) => line.trimEnd())].join('\n') + '\n';
}

/**
 * The one line of `--replications` with `--quiet`: each queue's mean wait and
 * throughput as mean ± half-width (`-` for a figure not measured in every replication).
 *
 *   8 replications, seeds 1 to 8: queue jobs: mean wait 5.556 ± 1.938 s, throughput 1.503 ± 0.038 items/s (mean ± 95% CI)
 */
export function renderModelReplicationsLine(summary: ModelSummaryOfReplications, options: ReplicationsTableOptions = {}): string {
  const r = summary.replications;
  const level = Math.round(r.confidenceLevel * 100);
  const single = r.count < 2;
  const figure = (s: ModelReplicatedStatistic, unit: string): string => {
    if (s.mean === null) return NONE;
    return single || s.halfWidth === null ? `${three(s.mean)}${unit}` : `${three(s.mean)} ± ${three(s.halfWidth)}${unit}`;
  };
  const phrase = replicationsPhrase(summary, options);
  if (r.queues.length === 0) return `${phrase}: the model made no queues\n`;
  const queues = r.queues
    .map((queue) => `queue ${queue.name}: mean wait ${figure(queue.meanWait, ' s')}, throughput ${figure(queue.throughput, ' items/s')}`)
    .join('; ');
  return `${phrase}: ${queues} (${single ? NO_INTERVAL : `mean ± ${level}% CI`})\n`;
}
