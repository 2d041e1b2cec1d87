/**
 * Parsers for option values. Each returns the typed value or throws a
 * UsageError built from the one template (option, what it accepts, what was given).
 */
import type { FullPolicy } from '../core/queue.js';
import { FULL_POLICIES } from '../core/queue.js';
import { DISTRIBUTION_SYNTAX, parseDistribution, type Distribution } from '../model/distribution.js';
import { DURATION_SYNTAX, durationReason, parseDuration } from '../model/duration.js';
import { MAX_CONSUMERS } from '../model/limits.js';
import { MAX_NAME_LENGTH, nameProblem, notAWholeCount } from '../model/names.js';
import { countTextReason, decimalTextReason } from '../model/number-text.js';
import { invalidValue, quote } from './usage-error.js';

const WHOLE = /^\d+$/;
const INFINITE = /^\+?(infinity|inf)$/i;
// A count written with a duration's unit (5s).
const WITH_UNIT = /^\d+(ms|s|m|h)$/;

/**
 * A whole number from `min` to `max`, written in digits. Surrounding
 * whitespace is ignored, as by every option: ' 4' is 4.
 */
export function wholeNumber(option: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const trimmed = text.trim();
  const digits = WHOLE.test(trimmed);
  const value = digits ? Number(trimmed) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const unbounded = max === Number.MAX_SAFE_INTEGER;
    const range = unbounded ? `>= ${min}` : `from ${min} to ${max}`;
    // Say why when the value looks whole but is not accepted: written otherwise than in digits, or too big to count exactly.
    const tooBig = unbounded && ((digits && !Number.isSafeInteger(value)) || INFINITE.test(trimmed));
    const reason = tooBig ? `the largest is ${max}` : digits ? undefined : WITH_UNIT.test(trimmed) ? 'written without a unit, please' : countTextReason(trimmed);
    throw invalidValue(option, `a whole number ${range}`, text, reason);
  }
  return value;
}

export const SCENARIO_FILE = 'a YAML or JSON scenario file';

/** A file name: any text but an empty one (or only spaces), which names no file. */
export function fileName(option: string, text: string, expected: string): string {
  if (text.trim() === '') throw invalidValue(option, expected, text, 'it is empty');
  return text;
}

export function duration(option: string, text: string): number {
  const seconds = parseDuration(text);
  if (seconds === undefined) throw invalidValue(option, DURATION_SYNTAX, text, durationReason(text));
  return seconds;
}

/** A duration (const) or name(parameters): exp(1s), uniform(0.2s,3s), erlang(3,1s), … */
export function distribution(option: string, text: string): Distribution {
  const parsed = parseDistribution(text);
  if (!parsed.ok) throw invalidValue(option, DISTRIBUTION_SYNTAX, text, parsed.reason);
  return parsed.distribution;
}

export function fullPolicy(option: string, text: string): FullPolicy {
  const policy = FULL_POLICIES.find((p) => p === text.trim().toLowerCase());
  if (policy === undefined) throw invalidValue(option, `one of ${FULL_POLICIES.join(', ')}`, text);
  return policy;
}

const DECIMAL = /^(\d+(?:\.\d*)?|\.\d+)x?$/;
const NEGATIVE = /^-(\d+(\.\d*)?|\.\d+)x?$/;
export const MAX_SPEED = 1e6;

export function speedFactor(option: string, text: string): number {
  const trimmed = text.trim();
  const match = DECIMAL.exec(trimmed);
  const value = match ? Number(match[1]) : NaN;
  if (!(value > 0) || value > MAX_SPEED) {
    throw invalidValue(option, `a speed factor above 0 and up to ${MAX_SPEED} (1 = real time, 10 = ten times faster)`, text, speedReason(trimmed, value));
  }
  return value;
}

/** Why the speed `text` (trimmed), read as `value` (NaN when it is not plain decimal), is refused. */
function speedReason(text: string, value: number): string | undefined {
  if (value === 0) return 'at 0 virtual time would stand still';
  if (value > MAX_SPEED || INFINITE.test(text.replace(/x$/, ''))) return `the largest is ${MAX_SPEED}`;
  if (NEGATIVE.test(text)) return 'virtual time cannot run backwards';
  return decimalTextReason(text.replace(/x$/, ''));
}

export { MAX_CONSUMERS };

/**
 * "Fred,George" (names) or "4" (a count: consumer-1..consumer-4). Text that
 * reads as a number but not as a count in digits (2.5, 2.0, -3, 1e1, 0x10,
 * 1_000) is a mistaken count, refused rather than taken for one consumer's name.
 */
export function consumerList(option: string, text: string): string[] | number {
  const trimmed = text.trim();
  const expected = `a count from 1 to ${MAX_CONSUMERS} or comma-separated unique names of up to ${MAX_NAME_LENGTH} printable characters`;
  if (WHOLE.test(trimmed)) {
    const count = Number(trimmed);
    if (count < 1 || count > MAX_CONSUMERS) throw invalidValue(option, expected, text);
    return count;
  }
  // A comma makes a list of names (1,000 is consumers "1" and "000"), never a count with separators.
  const reason = trimmed.includes(',') ? undefined : countTextReason(trimmed);
  if (reason !== undefined || notAWholeCount(trimmed)) throw invalidValue(option, expected, text, reason ?? 'a number, but not a whole count');
  const names = trimmed.split(',').map((name) => name.trim());
  if (names.length > MAX_CONSUMERS) throw invalidValue(option, expected, text);
  const seen = new Set<string>();
  for (const name of names) {
    const problem = nameProblem(name);
    if (problem !== undefined) throw invalidValue(option, expected, text, problem);
    if (seen.has(name)) throw invalidValue(option, expected, text, `${quote(name)} appears twice`);
    seen.add(name);
  }
  return names;
}
