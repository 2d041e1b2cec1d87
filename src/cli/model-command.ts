/**
 * `qsim run --model FILE`: loads the model, builds it with the run's options
 * and --set parameters, runs it with the chosen pacing, and writes what the
 * output options ask for — the same choices as a pipeline run: the log (or
 * only its final line with --quiet), --timestamps, --stats, --format json or
 * ndjson, --chart (model-chart.ts) — or, with --live, the full-screen view (model-live-command.ts). Only
 * the observers asked for are attached.
 */
import { instantPacing, WallClockPacing } from '../core/pacing.js';
import type { ModelObserver } from '../api/model-events.js';
import type { ModelOptions } from '../api/model.js';
import type { RunConfig } from '../model/config.js';
import { renderJsonSummary, renderNdjsonSummary } from '../observe/json-output.js';
import { ModelFinalLineLog, ModelTextLog } from '../observe/model-log.js';
import { ModelNdjsonLog } from '../observe/model-ndjson.js';
import { ModelQueueSeries } from '../observe/model-queue-series.js';
import { ModelStatistics } from '../observe/model-statistics.js';
import { renderModelStatsTable } from '../observe/model-stats-table.js';
import { loadModel } from '../runner/load-model.js';
import { simulateModel } from '../runner/run-model.js';
import { chalkPalette } from './chalk-styles.js';
import { colourEnabled } from './color.js';
import type { CliIo } from './io.js';
import type { ModelChoice } from './model-options.js';
import { DEFAULT_COLUMNS } from './run-outputs.js';
import type { RunInvocation } from './run-options.js';
import { drainAwareTimers, OutputWriter } from './writer.js';

export async function runModelCommand(run: RunInvocation, model: ModelChoice, io: CliIo): Promise<number> {
  const build = await loadModel(model.path);
  if (run.live) {
    const [{ liveTerminal }, { runModelLive }] = await Promise.all([import('./live-command.js'), import('./model-live-command.js')]);
    return runModelLive(run, model, build, io, liveTerminal(io));
  }
  if (run.seedDrawn) io.stderr.write(`qsim: seed ${run.seed} (repeat this run with --seed ${run.seed})\n`);
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
  try {
    // Instant runs wait for a slow reader of stdout instead of buffering without bound.
    const timers = instant ? { timers: drainAwareTimers(out) } : {};
    await simulateModel(build, options, { pacing, observers, ...timers });
    if (statistics) {
      const summary = statistics.summary();
      if (format === 'json') out.write(renderJsonSummary(summary));
      if (format === 'ndjson') out.write(renderNdjsonSummary(summary));
      if (stats) out.write('\n' + renderModelStatsTable(summary));
      if (series && charts) {
        const width = io.stdout.isTTY === true && io.stdout.columns ? io.stdout.columns : DEFAULT_COLUMNS;
        out.write('\n' + charts.renderModelCharts(series, summary, { width, palette }));
      }
    }
  } finally {
    out.flush();
  }
  return 0;
}
