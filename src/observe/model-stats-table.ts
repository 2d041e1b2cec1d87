/**
 * `--stats` for a model run: the summary as aligned tables after the log.
 *
 *   simulated     31.470 s
 *   items left    0 (in all queues)
 *
 *   queue   kind   capacity   puts   gets   left   max    mean   wait mean   wait p95   blocked (s)
 *   jobs    fifo          5     20     20      0     5   1.618       1.234      3.100         0.000
 *
 *   process      started   finished   sleeping (s)   waiting (s)   log lines
 *   producer       0.000      9.500          9.500         0.000           0
 */
import type { ModelSummary } from './model-summary.js';
import { seconds } from './stats-table.js';
import { alignColumns } from './text-table.js';

const NONE = '-';

export function renderModelStatsTable(summary: ModelSummary): string {
  const overview = alignColumns(
    [
      ['simulated', `${seconds(summary.simulatedSeconds)} s`],
      ['items left', `${summary.finalQueueSize} (in all queues)`],
    ],
    ['left', 'left'],
  );
  const queues = alignColumns(
    [
      ['queue', 'kind', 'capacity', 'puts', 'gets', 'left', 'max', 'mean', 'wait mean', 'wait p95', 'blocked (s)'],
      ...summary.queues.map((q) => [
        q.name,
        q.kind,
        q.capacity === Infinity ? NONE : String(q.capacity),
        String(q.puts),
        String(q.gets),
        String(q.finalSize),
        String(q.maxSize),
        q.meanSize === null ? NONE : q.meanSize.toFixed(3),
        seconds(q.waitSeconds.mean),
        seconds(q.waitSeconds.p95),
        seconds(q.blockedSeconds),
      ]),
    ],
    ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
  const processes = alignColumns(
    [
      ['process', 'started', 'finished', 'sleeping (s)', 'waiting (s)', 'log lines'],
      ...summary.processes.map((p) => [
        p.name,
        seconds(p.startedAt),
        seconds(p.finishedAt),
        seconds(p.sleepingSeconds),
        seconds(p.waitingSeconds),
        String(p.logLines),
      ]),
    ],
    ['left', 'right', 'right', 'right', 'right', 'right'],
  );
  // A table without rows says nothing: a model that made no queues (or processes) gets none.
  const blocks = [overview, ...(summary.queues.length > 0 ? [queues] : []), ...(summary.processes.length > 0 ? [processes] : [])];
  return blocks.map((block) => block.join('\n')).join('\n\n') + '\n';
}
