import { executeSweep, type SweepOutcome } from '../sweep/execute.js';
import { failOnStrayErrors } from '../runner/model-host.js';
import { renderPointLine } from '../sweep/json-output.js';
import { sequentialRunner, type PointRunner } from '../sweep/point-runner.js';
import type { SweepReport } from '../sweep/report.js';
import { threadRunner } from '../sweep/thread-runner.js';
import { isClosedPipe, OutputError, watchWriteErrors } from './closed-output.js';
import type { CliIo } from './io.js';
import { createProgressBar, runningInCi } from './progress.js';
import { handleStopSignals, SIGNAL_EXIT_CODES, type StopSignal } from './signals.js';
import { checkModelSweep } from './sweep-model.js';
import { renderSweepReport } from './sweep-output.js';
import { parseSweepFlags, type SweepFlags, type SweepFormat } from './sweep-options.js';
import { OutputWriter } from './writer.js';

/** A bar over the points on stderr, when it is a terminal that the output is not also being streamed to. */
function progressWanted(io: CliIo, format: SweepFormat): boolean {
  if (io.stderr.isTTY !== true || runningInCi(io.env)) return false;
  return !(format === 'ndjson' && io.stdout.isTTY === true);
}

/**
 * `qsim sweep`: validates every point, runs them (on `jobs` threads), prints
 * the results. Returns the exit code: 0, or 130/143 when Ctrl-C/SIGTERM
 * stopped it (no new point starts, the finished ones are printed). When stdout
 * closes (`| head`), the sweep stops quietly with 0.
 */
export async function sweepCommand(flags: SweepFlags, io: CliIo, version: string): Promise<number> {
  const sweep = parseSweepFlags(flags, version);
  const { plan, shard, format } = sweep;
  const { definition } = plan;
  if (sweep.model) await checkModelSweep(plan, sweep.model.path);
  if (sweep.seedDrawn) io.stderr.write(`qsim: seed ${definition.seed} (repeat this sweep with --seed ${definition.seed})\n`);

  const planned = plan.points.filter((point) => shard === undefined || point.index % shard.count === shard.index - 1).length;
  const runs = planned * definition.replications;
  const jobs = Math.min(sweep.jobs, runs);
  const runner: PointRunner = jobs > 1 ? threadRunner(jobs, { useThisThread: true }) : sequentialRunner();
  const out = new OutputWriter(io.stdout, 'line');
  const progress = progressWanted(io, format) ? await createProgressBar(io.stderr, planned, 'points') : undefined;

  const stop = new AbortController();
  let signalled: StopSignal | undefined;
  const removeSignalHandlers = io.signals
    ? handleStopSignals(io.signals, (signal) => {
        if (signalled !== undefined) return;
        signalled = signal;
        progress?.stop();
        io.stderr.write(`qsim: ${signal}: stopping; no new point starts, the finished ones are printed\n`);
        stop.abort();
      })
    : () => {};
  let stdoutClosed = false;
  let outputFailure: OutputError | undefined;
  const stdoutErrors = watchWriteErrors(io.stdout, (error) => {
    out.discard();
    if (isClosedPipe(error)) stdoutClosed = true;
    else outputFailure ??= new OutputError('stdout', error);
    stop.abort();
  });
  progress?.start();
  let report: SweepReport;
  try {
    const execute = (): Promise<SweepOutcome> =>
      executeSweep(plan, runner, {
        shard,
        signal: stop.signal,
        onPoint: (result) => {
          progress?.advance();
          if (format === 'ndjson') out.write(renderPointLine(definition, result));
        },
      });
    // An error a model's code throws outside any process in this thread fails the sweep, as a failed run does.
    const outcome = sweep.model && io.stdout === process.stdout ? await failOnStrayErrors(io.stderr, execute, () => stop.abort()) : await execute();
    report = { definition, results: outcome.results, shard, interrupted: outcome.interrupted };
  } finally {
    removeSignalHandlers();
    progress?.stop();
    await runner.close();
  }
  out.write(renderSweepReport(report, format, { chart: sweep.chart, io, pointsWritten: format === 'ndjson' }));
  out.flush();
  stdoutErrors.stop();
  if (outputFailure) throw outputFailure;
  if (stdoutClosed) return 0;
  return report.interrupted && signalled ? SIGNAL_EXIT_CODES[signalled] : 0;
}
