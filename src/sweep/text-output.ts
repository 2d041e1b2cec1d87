/**
 * The sweep as a table, one row per point, then the recommendation:
 *
 *   consumers       ρ   throughput (/s)   wait mean (s)   wait p95 (s)   max queue   utilization   SLO
 *           5   0.800             3.998           0.905          2.412          61         80.0%   fail
 *           6   0.667             3.998           0.189          0.872          39         66.6%   pass
 *
 *   recommended: consumers=6 (6 worker slots), the cheapest point that meets wait.p95<2s
 *
 * Columns: the varied values, ρ (offered load at the bottleneck, from the
 * distributions' means; unknown for a model), the usual figures (for a model,
 * those its run measures: see metrics.ts), any metric an SLO bounds that is
 * not among them, and pass/fail. With replications a figure is mean ± the 95%
 * confidence interval's half-width.
 */
import { textWidth } from '../live/text-width.js';
import { percent } from '../observe/stats-table.js';
import { alignColumns, type Align } from '../observe/text-table.js';
import { describePoint } from './grid.js';
import { findMetric, MODEL_METRIC_NAMES, TABLE_METRICS, type Metric } from './metrics.js';
import { passes, passingOverloaded } from './point-result.js';
import { complete, reportRecommendation, type SweepReport } from './report.js';

const NONE = '-';
const NUMERIC = /^\d+(\.\d+)?$/;

function formatValue(metric: Metric, value: number | null | undefined): string {
  if (value === null || value === undefined) return NONE;
  switch (metric.unit) {
    case 'ratio':
      return percent(value);
    case 'count':
      return Number.isInteger(value) ? String(value) : value.toFixed(2);
    default:
      return value.toFixed(3);
  }
}

/** The metrics shown: the usual ones (those a model run measures, for a model), then those the SLOs bound that are not among them. */
export function tableMetrics(sloTexts: readonly string[], model = false): Metric[] {
  const names = TABLE_METRICS.filter((name) => !model || MODEL_METRIC_NAMES.includes(name));
  for (const text of sloTexts) {
    const name = /^[^<>=]+/.exec(text)?.[0] ?? '';
    if (!names.includes(name) && findMetric(name)) names.push(name);
  }
  return names.map((name) => findMetric(name) as Metric);
}

/**
 * `rows` in columns as wide as their widest cell, in terminal columns (a wide
 * character such as 李 takes two, a combining mark none), three spaces apart,
 * indented by two; trailing spaces trimmed.
 */
export function alignByWidth(rows: readonly (readonly string[])[], align: readonly Align[]): string[] {
  return alignColumns(rows, align, '  ', '   ', textWidth);
}

export function renderSweepTable(report: SweepReport): string {
  const { definition, results } = report;
  const model = definition.model !== undefined;
  const metrics = tableMetrics(definition.slo, model);
  const withSlo = definition.slo.length > 0;
  const header = [...definition.vary.map((axis) => axis.name), 'ρ', ...metrics.map((m) => m.heading), ...(withSlo ? ['SLO'] : [])];
  const rows = results.map((result) => [
    ...result.values,
    result.rho === null ? NONE : result.rho.toFixed(3),
    ...metrics.map((metric) => {
      const mean = formatValue(metric, result.metrics[metric.name]);
      const half = result.ci95?.[metric.name];
      return half === undefined || half === null || mean === NONE ? mean : `${mean} ± ${formatValue(metric, half)}`;
    }),
    ...(withSlo ? [passes(result) ? (result.overloaded ? 'pass, ρ ≥ 1' : 'pass') : 'fail'] : []),
  ]);
  const align: Align[] = [
    ...definition.vary.map((axis): Align => (axis.values.every((value) => NUMERIC.test(value)) ? 'right' : 'left')),
    ...header.slice(definition.vary.length).map((): Align => 'right'),
  ];
  const lines = results.length > 0 ? alignByWidth([header, ...rows], align) : ['  (no point finished)'];
  const notes: string[] = [];
  if (model) {
    notes.push(`model ${definition.model ?? ''}: the figures are those of its first queue; ρ is not known for a model (${NONE})`);
  }
  if (definition.replications > 1) {
    notes.push(`mean ± half-width of the 95% confidence interval over ${definition.replications} replications (Student t)`);
  }
  notes.push(...recommendationLines(report));
  return [...lines, '', ...notes].join('\n') + '\n';
}

function recommendationLines(report: SweepReport): string[] {
  const { definition, results } = report;
  const slos = definition.slo.join(' and ');
  if (report.shard) {
    return [
      `${report.interrupted ? 'interrupted: ' : ''}shard ${report.shard.index}/${report.shard.count}: ${results.length} of ${definition.points} points; ` +
        `qsim merge joins every shard's --format ndjson output into the whole sweep${definition.slo.length > 0 ? ' and its recommendation' : ''}`,
    ];
  }
  if (!complete(report)) {
    return [`interrupted: ${results.length} of ${definition.points} points finished${definition.slo.length > 0 ? '; no recommendation from part of a sweep' : ''}`];
  }
  if (definition.slo.length === 0) return [];
  const recommendation = reportRecommendation(report);
  const overloaded = passingOverloaded(results);
  const notes: string[] = [];
  if (overloaded.length > 0) {
    const which = overloaded.map((result) => describePoint(definition.vary, result.values) || String(result.index)).join(', ');
    notes.push(
      `not recommended: ${which} (overloaded: ρ ≥ 1 at a stage that keeps every item): ${overloaded.length === 1 ? 'it meets' : 'they meet'} ${slos} ` +
        'only because the run ends before the backlog builds up; there the queue grows for as long as items come',
    );
  }
  if (recommendation === null) return [...notes, overloaded.length > 0 ? `no point that is not overloaded meets ${slos}` : `no point meets ${slos}`];
  const point = describePoint(definition.vary, recommendation.values);
  if (recommendation.slots === null) return [...notes, `recommended: ${point}, the first point in grid order that meets ${slos}`];
  const slots = `${recommendation.slots} worker slot${recommendation.slots === 1 ? '' : 's'}`;
  return [...notes, `recommended: ${point} (${slots}), the cheapest point that meets ${slos}${overloaded.length > 0 ? ' and is not overloaded' : ''}`];
}
