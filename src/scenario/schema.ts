/**
 * The scenario file's schema. Every leaf reports problems with one template,
 * `expected <what it accepts>, got <what was given>`, and the loader prefixes
 * the path (`stages[1].workers: …`).
 */
import { z } from 'zod';
import type { FullPolicy } from '../core/queue.js';
import { createDistribution, DISTRIBUTION_SYNTAX, parseDistribution, type Distribution } from '../model/distribution.js';
import { DURATION_SYNTAX, MAX_DURATION_SECONDS, parseDuration } from '../model/duration.js';
import { MAX_CONCURRENCY, MAX_CONSUMERS, MAX_PRODUCERS, MAX_SLOTS } from '../model/limits.js';
import { MAX_NAME_LENGTH, nameProblem, repeatedWorkerName } from '../model/names.js';
import { quote } from '../model/quote.js';
import type { Scenario, SourceSpec, StageSpec } from '../model/scenario.js';

// The command line's limits (src/model/limits.ts), so that a file runs whatever a command line runs, and no more:
// workers as --consumers, producers as --producers, concurrency as --concurrency, slots as their product (pipelineLimits).
export const MAX_WORKERS = MAX_CONSUMERS;
export const MAX_RETRIES = 1000;

const SHOWN_LENGTH = 60;

/** A value as the user wrote it, for messages. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return quote(value);
  const text = jsonText(value, SHOWN_LENGTH);
  return text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH - 3)}...` : text;
}

/**
 * `value` as JSON, except that Infinity and NaN (YAML's .inf, JSON's 1e400)
 * show as themselves where JSON.stringify would write null. Writing stops once
 * the text is longer than `limit`, which also ends a value an alias made cyclic.
 */
function jsonText(value: unknown, limit: number): string {
  let text = '';
  const write = (v: unknown): void => {
    if (text.length > limit) return;
    if (typeof v === 'number' || typeof v === 'bigint') {
      // A bigint is a whole number written beyond 2^53 - 1 (exact-numbers.ts): shown as written.
      text += typeof v === 'number' && Number.isFinite(v) ? JSON.stringify(v) : String(v);
    } else if (Array.isArray(v)) {
      text += '[';
      for (const [i, item] of v.entries()) {
        if (text.length > limit) break;
        text += i > 0 ? ',' : '';
        write(item);
      }
      text += ']';
    } else if (typeof v === 'object' && v !== null) {
      text += '{';
      for (const [i, [key, item]] of Object.entries(v).entries()) {
        if (text.length > limit) break;
        text += `${i > 0 ? ',' : ''}${JSON.stringify(key)}:`;
        write(item);
      }
      text += '}';
    } else {
      text += JSON.stringify(v) ?? String(v);
    }
  };
  write(value);
  return text;
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

/** A whole number from min to max; one written beyond 2^53 - 1 (a bigint, see exact-numbers.ts) is refused with the largest there can be. */
const whole =
  (min: number, max = Number.MAX_SAFE_INTEGER): Parse<number> =>
  (v) => {
    if (typeof v === 'bigint') return v > BigInt(max) ? { reason: `the largest is ${max}` } : undefined;
    return typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max ? { value: v } : undefined;
  };

/** A plain number of seconds: held to the range of text durations, so 1e300 is refused as '1e300s' is. */
const inDurationRange = (seconds: number): boolean => seconds >= 0 && seconds <= MAX_DURATION_SECONDS;

const durationValue: Parse<number> = (v) => {
  if (typeof v === 'number') return inDurationRange(v) ? { value: v } : undefined;
  if (typeof v !== 'string') return undefined;
  const seconds = parseDuration(v);
  return seconds === undefined ? undefined : { value: seconds };
};

const distributionValue: Parse<Distribution> = (v) => {
  if (typeof v === 'number') {
    return inDurationRange(v) ? { value: createDistribution({ kind: 'const', value: v }) } : undefined;
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
    producers: optional(`a whole number from 1 to ${MAX_PRODUCERS}`, whole(1, MAX_PRODUCERS), 1),
    items: optional<number | undefined>('a whole number >= 0', whole(0), undefined),
    duration: optional<number | undefined>(DURATION_SYNTAX, durationValue, undefined),
    interval: leaf(DISTRIBUTION_SYNTAX, distributionValue),
  })
  .strict();

const stage = z
  .object({
    name: leaf(NAME, nameValue),
    workers: leaf(`a whole number from 1 to ${MAX_WORKERS} or a list of unique names`, workersValue),
    concurrency: optional(`a whole number from 1 to ${MAX_CONCURRENCY}`, whole(1, MAX_CONCURRENCY), 1),
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

/** Left out, or written as null, which every optional key reads as left out (see optional()). */
const absent = (v: unknown): boolean => v === undefined || v === null;

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
    if (s && absent(s['items']) && absent(s['duration'])) {
      problems.push({ path: ['sources', i], message: 'expected items, duration or both, got neither' });
    }
  });
  stages.forEach((s, i) => {
    const onFull = s?.['onFull'];
    if (typeof onFull === 'string' && onFull !== 'block' && absent(s?.['capacity'])) {
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

/**
 * The command line's limits on processes, over the whole pipeline: each
 * producer and each slot (a worker's concurrency) is a process with its own
 * state, so memory grows with their total, whichever stage or source holds them.
 * The first source and the first stage at which a total goes over are reported.
 */
export function pipelineLimits(scenario: Scenario): Problem[] {
  const producers = overLimit(scenario.sources.map((s) => s.producers), MAX_PRODUCERS);
  const slots = overLimit(scenario.stages.map((s) => s.workers.length * s.concurrency), MAX_SLOTS);
  const problems: Problem[] = [];
  if (producers) {
    const { index, total, before } = producers;
    const here = scenario.sources[index]?.producers ?? 0;
    problems.push({
      path: ['sources', index, 'producers'],
      message: `expected at most ${MAX_PRODUCERS} producers in all sources together, got ${total} (${here} here${before > 0 ? ` + ${before} in the sources before` : ''})`,
    });
  }
  if (slots) {
    const { index, total, before } = slots;
    const stage = scenario.stages[index];
    const workers = stage?.workers.length ?? 0;
    const here = `${workers} worker${workers === 1 ? '' : 's'} x ${stage?.concurrency ?? 1} here`;
    problems.push({
      path: ['stages', index],
      message: `expected at most ${MAX_SLOTS} slots (workers x concurrency) in all stages together, got ${total} (${here}${before > 0 ? ` + ${before} in the stages before` : ''})`,
    });
  }
  const repeated = repeatedWorkerName(scenario);
  if (repeated !== undefined) {
    const { name, by } = repeated;
    problems.push({
      path: 'source' in by ? ['sources', by.source, 'name'] : ['stages', by.stage, 'workers'],
      message: `expected names that give every producer and worker its own (the log and the trace name them), got ${quote(name)} for two of them`,
    });
  }
  return problems;
}

/** Where the running total of `counts` first goes above `limit`. */
function overLimit(counts: readonly number[], limit: number): { index: number; total: number; before: number } | undefined {
  let total = 0;
  for (const [index, count] of counts.entries()) {
    const before = total;
    total += count;
    if (total > limit) return { index, total, before };
  }
  return undefined;
}
