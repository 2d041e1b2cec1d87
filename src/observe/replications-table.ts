/**
 * The text output of `qsim run --replications n`: each key statistic as
 * mean ± the half-width of its 95% confidence interval, with the smallest
 * and largest replication.
 *
 *   8 replications, seeds 3 to 10: mean ± 95% confidence interval (Student t, 7 degrees of freedom)
 *
 *     statistic                mean ± 95% CI       min       max
 *     mean wait (s)          1.973 ± 0.048       1.912     2.050
 *     utilization            89.9% ± 0.1%        89.7%     90.1%
 *
 * After Ctrl-C the header says how many finished (`interrupted: 3 of 8
 * replications finished, seeds 3 to 5: …`); with only one, the table shows its
 * figures and no interval. With --quiet, one line of the key figures instead.
 */
import { alignColumns } from './text-table.js';
import type { ReplicatedStatistic, RunSummary } from './summary.js';

const NONE = '-';

export function replicatedRow(label: string, s: Pick<ReplicatedStatistic, 'mean' | 'halfWidth' | 'values'>, format: (value: number) => string): string[] {
  const known = s.values.filter((v): v is number => v !== null);
  const interval = s.mean === null ? NONE : `${format(s.mean)} ± ${s.halfWidth === null ? NONE : format(s.halfWidth)}`;
  return [
    label,
    interval,
    known.length === 0 ? NONE : format(Math.min(...known)),
    known.length === 0 ? NONE : format(Math.max(...known)),
  ];
}

/** How the text output names the replications: how many were asked for (more than finished after Ctrl-C). */
export interface ReplicationsTableOptions {
  /** The replications asked for; the summary's count when absent. */
  readonly requested?: number;
}

/** `seeds 3 to 10` for consecutive seeds, else the list: `seeds 3, 5 and 6` (`seed 3` for one). */
export function describeSeeds(seeds: readonly number[]): string {
  const [first] = seeds;
  const last = seeds.at(-1);
  if (first === undefined || last === undefined) return 'no seeds';
  if (seeds.length === 1) return `seed ${first}`;
  if (seeds.every((seed, i) => seed === first + i)) return `seeds ${first} to ${last}`;
  if (seeds.length <= 8) return `seeds ${seeds.slice(0, -1).join(', ')} and ${last}`;
  return `${seeds.length} seeds from ${first} to ${last}`;
}

/**
 * The start of the header: `8 replications, seeds 3 to 10`, or after
 * Ctrl-C `interrupted: 3 of 8 replications finished, seeds 3 to 5`.
 */
function replicationsPhrase(summary: RunSummary, options: ReplicationsTableOptions): string {
  const r = summary.replications;
  if (r === undefined) throw new Error('a summary of replications is needed');
  const seeds = describeSeeds(r.seeds);
  if (!summary.interrupted) return `${r.count} replications, ${seeds}`;
  return `interrupted: ${r.count} of ${options.requested ?? r.count} replications finished, ${seeds}`;
}

/** What is said instead of an interval when only one replication finished. */
const NO_INTERVAL = 'no confidence interval from one replication';

export function renderReplicationsTable(summary: RunSummary, options: ReplicationsTableOptions = {}): string {
  const r = summary.replications;
  if (r === undefined) throw new Error('renderReplicationsTable needs a summary of replications');
  const level = Math.round(r.confidenceLevel * 100);
  const three = (v: number): string => v.toFixed(3);
  const percent = (v: number): string => `${(v * 100).toFixed(1)}%`;
  const stage = summary.stages.length > 1 ? ` (${summary.bottleneck.stage})` : '';
  const rows: [string, ReplicatedStatistic, (value: number) => string][] = [
    ['mean wait (s)', r.meanWait, three],
    ['p95 wait (s)', r.p95Wait, three],
    ['mean in system (s)', r.meanSystem, three],
    ['throughput (items/s)', r.throughput, three],
    ['mean queue size', r.meanQueueSize, three],
    [`utilization${stage}`, r.utilization, percent],
  ];
  const phrase = replicationsPhrase(summary, options);
  if (r.count < 2) {
    // One replication: its own figures, and no interval claimed.
    const table = alignColumns(
      [['statistic', 'value'], ...rows.map(([label, s, format]) => [label, s.mean === null ? NONE : format(s.mean)])],
      ['left', 'right'],
    );
    return [`${phrase}: ${NO_INTERVAL}`, '', ...table].join('\n') + '\n';
  }
  const table = alignColumns(
    [['statistic', `mean ± ${level}% CI`, 'min', 'max'], ...rows.map(([label, s, format]) => replicatedRow(label, s, format))],
    ['left', 'right', 'right', 'right'],
  );
  const header = `${phrase}: mean ± ${level}% confidence interval (Student t, ${r.count - 1} degrees of freedom)`;
  return [header, '', ...table].join('\n') + '\n';
}

/**
 * The one line of `--replications` with `--quiet`: the key figures as mean ± half-width.
 *
 *   8 replications, seeds 3 to 10: mean wait 1.927 ± 0.115 s, throughput 3.599 ± 0.007 items/s, utilization 90.0% ± 0.3% (mean ± 95% CI)
 */
export function renderReplicationsLine(summary: RunSummary, options: ReplicationsTableOptions = {}): string {
  const r = summary.replications;
  if (r === undefined) throw new Error('renderReplicationsLine needs a summary of replications');
  const level = Math.round(r.confidenceLevel * 100);
  const single = r.count < 2;
  const figure = (s: ReplicatedStatistic, format: (value: number) => string, unit: string): string => {
    if (s.mean === null) return NONE;
    const value = `${format(s.mean)}${unit}`;
    return single || s.halfWidth === null ? value : `${format(s.mean)} ± ${format(s.halfWidth)}${unit}`;
  };
  const stage = summary.stages.length > 1 ? ` (${summary.bottleneck.stage})` : '';
  const figures = [
    `mean wait ${figure(r.meanWait, (v) => v.toFixed(3), ' s')}`,
    `throughput ${figure(r.throughput, (v) => v.toFixed(3), ' items/s')}`,
    `utilization${stage} ${figure(r.utilization, (v) => `${(v * 100).toFixed(1)}%`, '')}`,
  ].join(', ');
  return `${replicationsPhrase(summary, options)}: ${figures} (${single ? NO_INTERVAL : `mean ± ${level}% CI`})\n`;
}
