/**
 * The VALUES of `--vary NAME=VALUES`: the texts substituted for one option or
 * scenario field, one per point along that axis of the grid.
 *
 *   1..8               the whole numbers 1 to 8 (8..1 counts down)
 *   0.5s..2s/4         4 evenly spaced values from 0.5 s to 2 s, ends included
 *   0.5..0.9/5         the same with plain numbers
 *   exp(200ms)|exp(1s) a list separated by |; each part may itself be a range
 *
 * The texts are checked only for this syntax here; whether a value suits the
 * option it is given to is checked when the grid's points are built.
 */
import { formatDuration, parseDuration } from '../model/duration.js';
import { countTextReason } from '../model/number-text.js';
import { quote } from '../model/quote.js';

/** The most values one --vary may give, and the most points a sweep may have. */
export const MAX_VALUES = 10000;

export const VALUES_SYNTAX =
  'a whole-number range (1..8), a stepped range (0.5s..2s/4: 4 evenly spaced values) or a list separated by | (exp(200ms)|exp(300ms))';

export type ValuesParse =
  | {
      readonly ok: true;
      readonly values: readonly string[];
      /** The values a range (1..8, 0.5s..2s/4) gave, as opposed to those written out: a range gives numbers or durations. */
      readonly fromRange: ReadonlySet<string>;
    }
  | { readonly ok: false; readonly reason: string };

type RangeParse = { readonly ok: true; readonly values: readonly string[] } | { readonly ok: false; readonly reason: string };

const WHOLE = /^\d+$/;
const NUMBER = /^(\d+(?:\.\d*)?|\.\d+)$/;
const RANGE = /^(.*?)\.\.(.*?)(?:\/(.*))?$/;
/** Stepped values keep 12 significant digits, so 0.1..0.3/3 gives 0.2, not 0.20000000000000004. */
const DIGITS = 12;

function fail(reason: string): { readonly ok: false; readonly reason: string } {
  return { ok: false, reason };
}

/** Reads VALUES: see the module comment. */
export function parseValues(text: string): ValuesParse {
  const parts = text.split('|').map((part) => part.trim());
  const values: string[] = [];
  const fromRange = new Set<string>();
  for (const part of parts) {
    if (part === '') return fail(parts.length > 1 ? 'a value between | is empty' : 'no values after =');
    const range = RANGE.exec(part);
    const expanded = range ? parseRange(part, range[1] ?? '', range[2] ?? '', range[3]) : { ok: true as const, values: [part] };
    if (!expanded.ok) return expanded;
    values.push(...expanded.values);
    if (range) expanded.values.forEach((value) => fromRange.add(value));
    if (values.length > MAX_VALUES) return fail(`more than ${MAX_VALUES} values`);
  }
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) return fail(`${quote(value)} appears twice`);
    seen.add(value);
  }
  return { ok: true, values, fromRange };
}

function parseRange(text: string, fromText: string, toText: string, countText: string | undefined): RangeParse {
  const from = fromText.trim();
  const to = toText.trim();
  if (from === '' || to === '') return fail(`the range ${quote(text)} needs a value on each side of ..`);
  if (countText === undefined) {
    if (!WHOLE.test(from) || !WHOLE.test(to)) {
      return fail(`the range ${quote(text)} needs whole numbers at both ends, or /N for N evenly spaced values (0.5s..2s/4)`);
    }
    const a = Number(from);
    const b = Number(to);
    const count = Math.abs(b - a) + 1;
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || count > MAX_VALUES) return fail(`more than ${MAX_VALUES} values`);
    const step = b >= a ? 1 : -1;
    return { ok: true, values: Array.from({ length: count }, (_, i) => String(a + i * step)) };
  }
  const count = WHOLE.test(countText.trim()) ? Number(countText.trim()) : NaN;
  const howWritten = countTextReason(countText.trim());
  if (howWritten !== undefined) return fail(`the count after / in ${quote(text)}: ${howWritten}`);
  if (!(count >= 2 && count <= MAX_VALUES)) return fail(`the count after / in ${quote(text)} must be a whole number from 2 to ${MAX_VALUES}`);
  const plain = NUMBER.test(from) && NUMBER.test(to);
  const a = plain ? Number(from) : parseDuration(from);
  const b = plain ? Number(to) : parseDuration(to);
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) {
    return fail(`the ends of ${quote(text)} must both be numbers (0.5..2/4) or durations (0.5s..2s/4)`);
  }
  const values = Array.from({ length: count }, (_, i) => {
    const value = i === count - 1 ? b : Number((a + ((b - a) * i) / (count - 1)).toPrecision(DIGITS));
    return plain ? String(value) : formatDuration(value);
  });
  return { ok: true, values };
}
