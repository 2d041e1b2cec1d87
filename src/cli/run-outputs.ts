/**
 * Picks the observers a `qsim run` needs for its output, and writes what
 * comes after the run. An observer nobody asked for is not attached: the
 * statistics only for json, ndjson, --stats, --chart or --explain (behind a
 * warm-up gate only with --warmup); the queue-size series
 * only for --chart; the progress bar only when progressWanted(). Each
 * observer's and renderer's module is loaded only when it is used: start-up is
 * most of a small run's time.
 */
import type { RunObserver } from '../model/events.js';
import { scenarioNames } from '../model/names.js';
import { prepareDisplayWidths } from '../observe/display-width.js';
import type { TextSink } from '../observe/sink.js';
import { colourEnabled } from './color.js';
import type { CliIo } from './io.js';
import { createProgressBar, itemsToMake, progressWanted } from './progress.js';
import type { RunInvocation } from './run-options.js';

/** Chart width when stdout is not a terminal. */
export const DEFAULT_COLUMNS = 80;

export interface RunOutputs {
  readonly observers: readonly RunObserver[];
  /** Call just before the run starts. */
  started(): void;
  /** Clears the progress bar; call when the run ends, however it ends. */
  stopped(): void;
  /** Writes what follows a finished run: the summary object or line, the table, the charts. */
  finished(): void;
}

export async function runOutputs(run: RunInvocation, out: TextSink, io: CliIo): Promise<RunOutputs> {
  const { format, stats, chart, timestamps, explain } = run.output;
  // Names in the log's tags and the tables line up by terminal columns (a CJK name takes two per character).
  await prepareDisplayWidths(scenarioNames(run.scenario));
  const colour = format === 'text' && colourEnabled(run.color, io.env, io.stdout.isTTY === true);
  const palette = colour ? (await import('./chalk-styles.js')).chalkPalette() : undefined;
  // The progress bar comes first, so it is cleared (at runFinished) before the final line is written.
  const progress = progressWanted(run, io) ? await createProgressBar(io.stderr, itemsToMake(run)) : undefined;
  const observers: RunObserver[] = progress ? [progress] : [];

  if (format === 'text') {
    const { FinalLineLog, TextLog } = await import('../observe/text-log.js');
    observers.push(run.quiet ? new FinalLineLog(out, { timestamps }) : new TextLog(out, { ...(palette ? { palette } : {}), timestamps }));
  } else if (format === 'ndjson' && !run.quiet) {
    const { NdjsonLog } = await import('../observe/ndjson-log.js');
    observers.push(new NdjsonLog(out));
  }
  let statistics: import('../observe/statistics.js').RunStatistics | undefined;
  if (format !== 'text' || stats || chart || explain) {
    const { RunStatistics } = await import('../observe/statistics.js');
    statistics = new RunStatistics({ ...(run.config ? { config: run.config } : {}), warmup: run.warmup });
    observers.push(...statistics.observers());
  }
  const series = chart ? new (await import('../observe/queue-series.js')).QueueSizeSeries() : undefined;
  if (series) observers.push(series);
  const json = format !== 'text' ? await import('../observe/json-output.js') : undefined;
  const table = stats ? await import('../observe/stats-table.js') : undefined;
  const explanation = explain ? await import('../observe/explain.js') : undefined;
  // asciichart is loaded only for --chart.
  const charts = chart ? await import('../observe/queue-chart.js') : undefined;

  return {
    observers,
    started: () => progress?.start(),
    stopped: () => progress?.stop(),
    finished() {
      if (!statistics) return;
      const summary = statistics.summary();
      if (run.warmup > 0 && summary.simulatedSeconds <= run.warmup) {
        io.stderr.write(
          `qsim: warning: the run ended at ${summary.simulatedSeconds.toFixed(3)} s, within the --warmup of ${run.warmup.toFixed(3)} s: ` +
            'no wait, queue size or utilization was measured (use a shorter --warmup or more --items)\n',
        );
      }
      if (format === 'json' && json) out.write(json.renderJsonSummary(summary));
      if (format === 'ndjson' && json) out.write(json.renderNdjsonSummary(summary));
      if (table) out.write('\n' + table.renderStatsTable(summary));
      if (series && charts) {
        const width = io.stdout.isTTY === true && io.stdout.columns ? io.stdout.columns : DEFAULT_COLUMNS;
        out.write('\n' + charts.renderQueueChart(series, { width, colour, allQueues: run.scenario.stages.length > 1 }));
        out.write('\n' + charts.renderUtilizationBars(summary, width, palette));
      }
      if (explanation) out.write(explanation.renderExplanation(summary, run.scenario));
    },
  };
}
