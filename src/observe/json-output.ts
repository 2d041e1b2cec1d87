/**
 * JSON text for the summary and NDJSON lines.
 *
 * Rounding policy: every number that is not a whole number is rounded to 9
 * decimal places (1 ns for times) and printed in JavaScript's shortest form,
 * so 0.1 + 0.2 prints 0.3, not 0.30000000000000004. Whole numbers print as
 * they are. Non-finite numbers print as null. The values come from virtual
 * time only, so the same options and seed give the same bytes at any pacing.
 */
import type { ModelSummary } from './model-summary.js';
import type { RunSummary } from './summary.js';

const SCALE = 1e9;

/** Rounds to 9 decimal places; whole numbers are returned unchanged. */
export function roundForOutput(value: number): number {
  if (Number.isInteger(value)) return value;
  const rounded = Math.round(value * SCALE) / SCALE;
  return Object.is(rounded, -0) ? 0 : rounded;
}

/** A number as JSON text under the rounding policy. */
export function jsonNumber(value: number): string {
  return Number.isFinite(value) ? String(roundForOutput(value)) : 'null';
}

function replacer(_key: string, value: unknown): unknown {
  if (typeof value !== 'number') return value;
  return Number.isFinite(value) ? roundForOutput(value) : null;
}

/** The `--format json` output (of a pipeline or a model run): the summary, indented by two spaces, and a newline. */
export function renderJsonSummary(summary: RunSummary | ModelSummary): string {
  return `${JSON.stringify(summary, replacer, 2)}\n`;
}

/** The NDJSON summary line: `{"type":"summary",…the summary's fields}` and a newline. */
export function renderNdjsonSummary(summary: RunSummary | ModelSummary): string {
  return `${JSON.stringify({ type: 'summary', ...summary }, replacer)}\n`;
}

/** One replication's summary as an NDJSON line (`--replications` with ndjson): `{"type":"replication",…}`. */
export function renderNdjsonReplication(summary: RunSummary | ModelSummary): string {
  return `${JSON.stringify({ type: 'replication', ...summary }, replacer)}\n`;
}
