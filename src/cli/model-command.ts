/**
 * `qsim run --model FILE`: loads the model, builds it with the run's options
 * and --set parameters, runs it with the chosen pacing, and writes what the
 * output options ask for — the same choices as a pipeline run: the log (or
 * only its final line with --quiet), --timestamps, --stats, --format json or
 * ndjson, --chart (model-chart.ts) — or, with --live, the full-screen view (model-live-command.ts). Only
 * the observers asked for are attached.
 *
 * The model's code is hosted as src/runner/model-host.ts describes: its console
 * writes to stderr (stdout holds only the log or the summary), a model
 * function (or file) that does not finish is one line and exit 1 (2) instead
 * of Node's silent exit 13 or a hang, and what it leaves running does not keep
 * qsim alive once it has finished.
 */
import { instantPacing, WallClockPacing } from '../core/pacing.js';
import type { ModelObserver } from '../api/model-events.js';
import type { ModelFunction, ModelOptions } from '../api/model.js';
import type { RunConfig } from '../model/config.js';
import { prepareDisplayWidths } from '../observe/display-width.js';
import { renderJsonSummary, renderNdjsonSummary } from '../observe/json-output.js';
import { ModelFinalLineLog, ModelTextLog } from '../observe/model-log.js';
import { ModelNdjsonLog } from '../observe/model-ndjson.js';
import { ModelQueueSeries } from '../observe/model-queue-series.js';
import { ModelStatistics } from '../observe/model-statistics.js';
import { renderModelStatsTable } from '../observe/model-stats-table.js';
import { catchStrayErrors, exitOnceCliDone, guardBuild, loadModelGuarded, modelConsole, prepareModelWidths, withModelConsole } from '../runner/model-host.js';
import { simulateModel } from '../runner/run-model.js';
import { chalkPalette } from './chalk-styles.js';
import { colourEnabled } from './color.js';
import { isClosedPipe, OutputError, watchWriteErrors } from './closed-output.js';
import type { CliIo } from './io.js';
import type { ModelChoice } from './model-options.js';
import { DEFAULT_COLUMNS } from './run-outputs.js';
import { handleStopSignals, SIGNAL_EXIT_CODES, type StopSignal } from './signals.js';
import type { RunInvocation } from './run-options.js';
import { drainAwareTimers, OutputWriter } from './writer.js';

export async function runModelCommand(run: RunInvocation, model: ModelChoice, io: CliIo): Promise<number> {
  try {
    return await withModelConsole(modelConsole(io.stderr), async () => {
      const build = guardBuild(await loadModelGuarded(model.path));
      return await runLoadedModel(run, model, build, io);
    });
  } finally {
    // Only when qsim owns the process (not for in-process callers of main()).
    if (io.stdout === process.stdout) exitOnceCliDone();
  }
}

async function runLoadedModel(run: RunInvocation, model: ModelChoice, build: ModelFunction, io: CliIo): Promise<number> {
  // Names line up by terminal columns in the log, the live view and the tables (a CJK name takes two per character).
  await prepareModelWidths(model.path, [...(run.config?.consumers ?? []), ...Object.values(model.set).map(String)]);
  if (run.live) {
    const [{ liveTerminal }, { runModelLive }] = await Promise.all([import('./live-command.js'), import('./model-live-command.js')]);
    return runModelLive(run, model, build, io, liveTerminal(io));
  }
  const options: ModelOptions = { ...(run.config as RunConfig), seed: run.seed, set: model.set };
  const { format, stats, chart, timestamps } = run.output;
  const instant = run.pacing.kind === 'instant';
  const out = new OutputWriter(io.stdout, instant ? 'batch' : 'line');

  const observers: ModelObserver[] = [];
  const palette = format === 'text' && colourEnabled(run.color, io.env, io.stdout.isTTY === true) ? chalkPalette() : undefined;
  if (format === 'text') {
    observers.push(run.quiet ? new ModelFinalLineLog(out, { timestamps }) : new ModelTextLog(out, { ...(palette ? { palette } : {}), timestamps }));
  } else if (format === 'ndjson' && !run.quiet) {
    observers.push(new ModelNdjsonLog(out));
  }
  const statistics = format !== 'text' || stats || chart ? new ModelStatistics({ model: model.path, options }) : undefined;
  if (statistics) observers.push(statistics);
  const series = chart ? new ModelQueueSeries() : undefined;
  if (series) observers.push(series);
  // asciichart is loaded only for --chart.
  const charts = chart ? await import('../observe/model-chart.js') : undefined;

  const pacing = run.pacing.kind === 'instant' ? instantPacing : new WallClockPacing({ speed: run.pacing.speed });
  // A model has no graceful interrupt (qsim cannot know which of its processes should finish what they
  // hold), so Ctrl-C or SIGTERM stops it where it stands; the final line and the summary still print.
  // A closed stdout (| head) stops it quietly with exit 0; any other write error is a failure.
  const stop = new AbortController();
  let signalled: StopSignal | undefined;
  let outputFailure: OutputError | undefined;
  let closed = false;
  const removeSignalHandlers = io.signals
    ? handleStopSignals(io.signals, (signal) => {
        signalled ??= signal;
        stop.abort();
      })
    : () => {};
  const stdoutErrors = watchWriteErrors(io.stdout, (error) => {
    out.discard();
    if (isClosedPipe(error)) closed = true;
    else outputFailure = new OutputError('stdout', error);
    stop.abort();
  });
  // An error the model's code throws outside any process (a timer, a promise nobody handles) fails the run, as a process's would.
  const releaseStray = io.stdout === process.stdout ? catchStrayErrors(io.stderr, (error) => stop.abort(error)) : () => {};
  // After the handlers, as for the built-in run: a signal sent once the seed is out stops the run cleanly.
  if (run.seedDrawn) io.stderr.write(`qsim: seed ${run.seed} (repeat this run with --seed ${run.seed})\n`);
  try {
    // Instant runs wait for a slow reader of stdout instead of buffering without bound.
    const timers = instant ? { timers: drainAwareTimers(out) } : {};
    await simulateModel(build, options, { pacing, observers, signal: stop.signal, ...timers });
    if (outputFailure) throw outputFailure;
    if (closed) return 0;
    if (signalled) io.stderr.write(`qsim: ${signalled}: stopped the model where it stood\n`);
    if (statistics) {
      const summary = statistics.summary();
      if (format === 'json') out.write(renderJsonSummary(summary));
      if (format === 'ndjson') out.write(renderNdjsonSummary(summary));
      if (stats) {
        // A model's names are known once it is built: the table lines them up by terminal columns.
        await prepareDisplayWidths([...summary.queues.map((q) => q.name), ...summary.processes.map((p) => p.name)]);
        out.write('\n' + renderModelStatsTable(summary));
      }
      if (series && charts) {
        const width = io.stdout.isTTY === true && io.stdout.columns ? io.stdout.columns : DEFAULT_COLUMNS;
        out.write('\n' + charts.renderModelCharts(series, summary, { width, palette }));
      }
    }
  } finally {
    releaseStray();
    removeSignalHandlers();
    stdoutErrors.stop();
    out.flush();
  }
  return signalled ? SIGNAL_EXIT_CODES[signalled] : 0;
}
