/**
 * `--chart`: the queue size over simulated time as a line chart (asciichart),
 * then one utilization bar per consumer.
 *
 *   queue size (items), max per time slice
 *     6 ┤      ╭─╮
 *     3 ┤   ╭──╯ ╰──╮
 *     0 ┼───╯       ╰───
 *       └┬─────────┬────
 *        0         10       simulated time (s)
 *
 * Each column is one slice of the run; it shows the largest size in the slice,
 * so a short peak is never averaged away. Fitted to `width` columns.
 */
import asciichart from 'asciichart';
import type { QueueSizeSeries } from './queue-series.js';
import type { Palette } from './sink.js';
import type { RunSummary } from './summary.js';
import { percent } from './stats-table.js';
import { textWidth } from './text-table.js';

export interface ChartOptions {
  /** Terminal columns; every line is at most width - 1 long. */
  readonly width: number;
  /** Colours the line (basic ANSI codes); plain when false. */
  readonly colour: boolean;
  /** The pipeline has several queues: the series is their sum. */
  readonly allQueues?: boolean;
  /** The chart's first line, in place of the pipeline's. */
  readonly title?: string;
}

/** The narrowest chart worth drawing; narrower terminals get this and wrap. */
const MIN_WIDTH = 40;
const MAX_ROWS = 12;
/** Ticks on the time axis are at least this many columns apart. */
const MIN_TICK_SPACING = 10;

/** The smallest of 1, 2, 5 × 10^k that is >= `value`. */
export function niceStep(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const factor of [1, 2, 5, 10]) {
    if (factor * power >= value * (1 - 1e-12)) return factor * power;
  }
  return 10 * power;
}

function tickLabel(time: number, step: number): string {
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-12));
  return time.toFixed(decimals);
}

export function renderQueueChart(series: QueueSizeSeries, options: ChartOptions): string {
  const width = Math.max(MIN_WIDTH, options.width);
  const title = options.title ?? (options.allQueues ? 'items waiting in all queues, max per time slice' : 'queue size (items), max per time slice');
  const probe = series.slices(1);
  const peak = probe[0]?.max ?? 0;
  if (probe.length === 0) return `${title}\n  (nothing to draw: the run lasted 0 s of simulated time)\n`;

  const rowStep = Math.max(1, Math.ceil(peak / MAX_ROWS));
  const rows = Math.max(1, Math.ceil(peak / rowStep));
  const top = rows * rowStep;
  const labelWidth = Math.max(3, String(top).length + 1);
  // A line is the label, a space, the axis, then the points; the last cell is blank.
  const slices = series.slices(width - labelWidth - 2);
  const values = slices.map((s) => s.max);
  if (values.length === 1) values.push(values[0] as number);
  const plot = asciichart.plot(values, {
    min: 0,
    max: top,
    height: rows,
    offset: 3,
    format: (x: number) => String(Math.round(x)).padStart(labelWidth),
    // asciichart marks the top row and the first value with symbol 0 ('┼'); a plain tick reads better.
    symbols: ['┤', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'],
    ...(options.colour ? { colors: [asciichart.cyan] } : {}),
  });
  const lines = plot.split('\n').map((line) => line.trimEnd());

  // Time axis: a tick every `step` seconds, at the column of the slice holding that time.
  const duration = series.duration;
  const step = niceStep((duration * MIN_TICK_SPACING) / values.length);
  const axisColumn = labelWidth + 1;
  const axis = [...' '.repeat(axisColumn) + '└' + '─'.repeat(values.length - 1)];
  let labels = ' '.repeat(axisColumn);
  for (let k = 0; k * step < duration; k++) {
    const time = k * step;
    const index = slices.findIndex((s) => time >= s.start && time < s.end);
    if (index < 0) continue;
    const column = axisColumn + index;
    const label = tickLabel(time, step);
    if (column < labels.length + (k === 0 ? 0 : 1) || column + label.length > width - 1) continue;
    if (index > 0) axis[column] = '┬';
    labels = labels.padEnd(column) + label;
  }
  const axisTitle = 'simulated time (s)';
  const footer =
    labels.length + 3 + axisTitle.length <= width - 1
      ? [labels.padEnd(width - 1 - axisTitle.length) + axisTitle]
      : [labels, ' '.repeat(Math.max(0, width - 1 - axisTitle.length)) + axisTitle];
  return [title, ...lines, axis.join(''), ...footer].join('\n') + '\n';
}

/** One bar of renderBars. */
export interface Bar {
  readonly name: string;
  /** 0..1; null when undefined for the run (drawn empty, shown as "-"). */
  readonly ratio: number | null;
  /** Its palette colour (as in the log); none when negative. */
  readonly colour: number;
}

/** One bar per consumer: busy time / simulated time. */
export function renderUtilizationBars(summary: RunSummary, width: number, palette: Palette | undefined): string {
  const bars = summary.consumers.map((consumer, index) => ({ name: consumer.name, ratio: consumer.utilization, colour: index }));
  return renderBars('utilization (busy time / simulated time)', bars, width, palette);
}

/** A titled list of horizontal percentage bars, fitted to `width` columns. */
export function renderBars(title: string, bars: readonly Bar[], width: number, palette: Palette | undefined): string {
  const nameWidth = Math.max(...bars.map((b) => textWidth(b.name)), 1);
  const barWidth = Math.max(10, Math.min(50, Math.max(MIN_WIDTH, width) - nameWidth - 13));
  const lines = bars.map(({ name, ratio, colour }) => {
    const filled = Math.round(Math.min(1, Math.max(0, ratio ?? 0)) * barWidth);
    const bar = '█'.repeat(filled) + '·'.repeat(barWidth - filled);
    const padded = name + ' '.repeat(nameWidth - textWidth(name));
    return `  ${padded}  ${palette && colour >= 0 ? palette.worker(colour, bar) : bar}  ${percent(ratio).padStart(6)}`;
  });
  return [title, ...lines].join('\n') + '\n';
}
