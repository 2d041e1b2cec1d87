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

export function renderReplicationsTable(summary: RunSummary): string {
  const r = summary.replications;
  if (r === undefined) throw new Error('renderReplicationsTable needs a summary of replications');
  const level = Math.round(r.confidenceLevel * 100);
  const [firstSeed] = r.seeds;
  const lastSeed = r.seeds.at(-1);
  const three = (v: number): string => v.toFixed(3);
  const percent = (v: number): string => `${(v * 100).toFixed(1)}%`;
  const stage = summary.stages.length > 1 ? ` (${summary.bottleneck.stage})` : '';
  const table = alignColumns(
    [
      ['statistic', `mean ± ${level}% CI`, 'min', 'max'],
      replicatedRow('mean wait (s)', r.meanWait, three),
      replicatedRow('p95 wait (s)', r.p95Wait, three),
      replicatedRow('mean in system (s)', r.meanSystem, three),
      replicatedRow('throughput (items/s)', r.throughput, three),
      replicatedRow('mean queue size', r.meanQueueSize, three),
      replicatedRow(`utilization${stage}`, r.utilization, percent),
    ],
    ['left', 'right', 'right', 'right'],
  );
  const header = `${r.count} replications, seeds ${firstSeed ?? ''} to ${lastSeed ?? ''}: mean ± ${level}% confidence interval (Student t, ${r.count - 1} degrees of freedom)`;
  return [header, '', ...table].join('\n') + '\n';
}
