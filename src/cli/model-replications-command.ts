/**
 * `qsim run --model FILE --replications n`: n independent runs of the model
 * with seeds seed, seed + 1, … on up to --jobs threads (the sweep's runners:
 * each run is a plain-data request, and a worker loads the model file itself,
 * .ts included), merged into one summary with confidence intervals
 * (src/observe/model-replications.ts). As for the built-in pipeline there is
 * no log: text prints the table of intervals (then --stats for the merged
 * figures), json the merged summary, ndjson one line per replication (unless
 * --quiet) and the merged summary last. A run's summary depends only on its
 * request, so the output is the same whatever --jobs is.
 *
 * A figure some replications did not measure (no item left the queue, so it
 * has no wait) gets no mean and no interval — null in json, "-" in text with
 * a note saying in how many replications it was measured — as `qsim sweep`
 * gives a point whose replications did not all measure it: an interval over
 * the replications that happened to measure it would describe a different,
 * selected set of runs, with fewer degrees of freedom than the header states.
 * Each replication's value stays in `values`.
 */
import { exitOnceCliDone, loadModelGuarded, modelConsole, withModelConsole } from '../runner/model-host.js';
import type { RunConfig } from '../model/config.js';
import { mergeModelReplications, type ModelQueueReplications, type ModelReplicatedStatistic, type ModelSummaryOfReplications } from '../observe/model-replications.js';
import { renderModelReplicationsTable } from '../observe/model-replications-table.js';
import type { ModelSummary } from '../observe/model-summary.js';
import { renderModelStatsTable } from '../observe/model-stats-table.js';
import { isModelSummary } from '../sweep/metrics.js';
import { modelOptionsData, type ModelPointData } from '../sweep/model-point.js';
import { sequentialRunner, type PointRunner } from '../sweep/point-runner.js';
import { threadRunner } from '../sweep/thread-runner.js';
import type { CliIo } from './io.js';
import type { ModelChoice } from './model-options.js';
import type { ReplicationChoice, RunInvocation } from './run-options.js';
import { writeReplications } from './replications-output.js';

/** The figures of a queue's replications, with the labels the text table gives them. */
const FIGURES: readonly (readonly [Exclude<keyof ModelQueueReplications, 'name'>, string])[] = [
  ['meanWait', 'mean wait'],
  ['p95Wait', 'p95 wait'],
  ['meanSize', 'mean size'],
  ['maxSize', 'max size'],
  ['throughput', 'throughput'],
];

/** The statistic as `qsim sweep` has it: no mean or interval unless every replication measured it. */
function measuredByAll(statistic: ModelReplicatedStatistic): ModelReplicatedStatistic {
  if (!statistic.values.some((value) => value === null)) return statistic;
  return { ...statistic, mean: null, halfWidth: null, low: null, high: null };
}

function sweepRule(merged: ModelSummaryOfReplications): ModelSummaryOfReplications {
  const queues = merged.replications.queues.map(
    (queue): ModelQueueReplications => ({
      ...queue,
      meanWait: measuredByAll(queue.meanWait),
      p95Wait: measuredByAll(queue.p95Wait),
      meanSize: measuredByAll(queue.meanSize),
      maxSize: measuredByAll(queue.maxSize),
      throughput: measuredByAll(queue.throughput),
    }),
  );
  return { ...merged, replications: { ...merged.replications, queues } };
}

/** One line per queue with figures some replications did not measure, for the text table. */
function notMeasuredNotes(merged: ModelSummaryOfReplications): string {
  const count = merged.replications.count;
  const lines: string[] = [];
  for (const queue of merged.replications.queues) {
    const partial = FIGURES.filter(([key]) => queue[key].values.some((value) => value === null));
    if (partial.length === 0) continue;
    const measured = (key: (typeof FIGURES)[number][0]): number => queue[key].values.filter((value) => value !== null).length;
    const described = partial.map(([key, label], i) => `${label} ${i === 0 ? 'measured ' : ''}in ${measured(key)} of ${count}`).join(', ');
    lines.push(`  queue ${queue.name}: ${described} replications: no mean or interval (-) for a figure not measured in every replication, as in qsim sweep\n`);
  }
  return lines.length === 0 ? '' : '\n' + lines.join('');
}

export async function runModelReplications(run: RunInvocation, model: ModelChoice, replications: ReplicationChoice, io: CliIo): Promise<number> {
  try {
    return await withModelConsole(modelConsole(io.stderr), () => runReplications(run, model, replications, io));
  } finally {
    // A run that failed may have left a timer of the model's running: it must not keep qsim alive.
    if (io.stdout === process.stdout) exitOnceCliDone();
  }
}

async function runReplications(run: RunInvocation, model: ModelChoice, replications: ReplicationChoice, io: CliIo): Promise<number> {
  // A file that does not load is one line (exit 2) before any thread starts.
  await loadModelGuarded(model.path);
  if (run.seedDrawn) io.stderr.write(`qsim: seed ${run.seed} (repeat this run with --seed ${run.seed})\n`);
  const work: ModelPointData = { file: model.path, path: model.path, options: modelOptionsData(run.config as RunConfig, model.set) };
  const runner: PointRunner = replications.jobs > 1 ? threadRunner(replications.jobs, { useThisThread: true }) : sequentialRunner();
  let runs: ModelSummary[];
  try {
    const summaries = await Promise.all(Array.from({ length: replications.count }, (_, i) => runner.run({ model: work, seed: run.seed + i })));
    runs = summaries.map((summary) => {
      if (!isModelSummary(summary)) throw new Error('a model replication returned a pipeline summary');
      return summary;
    });
  } finally {
    await runner.close();
  }
  const merged = sweepRule(mergeModelReplications(runs));
  const { stats } = run.output;
  return writeReplications(run, io, runs, merged, () =>
    renderModelReplicationsTable(merged) + notMeasuredNotes(merged) + (stats ? '\n' + renderModelStatsTable(merged) : ''),
  );
}
