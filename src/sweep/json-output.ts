/**
 * A sweep as data: --format json (one object), --format ndjson (a line per
 * point, then a summary line; what `qsim merge` reads) and --format csv.
 *
 *   {"sweep":{"fingerprint","qsim","seed","replications","vary":[{name,values}],"slo":[…],"points"},
 *    "shard":null,"interrupted":false,
 *    "points":[{"index","values":{NAME:VALUE},"seeds","slots","rho","overloaded","metrics":{…},"ci95":{…},"slo":{EXPR:bool},"pass"}],
 *    "recommendation":{"index","values","slots"}|null}
 *
 * Numbers are already rounded (point-result.ts); JSON prints them exactly.
 */
import { jsonNumber } from '../observe/json-output.js';
import type { Axis } from './grid.js';
import { METRIC_NAMES } from './metrics.js';
import type { SweepDefinition } from './plan.js';
import { passes, type PointResult, type Recommendation } from './point-result.js';
import { reportRecommendation, type SweepReport } from './report.js';

function valuesObject(axes: readonly Axis[], values: readonly string[]): Record<string, string> {
  return Object.fromEntries(axes.map((axis, a) => [axis.name, values[a] ?? '']));
}

export function pointJson(definition: SweepDefinition, result: PointResult): Record<string, unknown> {
  return {
    index: result.index,
    values: valuesObject(definition.vary, result.values),
    seeds: result.seeds,
    slots: result.slots,
    rho: result.rho,
    overloaded: result.overloaded,
    metrics: result.metrics,
    ...(result.ci95 ? { ci95: result.ci95 } : {}),
    slo: Object.fromEntries(definition.slo.map((text, s) => [text, result.slo[s] ?? false])),
    pass: passes(result),
  };
}

function recommendationJson(definition: SweepDefinition, recommendation: Recommendation | null): Record<string, unknown> | null {
  if (recommendation === null) return null;
  return { index: recommendation.index, values: valuesObject(definition.vary, recommendation.values), slots: recommendation.slots };
}

function status(report: SweepReport): Record<string, unknown> {
  return {
    shard: report.shard ? { index: report.shard.index, count: report.shard.count } : null,
    interrupted: report.interrupted,
  };
}

export function renderSweepJson(report: SweepReport): string {
  const { definition } = report;
  const object = {
    sweep: definition,
    ...status(report),
    points: report.results.map((result) => pointJson(definition, result)),
    recommendation: recommendationJson(definition, reportRecommendation(report)),
  };
  return `${JSON.stringify(object, null, 2)}\n`;
}

/** One NDJSON line for a finished point; every line carries the sweep's fingerprint. */
export function renderPointLine(definition: SweepDefinition, result: PointResult): string {
  return `${JSON.stringify({ type: 'point', sweep: definition.fingerprint, ...pointJson(definition, result) })}\n`;
}

/** The NDJSON summary line: the definition (for qsim merge), what this run covered, and the recommendation. */
export function renderSummaryLine(report: SweepReport): string {
  const { definition } = report;
  return `${JSON.stringify({
    type: 'summary',
    sweep: definition.fingerprint,
    definition,
    ...status(report),
    finished: report.results.length,
    recommendation: recommendationJson(definition, reportRecommendation(report)),
  })}\n`;
}

export function renderSweepNdjson(report: SweepReport): string {
  return report.results.map((result) => renderPointLine(report.definition, result)).join('') + renderSummaryLine(report);
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : jsonNumber(value);
}

/**
 * A header and one row per point: index, the varied values, seeds (each
 * replication's run seed, separated by spaces), rho, overloaded, slots, every metric (and
 * its ci95), each SLO, pass.
 */
export function renderSweepCsv(report: SweepReport): string {
  const { definition } = report;
  const withCi = definition.replications > 1;
  const header = [
    'index',
    ...definition.vary.map((axis) => axis.name),
    'seeds',
    'rho',
    'overloaded',
    'slots',
    ...METRIC_NAMES.flatMap((name) => (withCi ? [name, `${name}.ci95`] : [name])),
    ...definition.slo,
    ...(definition.slo.length > 0 ? ['pass'] : []),
  ];
  const rows = report.results.map((result) => [
    String(result.index),
    ...result.values,
    result.seeds.join(' '),
    csvNumber(result.rho),
    String(result.overloaded),
    csvNumber(result.slots),
    ...METRIC_NAMES.flatMap((name) => {
      const value = csvNumber(result.metrics[name]);
      return withCi ? [value, csvNumber(result.ci95?.[name])] : [value];
    }),
    ...result.slo.map(String),
    ...(definition.slo.length > 0 ? [String(passes(result))] : []),
  ]);
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}
