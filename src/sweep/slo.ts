/**
 * Service-level objectives: `--slo METRIC OP VALUE`, e.g. wait.p95<2s,
 * utilization<0.85, deadLettered==0. A point meets an objective when its
 * figure satisfies it; with replications, when the pessimistic end of the
 * figure's 95% confidence interval does (the upper end for < and <=, the lower
 * for > and >=; for == the whole interval must be the value). A figure the run
 * could not measure (no item waited, so no wait.p95) meets nothing.
 */
import { durationReason, formatDuration, parseDuration } from '../model/duration.js';
import { decimalTextReason } from '../model/number-text.js';
import { quote } from '../model/quote.js';
import { findMetric, METRIC_NAMES, type Metric } from './metrics.js';

export const OPERATORS = ['<=', '>=', '==', '<', '>'] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Slo {
  readonly metric: Metric;
  readonly operator: Operator;
  readonly bound: number;
  /** Canonical text: wait.p95<2s. */
  readonly text: string;
}

/** A figure of a point: the mean over its replications, and the 95% CI's half-width (null with one replication). */
export interface Estimate {
  readonly mean: number | null;
  readonly halfWidth: number | null;
}

export const SLO_SYNTAX = `METRIC OP VALUE (OP one of <, <=, >, >=, ==; METRIC one of ${METRIC_NAMES.join(', ')})`;

export type SloParse = { readonly ok: true; readonly slo: Slo } | { readonly ok: false; readonly reason: string };

const EXPRESSION = /^([^<>=!]*)(<=|>=|==|!=|=<|=>|<|>|=)(.*)$/;
const NUMBER = /^(\d+(?:\.\d*)?|\.\d+)(%)?$/;

function fail(reason: string): SloParse {
  return { ok: false, reason };
}

export function parseSlo(text: string): SloParse {
  const trimmed = text.trim();
  if (trimmed === '') return fail('it is empty');
  const match = EXPRESSION.exec(trimmed);
  if (!match) return fail(`no comparison: put one of ${OPERATORS.join(' ')} between the metric and the value`);
  const name = (match[1] ?? '').trim();
  const written = match[2] ?? '';
  const valueText = (match[3] ?? '').trim();
  if (name === '') return fail(`no metric before ${quote(written)}`);
  const metric = findMetric(name);
  if (metric === undefined) {
    const other = METRIC_NAMES.find((known) => known.toLowerCase() === name.toLowerCase());
    return fail(`unknown metric ${quote(name)}${other ? `; did you mean ${other}?` : ''}`);
  }
  if (!(OPERATORS as readonly string[]).includes(written)) {
    const hint = written === '=' ? '==' : written === '=<' ? '<=' : written === '=>' ? '>=' : undefined;
    return fail(`unknown operator ${quote(written)}${hint ? `; did you mean ${hint}?` : ''}`);
  }
  const operator = written as Operator;
  if (valueText === '') return fail(`no value after ${quote(operator)}`);
  if (/[<>=!]/.test(valueText)) return fail(`one comparison per --slo, got more after ${quote(operator)} (repeat --slo for each bound)`);
  const bound = parseBound(metric, valueText);
  if (typeof bound === 'string') return fail(bound);
  const shown = metric.unit === 'seconds' ? formatDuration(bound) : String(bound);
  return { ok: true, slo: { metric, operator, bound, text: `${metric.name}${operator}${shown}` } };
}

/** The bound as a number, or why it is not one. */
function parseBound(metric: Metric, text: string): number | string {
  if (metric.unit === 'seconds') {
    const seconds = parseDuration(text);
    if (seconds !== undefined) return seconds;
    // Why, as every duration option says (1e3, -1s, 5 sec); else what a bound in seconds looks like.
    const reason = durationReason(text);
    return reason !== undefined ? `${quote(text)}: ${reason}` : `${quote(text)} is not a duration (${metric.name} is in seconds: 2s, 250ms, or a bare number of seconds)`;
  }
  const match = NUMBER.exec(text);
  if (!match) {
    // Every figure an SLO can bound is a count, a rate or a share: never below 0.
    if (text.startsWith('-') && NUMBER.test(text.slice(1))) return `${metric.name} is never negative, got ${quote(text)}`;
    const asDuration = parseDuration(text) !== undefined;
    if (asDuration) return `${metric.name} is not a duration: compare it with a plain number, got ${quote(text)}`;
    const reason = decimalTextReason(text.replace(/%$/, ''));
    return reason !== undefined ? `${quote(text)}: ${reason}` : `${quote(text)} is not a number`;
  }
  const value = Number(match[1]);
  if (match[2] === '%') {
    if (metric.unit !== 'ratio') return `${quote(text)}: only utilization takes a percentage`;
    return value <= 100 ? value / 100 : `${metric.name} is at most 100%, got ${quote(text)}`;
  }
  // utilization<85 would be a bound no point can miss: say which was meant.
  if (metric.unit === 'ratio' && value > 1) return `${metric.name} is a fraction from 0 to 1: write ${quote(text)} as ${formatFraction(value)} or ${text}%`;
  return value;
}

/** 85 as 0.85, for the hint of a percentage written without its sign. */
function formatFraction(percent: number): string {
  return String(Number((percent / 100).toPrecision(12)));
}

/** Whether `estimate` meets `slo`: see the module comment. */
export function meets(slo: Slo, estimate: Estimate): boolean {
  const { mean } = estimate;
  if (mean === null) return false;
  const margin = estimate.halfWidth ?? 0;
  switch (slo.operator) {
    case '<':
      return mean + margin < slo.bound;
    case '<=':
      return mean + margin <= slo.bound;
    case '>':
      return mean - margin > slo.bound;
    case '>=':
      return mean - margin >= slo.bound;
    case '==':
      return margin === 0 && mean === slo.bound;
  }
}

/**
 * Whether a point meets each of `slos`, from its figures: each metric's mean
 * and, with several replications (`ci95` given), its 95% CI's half-width. What
 * a sweep decides, and what qsim merge decides again from a shard's figures.
 */
export function judge(
  slos: readonly Slo[],
  metrics: Readonly<Record<string, number | null>>,
  ci95: Readonly<Record<string, number | null>> | undefined,
): boolean[] {
  return slos.map((slo) => meets(slo, { mean: metrics[slo.metric.name] ?? null, halfWidth: ci95 ? (ci95[slo.metric.name] ?? null) : null }));
}
