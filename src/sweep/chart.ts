/**
 * `--chart`: each SLO's metric against the first varied option, with the
 * SLO's bound drawn across as ╌╌╌. One chart per combination of the other
 * varied options' values (at most MAX_CHARTS per SLO). Each point takes a
 * block of columns where the line is level at its value; the step to the next
 * point is drawn in the block's last column. A tick ┬ under each point's
 * block marks it, with its value centred below:
 *
 *   wait.p95 (s) by consumers; ╌ is the bound of wait.p95<2s
 *   6.00 ┤────────╮
 *   4.00 ┤        │
 *   2.00 ┤╌╌╌╌╌╌╌╌╰───────╮╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌
 *   0.00 ┤                ╰───────────────
 *        └───┬───────┬───────┬───────┬────
 *            4       5       6       7      consumers
 *
 * When the values do not fit under their ticks, numbers and durations label
 * every k-th tick (a note says so); other values (distributions, names) put a
 * letter under each tick and a legend below says which value each letter
 * stands for (a = exp(200ms) …).
 */
import asciichart from 'asciichart';
import { textWidth } from '../live/text-width.js';
import { describePoint } from './grid.js';
import { findMetric, type Metric } from './metrics.js';
import type { PointResult } from './point-result.js';
import type { SweepReport } from './report.js';
import { parseSlo, type Slo } from './slo.js';

const ROWS = 10;
const MIN_WIDTH = 40;
const MAX_BLOCK = 10;
/** Values above this many times the bound are drawn at the top, so the bound stays readable. */
const CLIP = 3;
export const MAX_CHARTS = 8;
const LEGEND_GAP = '   ';

function valueLabel(value: number, top: number): string {
  return value.toFixed(top >= 100 ? 0 : top >= 10 ? 1 : 2);
}

export function renderSweepCharts(report: SweepReport, width: number): string {
  const { definition } = report;
  const charts: string[] = [];
  for (const text of definition.slo) {
    const parsed = parseSlo(text);
    if (!parsed.ok) continue;
    const groups = new Map<string, PointResult[]>();
    for (const result of report.results) {
      const others = describePoint(definition.vary.slice(1), result.values.slice(1));
      groups.set(others, [...(groups.get(others) ?? []), result]);
    }
    let drawn = 0;
    for (const [others, results] of groups) {
      if (drawn++ === MAX_CHARTS) {
        charts.push(`(${groups.size - MAX_CHARTS} more charts of ${text} left out)\n`);
        break;
      }
      charts.push(renderChart(parsed.slo, definition.vary[0]?.name ?? '', others, results, width));
    }
  }
  return charts.join('\n');
}

function measured(metric: Metric, result: PointResult): boolean {
  const value = result.metrics[metric.name];
  return value !== null && value !== undefined;
}

/** The vertical scale: the top of the chart, the bound's row from the bottom, and whether values above the top are clipped. */
interface Scale {
  readonly top: number;
  readonly rowsBelowBound: number;
  readonly clipped: boolean;
}

function scaleFor(slo: Slo, values: readonly number[]): Scale {
  const highest = Math.max(...values, slo.bound);
  const clipAt = slo.bound > 0 ? slo.bound * CLIP : highest;
  // The bound lies exactly on row k from the bottom (of ROWS); k >= ROWS / CLIP since the top is at most CLIP x the bound.
  const rowsBelowBound = slo.bound > 0 ? Math.max(1, Math.floor((slo.bound * ROWS) / Math.min(highest, clipAt))) : 0;
  const top = slo.bound > 0 ? (slo.bound * ROWS) / rowsBelowBound : highest || 1;
  return { top, rowsBelowBound, clipped: highest > clipAt };
}

function renderChart(slo: Slo, axisName: string, others: string, results: readonly PointResult[], width: number): string {
  const metric = findMetric(slo.metric.name) as Metric;
  const unit = metric.unit === 'seconds' ? ' (s)' : '';
  const drawn = results.filter((result) => measured(metric, result));
  const title = `${metric.name}${unit} by ${axisName}${others ? `, with ${others}` : ''}; ╌ is the bound of ${slo.text}`;
  if (drawn.length === 0) return `${title}\n  (nothing to draw: no point measured ${metric.name})\n`;
  const values = drawn.map((result) => result.metrics[metric.name] as number);
  const { top, rowsBelowBound, clipped } = scaleFor(slo, values);
  const labelWidth = Math.max(...[0, top / 2, top].map((v) => valueLabel(v, top).length));
  // A row is the label, a space, the axis, then the points.
  const plotStart = labelWidth + 2;
  const usable = Math.max(MIN_WIDTH, width) - plotStart - 1;
  const block = Math.max(1, Math.min(MAX_BLOCK, Math.floor(usable / drawn.length)));
  const columns = drawn.length * block;
  const lines = drawPlot(values, block, top, labelWidth);
  const boundRow = ROWS - rowsBelowBound;
  lines[boundRow] = drawBound(lines[boundRow] ?? '', plotStart, columns);

  // Each point's tick: a column of its block where the line is level at its value (the block's last column holds the step to the next).
  const ticks = drawn.map((_, i) => plotStart + i * block + Math.floor((block - 1) / 2));
  const labels = axisLabels(
    drawn.map((result) => result.values[0] ?? ''),
    ticks,
    Math.max(width, plotStart + columns),
  );
  const note = clipped ? [`values above ${valueLabel(top, top)} are drawn at the top`] : [];
  const skipped = results.filter((result) => !measured(metric, result)).map((result) => result.values[0] ?? '');
  const notDrawn = skipped.length > 0 ? [`not drawn (no ${metric.name} measured): ${axisName}=${skipped.join(', ')}`] : [];
  return (
    [
      title,
      ...note,
      ...lines.map((line) => line.trimEnd()),
      axisLine(plotStart, columns, ticks),
      `${labels.line}   ${axisName}`,
      ...labels.notes,
      ...notDrawn,
    ].join('\n') + '\n'
  );
}

/**
 * The plot's rows: each value level over `block` columns, the step to the
 * next value in the block's last column (with one column a point, each column
 * is a step, leaving the point's level for the next one's).
 */
function drawPlot(values: readonly number[], block: number, top: number, labelWidth: number): string[] {
  const levels = values.map((value) => Math.min(value, top));
  // asciichart draws a column per pair of neighbouring values: one value more than columns gives the last point a whole block.
  const series = [...levels.flatMap((level) => Array<number>(block).fill(level)), levels[levels.length - 1] as number];
  const plot = asciichart.plot(series, {
    min: 0,
    max: top,
    height: ROWS,
    offset: 3,
    format: (x: number) => valueLabel(x, top).padStart(labelWidth),
    symbols: ['┤', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'],
  });
  return plot.split('\n');
}

/** The bound's row: the line's own characters stay, the gaps become ╌. */
function drawBound(line: string, plotStart: number, columns: number): string {
  const row = [...line];
  for (let column = plotStart; column < plotStart + columns; column++) {
    if (row[column] === ' ' || row[column] === undefined) row[column] = '╌';
  }
  return row.join('');
}

function axisLine(plotStart: number, columns: number, ticks: readonly number[]): string {
  const axis = [...' '.repeat(plotStart - 1) + '└' + '─'.repeat(columns)];
  for (const tick of ticks) axis[tick] = '┬';
  return axis.join('');
}

interface AxisLabels {
  /** The labels, each centred under its tick. */
  readonly line: string;
  /** What the line needs said: a legend of letters, or which ticks are labelled. */
  readonly notes: readonly string[];
}

/** Numbers and durations (8, 0.5, 250ms): an axis of them reads in order, so labelling some of its ticks is enough. */
const ORDERED = /^\d+(\.\d+)?[a-zµ]*$/i;

/**
 * Labels for the ticks, within `limit` columns: every value if they fit.
 * Else, for numbers and durations, the value of every k-th tick (k as small
 * as fits) and a note saying so; for other values (distributions, names), a
 * letter under each tick and a legend. Else whichever of the two fits.
 */
export function axisLabels(values: readonly string[], ticks: readonly number[], limit: number): AxisLabels {
  const all = placeLabels(values, ticks, limit, 1);
  if (all !== undefined) return { line: all, notes: [] };
  const keys = values.map((_, i) => pointKey(i));
  const lettered = (): AxisLabels | undefined => {
    const line = placeLabels(keys, ticks, limit, 1);
    return line === undefined ? undefined : { line, notes: legend(keys, values, limit) };
  };
  const thinned = (): AxisLabels | undefined => {
    for (let every = 2; every < values.length; every++) {
      const line = placeLabels(values, ticks, limit, every);
      if (line !== undefined) return { line, notes: [`(┬ marks every point; one in ${every} is labelled, from the first)`] };
    }
    return undefined;
  };
  const labels = values.every((value) => ORDERED.test(value)) ? (thinned() ?? lettered()) : (lettered() ?? thinned());
  // Neither fits (a value wider than the chart and too many points for a letter each): the first point's letter, and the legend.
  return labels ?? { line: placeLabels(keys, ticks, limit, values.length) ?? '', notes: legend(keys, values, limit) };
}

/**
 * The labels of every `every`-th tick from the first, each centred under its
 * tick (or moved right, still over its tick, to leave a space after the one
 * before); undefined when they do not all fit within `limit` columns.
 */
function placeLabels(labels: readonly string[], ticks: readonly number[], limit: number, every: number): string | undefined {
  let line = '';
  let used = 0;
  for (let i = 0; i < labels.length; i += every) {
    const label = labels[i] ?? '';
    const tick = ticks[i] ?? 0;
    const labelWidth = textWidth(label);
    const start = Math.max(used === 0 ? 0 : used + 1, tick - Math.floor((labelWidth - 1) / 2));
    if (start > tick || start + labelWidth > limit) return undefined;
    line += ' '.repeat(start - used) + label;
    used = start + labelWidth;
  }
  return line;
}

/** a, b, …, z, aa, ab, …: a short name for the i-th point (from 0). */
export function pointKey(i: number): string {
  const letter = String.fromCharCode(97 + (i % 26));
  return i < 26 ? letter : pointKey(Math.floor(i / 26) - 1) + letter;
}

/** `a = exp(200ms)   b = erlang(4,200ms)   …`, wrapped within `limit` columns. */
function legend(keys: readonly string[], values: readonly string[], limit: number): string[] {
  const lines: string[] = [];
  let line = '';
  keys.forEach((key, i) => {
    const entry = `${key} = ${values[i] ?? ''}`;
    if (line !== '' && textWidth(line) + LEGEND_GAP.length + textWidth(entry) > limit) {
      lines.push(line);
      line = '';
    }
    line = line === '' ? entry : line + LEGEND_GAP + entry;
  });
  if (line !== '') lines.push(line);
  return lines;
}
