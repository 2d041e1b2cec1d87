/**
 * The text output of `qsim run --model FILE --replications n`: each queue's
 * key figures as mean ± the half-width of their 95% confidence interval, with
 * the smallest and largest replication.
 *
 *   8 replications, seeds 3 to 10: mean ± 95% confidence interval (Student t, 7 degrees of freedom)
 *
 *     queue jobs                mean ± 95% CI       min       max
 *       mean wait (s)         1.973 ± 0.048       1.912     2.050
 *       p95 wait (s)          …
 */
import type { ModelSummaryOfReplications } from './model-replications.js';
import { replicatedRow } from './replications-table.js';
import { alignColumns } from './text-table.js';

export function renderModelReplicationsTable(summary: ModelSummaryOfReplications): string {
  const r = summary.replications;
  const level = Math.round(r.confidenceLevel * 100);
  const three = (v: number): string => v.toFixed(3);
  const size = (v: number): string => v.toFixed(1);
  const rows: string[][] = [];
  for (const queue of r.queues) {
    rows.push([`queue ${queue.name}`, '', '', '']);
    rows.push(replicatedRow('  mean wait (s)', queue.meanWait, three));
    rows.push(replicatedRow('  p95 wait (s)', queue.p95Wait, three));
    rows.push(replicatedRow('  mean size', queue.meanSize, three));
    rows.push(replicatedRow('  max size', queue.maxSize, size));
    rows.push(replicatedRow('  throughput (items/s)', queue.throughput, three));
  }
  const header = `${r.count} replications, seeds ${r.seeds[0] ?? ''} to ${r.seeds.at(-1) ?? ''}: mean ± ${level}% confidence interval (Student t, ${r.count - 1} degrees of freedom)`;
  if (rows.length === 0) return `${header}\n\n  the model made no queues\n`;
  const table = alignColumns([['', `mean ± ${level}% CI`, 'min', 'max'], ...rows], ['left', 'right', 'right', 'right']);
  return [header, '', ...table.map((line) => line.trimEnd())].join('\n') + '\n';
}
