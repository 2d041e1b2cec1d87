/**
 * Parsers for option values. Each returns the typed value or throws a
 * UsageError built from the one template (option, what it accepts, what was given).
 */
import type { FullPolicy } from '../core/queue.js';
import { FULL_POLICIES } from '../core/queue.js';
import { DISTRIBUTION_SYNTAX, parseDistribution, type Distribution } from '../model/distribution.js';
import { DURATION_SYNTAX, durationReason, parseDuration } from '../model/duration.js';
import { MAX_CONSUMERS } from '../model/limits.js';
import { MAX_NAME_LENGTH, nameProblem } from '../model/names.js';
import { invalidValue, quote } from './usage-error.js';

const WHOLE = /^\d+$/;

export function wholeNumber(option: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const digits = WHOLE.test(text.trim());
  const value = digits ? Number(text.trim()) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    // Say why when the value looks whole but is not accepted: written otherwise than in digits, or too big to count exactly.
    const reason = !digits && /^\s*\d+(\.0*)?e\+?\d+\s*$/i.test(text)
      ? 'written in digits, please'
      : digits && !Number.isSafeInteger(value) && max === Number.MAX_SAFE_INTEGER ? `the largest is ${max}` : undefined;
    throw invalidValue(option, `a whole number ${range}`, text, reason);
  }
  return value;
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
  const policy = FULL_POLICIES.find((p) => p === text.trim());
  if (policy === undefined) throw invalidValue(option, `one of ${FULL_POLICIES.join(', ')}`, text);
  return policy;
}

const DECIMAL = /^(\d+(?:\.\d*)?|\.\d+)x?$/;
export const MAX_SPEED = 1e6;

export function speedFactor(option: string, text: string): number {
  const match = DECIMAL.exec(text.trim());
  const value = match ? Number(match[1]) : NaN;
  if (!(value > 0) || value > MAX_SPEED) {
    throw invalidValue(option, `a speed factor above 0 and up to ${MAX_SPEED} (1 = real time, 10 = ten times faster)`, text);
  }
  return value;
}

export { MAX_CONSUMERS };

/** "Fred,George" (names) or "4" (a count: consumer-1..consumer-4). */
export function consumerList(option: string, text: string): string[] | number {
  const trimmed = text.trim();
  const expected = `a count from 1 to ${MAX_CONSUMERS} or comma-separated unique names of up to ${MAX_NAME_LENGTH} printable characters`;
  if (WHOLE.test(trimmed)) {
    const count = Number(trimmed);
    if (count < 1 || count > MAX_CONSUMERS) throw invalidValue(option, expected, text);
    return count;
  }
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
