/**
 * The scenario file's schema. Every leaf reports problems with one template,
 * `expected <what it accepts>, got <what was given>`, and the loader prefixes
 * the path (`stages[1].workers: …`).
 */
import { z } from 'zod';
import type { FullPolicy } from '../core/queue.js';
import { createDistribution, DISTRIBUTION_SYNTAX, parseDistribution, type Distribution } from '../model/distribution.js';
import { DURATION_SYNTAX, parseDuration } from '../model/duration.js';
import { MAX_NAME_LENGTH, nameProblem } from '../model/names.js';
import { quote } from '../model/quote.js';
import type { Scenario, SourceSpec, StageSpec } from '../model/scenario.js';

export const MAX_WORKERS = 10000;
export const MAX_RETRIES = 1000;

/** A value as the user wrote it, for messages. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return quote(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

type Parse<T> = (value: unknown) => { value: T } | { reason?: string } | undefined;

/** A leaf: `parse` returns the typed value, or nothing (optionally with a reason) when invalid. */
function leaf<T>(expected: string, parse: Parse<T>) {
  // .optional(): zod 4 skips a missing key of a non-optional schema with a generic message; this way the leaf reports it.
  return z.unknown().optional().transform((input, ctx): T => {
    const result = parse(input);
    if (result && 'value' in result) return result.value;
    const reason = result && 'reason' in result && result.reason ? ` (${result.reason})` : '';
    ctx.addIssue({ code: 'custom', message: `expected ${expected}, got ${show(input)}${reason}` });
    return z.NEVER;
  });
}

/** A leaf that may be left out; `fallback` is used then. */
function optional<T>(expected: string, parse: Parse<T>, fallback: T) {
  return leaf<T>(expected, (input) => (input === undefined || input === null ? { value: fallback } : parse(input)));
}

const whole =
  (min: number, max = Number.MAX_SAFE_INTEGER): Parse<number> =>
  (v) =>
    typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max ? { value: v } : undefined;

const durationValue: Parse<number> = (v) => {
  if (typeof v === 'number') return v >= 0 && Number.isFinite(v) ? { value: v } : undefined;
  if (typeof v !== 'string') return undefined;
  const seconds = parseDuration(v);
  return seconds === undefined ? undefined : { value: seconds };
};

const distributionValue: Parse<Distribution> = (v) => {
  if (typeof v === 'number') {
    return v >= 0 && Number.isFinite(v) ? { value: createDistribution({ kind: 'const', value: v }) } : undefined;
  }
  if (typeof v !== 'string') return undefined;
  const parsed = parseDistribution(v);
  return parsed.ok ? { value: parsed.distribution } : { ...(parsed.reason ? { reason: parsed.reason } : {}) };
};

const nameValue: Parse<string> = (v) => {
  if (typeof v !== 'string') return undefined;
  const problem = nameProblem(v);
  return problem ? { reason: problem } : { value: v };
};

const workersValue: Parse<string[]> = (v) => {
  if (typeof v === 'number') {
    const count = whole(1, MAX_WORKERS)(v);
    return count && 'value' in count ? { value: Array.from({ length: count.value }, (_, i) => `worker-${i + 1}`) } : undefined;
  }
  if (!Array.isArray(v) || v.length === 0 || v.length > MAX_WORKERS) return undefined;
  const seen = new Set<string>();
  for (const name of v) {
    const checked = nameValue(name);
    if (!checked || !('value' in checked)) return checked;
    if (seen.has(checked.value)) return { reason: `${quote(checked.value)} appears twice` };
    seen.add(checked.value);
  }
  return { value: v as string[] };
};

const probability: Parse<number> = (v) => (typeof v === 'number' && v >= 0 && v <= 1 ? { value: v } : undefined);

const POLICIES: readonly FullPolicy[] = ['block', 'drop-newest', 'drop-oldest'];
const policyValue: Parse<FullPolicy> = (v) =>
  typeof v === 'string' && (POLICIES as readonly string[]).includes(v) ? { value: v as FullPolicy } : undefined;

const NAME = `a name of up to ${MAX_NAME_LENGTH} printable characters`;
const ZERO = createDistribution({ kind: 'const', value: 0 });

const source = z
  .object({
    name: leaf(NAME, nameValue),
    producers: optional(`a whole number from 1 to ${MAX_WORKERS}`, whole(1, MAX_WORKERS), 1),
    items: optional<number | undefined>('a whole number >= 0', whole(0), undefined),
    duration: optional<number | undefined>(DURATION_SYNTAX, durationValue, undefined),
    interval: leaf(DISTRIBUTION_SYNTAX, distributionValue),
  })
  .strict();

const stage = z
  .object({
    name: leaf(NAME, nameValue),
    workers: leaf(`a whole number from 1 to ${MAX_WORKERS} or a list of unique names`, workersValue),
    concurrency: optional('a whole number from 1 to 1000', whole(1, 1000), 1),
    delay: leaf(DISTRIBUTION_SYNTAX, distributionValue),
    capacity: optional('a whole number >= 1 (omit it for an unbounded queue)', whole(1), Infinity),
    onFull: optional(POLICIES.join(' | '), policyValue, 'block'),
    failure: optional('a probability from 0 to 1', probability, 0),
    retries: optional(`a whole number from 0 to ${MAX_RETRIES}`, whole(0, MAX_RETRIES), 0),
    backoff: optional(DISTRIBUTION_SYNTAX, distributionValue, ZERO),
  })
  .strict();

const list = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item, { error: (issue) => `expected a list of ${what}, got ${show(issue.input)}` }).min(1, {
    error: `expected at least one ${what.replace(/s$/, '')}`,
  });

export const scenarioSchema = z
  .object(
    {
      seed: optional<number | undefined>('a whole number >= 0', whole(0), undefined),
      sources: list(source, 'sources'),
      stages: list(stage, 'stages'),
    },
    { error: (issue) => `expected a mapping with sources and stages, got ${show(issue.input)}` },
  )
  .strict()
  .transform(
    (s): Scenario => ({
      seed: s.seed,
      // Only items or only duration: the other is unbounded (the cross-checks reject neither).
      sources: s.sources.map((source): SourceSpec => ({
        ...source,
        items: source.items ?? Infinity,
        duration: source.duration ?? Infinity,
      })),
      stages: s.stages as StageSpec[],
    }),
  );

/** `stages[1].workers`, as users read paths. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : `${text ? '.' : ''}${String(key)}`;
  return text;
}

export interface Problem {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

const record = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const records = (v: unknown): (Record<string, unknown> | undefined)[] => (Array.isArray(v) ? v.map(record) : []);

/**
 * Rules that span several keys. They read the raw document defensively, so
 * they are reported together with every problem of the fields themselves.
 */
export function crossChecks(raw: unknown): Problem[] {
  const problems: Problem[] = [];
  const top = record(raw);
  if (!top) return problems;
  const sources = records(top['sources']);
  const stages = records(top['stages']);
  sources.forEach((s, i) => {
    if (s && s['items'] === undefined && s['duration'] === undefined) {
      problems.push({ path: ['sources', i], message: 'expected items, duration or both, got neither' });
    }
  });
  stages.forEach((s, i) => {
    const onFull = s?.['onFull'];
    if (typeof onFull === 'string' && onFull !== 'block' && s?.['capacity'] === undefined) {
      problems.push({
        path: ['stages', i, 'onFull'],
        message: `expected block when the stage has no capacity (an unbounded queue is never full), got ${show(onFull)}`,
      });
    }
  });
  const seen = new Map<string, string>();
  const named = [
    ...sources.map((s, i) => ({ name: s?.['name'], path: ['sources', i, 'name'] })),
    ...stages.map((s, i) => ({ name: s?.['name'], path: ['stages', i, 'name'] })),
  ];
  for (const { name, path } of named) {
    if (typeof name !== 'string') continue;
    const first = seen.get(name);
    if (first) problems.push({ path, message: `expected a name used once, got ${quote(name)} (also at ${first})` });
    else seen.set(name, formatPath(path));
  }
  return problems;
}
