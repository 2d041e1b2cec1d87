/**
 * `qsim run --model FILE --chart`: one queue-size chart per queue (the
 * pipeline's chart, titled with the queue's name), up to MAX_CHARTS, then one
 * bar per process for the share of the run it spent in p.sleep — a model's
 * "busy" time when its sleeps stand for work, as a consumer's do in the demo.
 */
import type { ModelQueueSeries } from './model-queue-series.js';
import type { ModelSummary } from './model-summary.js';
import { renderBars, renderQueueChart } from './queue-chart.js';
import type { Palette } from './sink.js';
import { quote } from '../model/quote.js';

/** More queues than this are listed by name instead of drawn: a chart is about 14 lines. */
export const MAX_CHARTS = 8;
/** More processes than this are summed up in one line after the bars. */
export const MAX_BARS = 20;

export interface ModelChartOptions {
  readonly width: number;
  readonly palette: Palette | undefined;
}

export function renderModelCharts(traces: ModelQueueSeries, summary: ModelSummary, options: ModelChartOptions): string {
  const { width, palette } = options;
  const colour = palette !== undefined;
  const parts: string[] = [];
  const queues = traces.queues;
  if (queues.length === 0) parts.push('queue size: (nothing to draw: the model made no queues)\n');
  for (const { queue, series } of queues.slice(0, MAX_CHARTS)) {
    parts.push(renderQueueChart(series, { width, colour, title: `queue ${quote(queue.name)}: size (items), max per time slice` }));
  }
  if (queues.length > MAX_CHARTS) {
    const rest = queues.slice(MAX_CHARTS).map(({ queue }) => quote(queue.name));
    parts.push(`(${rest.length} more queue${rest.length === 1 ? '' : 's'} not drawn: ${rest.join(', ')}; --stats has their figures)\n`);
  }
  const duration = summary.simulatedSeconds;
  const bars = summary.processes.slice(0, MAX_BARS).map((process, index) => ({
    name: process.name,
    ratio: duration > 0 ? process.sleepingSeconds / duration : null,
    colour: traces.colour(index),
  }));
  if (bars.length > 0) {
    let text = renderBars('sleeping (time in p.sleep / simulated time)', bars, width, palette);
    const more = summary.processes.length - bars.length;
    if (more > 0) text += `  (${more} more process${more === 1 ? '' : 'es'} not drawn; --stats has their figures)\n`;
    parts.push(text);
  }
  return parts.join('\n');
}
