/**
 * `qsim run --model FILE --replications n`: n independent runs of the model
 * with seeds seed, seed + 1, … on up to --jobs threads (the sweep's runners:
 * each run is a plain-data request, and a worker loads the model file itself,
 * .ts included), merged into one summary with confidence intervals
 * (src/observe/model-replications.ts). As for the built-in pipeline there is
 * no log: text prints the table of intervals (or with --quiet one line of each
 * queue's key figures), then --stats for the merged figures; json the merged
 * summary; ndjson one line per replication (unless --quiet), each written once
 * it and those before it have finished, and the merged summary last. A run's
 * summary depends only on its request, so the output is the same whatever
 * --jobs is.
 *
 * A figure some replications did not measure (no item left the queue, so it
 * has no wait) gets no mean and no interval — null in json, "-" in text with
 * a note saying in how many replications it was measured — as `qsim sweep`
 * gives a point whose replications did not all measure it (see
 * model-replications.ts). Each replication's value stays in `values`.
 *
 * Ctrl-C or SIGTERM stops them as it stops the built-in pipeline's
 * replications (replications-command.ts): a note on stderr, no new
 * replication starts, those in progress are dropped (stopped where they
 * stand, their threads terminated), and the replications that finished are
 * reported, marked `interrupted` (no interval from a single one); exit 130
 * (143). A second signal stops at once, with nothing more written.
 */
import { exitOnceCliDone, failOnStrayErrors, guardBuild, loadModelGuarded, modelConsole, prepareModelWidths, withModelConsole } from '../runner/model-host.js';
import { buildModel } from '../runner/run-model.js';
import type { RunConfig } from '../model/config.js';
import { runEachUntil, type PartialRuns, type StoppableRunner } from '../parallel/run-until.js';
import { RunAborted, ThreadFailedError, threadFailure } from '../parallel/thread-pool.js';
import { mergeModelReplications, type ModelQueueReplications, type ModelSummaryOfReplications } from '../observe/model-replications.js';
import { renderModelReplicationsLine, renderModelReplicationsTable } from '../observe/model-replications-table.js';
import type { ModelSummary } from '../observe/model-summary.js';
import { renderModelStatsTable } from '../observe/model-stats-table.js';
import { isModelSummary } from '../sweep/metrics.js';
import { modelOptionsData, type ModelPointData } from '../sweep/model-point.js';
import { sequentialRunner, type PointRunner, type RunRequest } from '../sweep/point-runner.js';
import { threadRunner } from '../sweep/thread-runner.js';
import type { CliIo } from './io.js';
import type { ModelChoice } from './model-options.js';
import type { ReplicationChoice, RunInvocation } from './run-options.js';
import { SeedOrderLines, writeReplications } from './replications-output.js';
import { handleReplicationStops, replicationsOutcome } from './replication-stops.js';
import { OutputWriter } from './writer.js';

/** The figures of a queue's replications, with the labels the text table gives them. */
const FIGURES: readonly (readonly [Exclude<keyof ModelQueueReplications, 'name'>, string])[] = [
  ['meanWait', 'mean wait'],
  ['p95Wait', 'p95 wait'],
  ['meanSize', 'mean size'],
  ['maxSize', 'max size'],
  ['throughput', 'throughput'],
];

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

/** `runner` as a runner of model runs only: a pipeline summary from it is a bug. */
function modelRuns(runner: PointRunner): StoppableRunner<RunRequest, ModelSummary> {
  return {
    run: async (request, signal) => {
      const summary = await runner.run(request, signal).catch((error: unknown) => {
        // Named by its seed, which repeats the run alone: qsim run --model … --seed S.
        throw error instanceof RunAborted ? error : new ThreadFailedError(threadFailure(error), `the run with seed ${request.seed} failed: `);
      });
      if (!isModelSummary(summary)) throw new Error('a model replication returned a pipeline summary');
      return summary;
    },
    close: () => runner.close(),
  };
}

export async function runModelReplications(run: RunInvocation, model: ModelChoice, replications: ReplicationChoice, io: CliIo): Promise<number> {
  try {
    return await withModelConsole(modelConsole(io.stderr), () => runReplications(run, model, replications, io));
  } finally {
    // A run that failed, or one a second signal left behind, may have left a timer of the model's running: it must not keep qsim alive.
    if (io.stdout === process.stdout) exitOnceCliDone();
  }
}

async function runReplications(run: RunInvocation, model: ModelChoice, replications: ReplicationChoice, io: CliIo): Promise<number> {
  const out = new OutputWriter(io.stdout, 'batch');
  const lines = run.output.format === 'ndjson' && !run.quiet ? new SeedOrderLines<ModelSummary>(out) : undefined;

  // The handlers are in place before the model file loads, so a signal always finds the runs guarded.
  const stops = handleReplicationStops(io, () => out.discard());

  const replicate = async (): Promise<PartialRuns<ModelSummary>> => {
    // A file that does not load is one line (exit 2) before any thread starts.
    const build = guardBuild(await loadModelGuarded(model.path));
    await prepareModelWidths(model.path, [...(run.config?.consumers ?? []), ...Object.values(model.set).map(String)]);
    if (run.seedDrawn) io.stderr.write(`qsim: seed ${run.seed} (repeat this run with --seed ${run.seed})\n`);
    // So is a model function that refuses the options (exit 2) or fails (exit 1): it is built once, silently
    // (each run prints its own build's output), as a single run would build it, before any run starts.
    await withModelConsole(modelConsole(undefined), () => buildModel(build, { ...(run.config as RunConfig), seed: run.seed, set: model.set }));
    const data: ModelPointData = { file: model.path, path: model.path, options: modelOptionsData(run.config as RunConfig, model.set) };
    const requests = Array.from({ length: replications.count }, (_, i): RunRequest => ({ model: data, seed: run.seed + i }));
    const runner: PointRunner = replications.jobs > 1 ? threadRunner(replications.jobs, { useThisThread: true }) : sequentialRunner();
    return runEachUntil(modelRuns(runner), requests, { signal: stops.signal, onResult: (index, summary) => lines?.finished(index, summary) });
  };
  // An error the model's code throws outside any process in this thread (a timer, a promise nobody handles)
  // fails the replications, as a failed run does; on a worker it fails that run (point-worker.ts).
  const work = io.stdout === process.stdout ? failOnStrayErrors(io.stderr, replicate, () => out.discard()) : replicate();
  const end = await replicationsOutcome<ModelSummary>(work, stops, { out, text: run.output.format === 'text', count: replications.count });
  if (end.runs === undefined) return end.exitCode;
  const { runs, interrupted, exitCode } = end;
  const merged = mergeModelReplications(runs, { interrupted });
  const tableOptions = { requested: replications.count };
  const { stats } = run.output;
  writeReplications(
    run,
    io,
    runs,
    merged,
    () =>
      [
        run.quiet ? renderModelReplicationsLine(merged, tableOptions) : renderModelReplicationsTable(merged, tableOptions) + notMeasuredNotes(merged),
        stats ? '\n' + renderModelStatsTable(merged) : '',
      ].join(''),
    { out, streamed: lines?.written ?? 0 },
  );
  return exitCode;
}
