/**
 * `--chart`: each SLO's metric against the first varied option, with the
 * SLO's bound drawn across as ╌╌╌. One chart per combination of the other
 * varied options' values (at most MAX_CHARTS per SLO). Each point takes a
 * block of columns, labelled with its value below the axis:
 *
 *   wait.p95 (s) by consumers; ╌ is the bound of wait.p95<2s; values above 6 are drawn at the top
 *    6.00 ┤────────╮
 *    4.00 ┤        │
 *    2.00 ┤╌╌╌╌╌╌╌╌╰───────╮╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌
 *    0.00 ┤                ╰────────────────
 *         └───────┬───────┬───────┬───────
 *             4       5       6       7       consumers
 */
import asciichart from 'asciichart';
import { textWidth } from '../observe/text-table.js';
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

function renderChart(slo: Slo, axisName: string, others: string, results: readonly PointResult[], width: number): string {
  const metric = findMetric(slo.metric.name) as Metric;
  const unit = metric.unit === 'seconds' ? ' (s)' : '';
  const drawn = results.filter((result) => result.metrics[metric.name] !== null && result.metrics[metric.name] !== undefined);
  const title = `${metric.name}${unit} by ${axisName}${others ? `, with ${others}` : ''}; ╌ is the bound of ${slo.text}`;
  if (drawn.length === 0) return `${title}\n  (nothing to draw: no point measured ${metric.name})\n`;
  const values = drawn.map((result) => result.metrics[metric.name] as number);
  const highest = Math.max(...values, slo.bound);
  const clipAt = slo.bound > 0 ? slo.bound * CLIP : highest;
  const clipped = highest > clipAt;
  // The bound lies exactly on row k from the bottom (of ROWS); k >= ROWS / CLIP since the top is at most CLIP x the bound.
  const rowsBelowBound = slo.bound > 0 ? Math.max(1, Math.floor((slo.bound * ROWS) / Math.min(highest, clipAt))) : 0;
  const top = slo.bound > 0 ? (slo.bound * ROWS) / rowsBelowBound : highest || 1;
  const labelWidth = Math.max(...[0, top / 2, top].map((v) => valueLabel(v, top).length));
  // A row is the label, a space, the axis, then the points.
  const plotStart = labelWidth + 2;
  const usable = Math.max(MIN_WIDTH, width) - plotStart - 1;
  const block = Math.max(1, Math.min(MAX_BLOCK, Math.floor(usable / drawn.length)));
  const series = values.flatMap((value) => Array<number>(block).fill(Math.min(value, top)));
  const plot = asciichart.plot(series, {
    min: 0,
    max: top,
    height: ROWS,
    offset: 3,
    format: (x: number) => valueLabel(x, top).padStart(labelWidth),
    symbols: ['┤', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'],
  });
  const lines = plot.split('\n');
  // The bound's row: the line's own characters stay, the gaps become ╌.
  const boundRow = ROWS - rowsBelowBound;
  const row = [...(lines[boundRow] ?? '')];
  for (let column = plotStart; column < plotStart + series.length - 1; column++) {
    if (row[column] === ' ' || row[column] === undefined) row[column] = '╌';
  }
  lines[boundRow] = row.join('');

  const offset = plotStart;
  const axis = [...' '.repeat(offset - 1) + '└' + '─'.repeat(series.length)];
  let labels = '';
  drawn.forEach((result, i) => {
    const label = result.values[0] ?? '';
    const centre = offset + i * block + Math.floor(block / 2);
    const start = Math.max(labels.length + (labels === '' ? 0 : 1), centre - Math.floor(textWidth(label) / 2));
    if (start + textWidth(label) > offset + series.length + MAX_BLOCK) return;
    if (start > centre) return; // no room: a neighbour's label is there
    if (i > 0) axis[offset + i * block - 1] = '┬';
    labels = labels.padEnd(start) + label;
  });
  const footer = `${labels}   ${axisName}`;
  const note = clipped ? [`values above ${valueLabel(top, top)} are drawn at the top`] : [];
  return [title, ...note, ...lines.map((line) => line.trimEnd()), axis.join('').trimEnd(), footer].join('\n') + '\n';
}
