/**
 * The duration syntax shared by every option and file: a non-negative decimal
 * number with an optional unit, `ms`, `s`, `m` or `h`. A bare number means
 * seconds, as in the original script. Examples: 250ms, 0.5s, 2s, 1m, 1.5h, 3.
 */
import { decimalTextReason } from './number-text.js';
import { quote } from './quote.js';

const DURATION = /^(\d+(?:\.\d*)?|\.\d+)(ms|s|m|h)?$/;
const SECONDS_PER_UNIT: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/** The longest duration accepted: about 31.7 years, far beyond any run, well inside float precision. */
export const MAX_DURATION_SECONDS = 1e9;

export const DURATION_SYNTAX = 'a duration such as 250ms, 0.5s, 2s or 1m (a bare number means seconds)';

const UNIT = '(ms|s|m|h)';
const NUMBER = String.raw`(\d+(?:\.\d*)?|\.\d+)`;
const EXPONENT = new RegExp(`^${NUMBER}e[+-]?\\d+${UNIT}?$`, 'i');
const NEGATIVE = new RegExp(`^-${NUMBER}${UNIT}?$`);
const INFINITE = /^\+?(infinity|inf)$/i;
const SPACED = new RegExp(`^${NUMBER}\\s+${UNIT}$`);
const UNIT_FIRST = new RegExp(`^${UNIT}\\s*${NUMBER}$`);
const UNIT_LAST = new RegExp(`${UNIT}$`);
const PART = new RegExp(`${NUMBER}${UNIT}`, 'g');
const COMPOUND = new RegExp(`^(${NUMBER}${UNIT}){2,}$`);
const OTHER_UNIT = new RegExp(`^${NUMBER}\\s*([^\\d\\s.,]\\S*)$`, 'u');

/**
 * Why `text`, which parseDuration refuses, is not a duration, when that can
 * be said: too long, an exponent, negative, a unit misplaced or unknown, or a
 * number written otherwise than in plain decimal digits.
 */
export function durationReason(text: string): string | undefined {
  const trimmed = text.trim();
  if (DURATION.test(trimmed) || INFINITE.test(trimmed)) return `the longest is ${MAX_DURATION_SECONDS} s`;
  if (EXPONENT.test(trimmed)) return 'written without an exponent, please';
  const negative = NEGATIVE.exec(trimmed);
  if (negative) return Number(negative[1]) > 0 ? 'a duration cannot be negative' : 'written without "-", please';
  if (SPACED.test(trimmed)) return 'written without a space before the unit, please';
  const unitFirst = UNIT_FIRST.exec(trimmed);
  if (unitFirst) return `the unit goes after the number: ${unitFirst[2] ?? ''}${unitFirst[1] ?? ''}`;
  if (COMPOUND.test(trimmed)) return `one unit per duration, please: ${formatDuration(compoundSeconds(trimmed))}`;
  const unit = UNIT_LAST.exec(trimmed)?.[0] ?? '';
  const numberReason = decimalTextReason(trimmed.slice(0, trimmed.length - unit.length));
  if (numberReason !== undefined) return numberReason;
  const other = OTHER_UNIT.exec(trimmed);
  return other ? `unknown unit ${quote(other[2] ?? '')}; known: ms, s, m, h` : undefined;
}

/** The seconds 1m30s (several number-and-unit parts) adds up to. */
function compoundSeconds(text: string): number {
  let seconds = 0;
  for (const [, number, unit] of text.matchAll(PART)) seconds += secondsOf(number ?? '', unit ?? 's');
  return seconds;
}

/** Powers of ten up to 10^22, every one exact as a double. */
const LARGEST_EXACT_POWER_OF_TEN = 22;

/**
 * `decimal` (plain digits, perhaps a point) of `unit` in seconds, rounded once:
 * 700ms is the double nearest 0.7, as 0.7s is (700 × 0.001 would be
 * 0.7000000000000001, so the same duration written two ways would make
 * different runs). The digits times the unit's whole seconds, divided by a
 * power of ten, are each exact when small enough, so only the division
 * rounds; longer numbers fall back to a multiplication.
 */
function secondsOf(decimal: string, unit: string): number {
  const [whole = '', fraction = ''] = decimal.split('.');
  const perUnit = SECONDS_PER_UNIT[unit] ?? 1;
  const scale = fraction.length + (unit === 'ms' ? 3 : 0);
  const scaled = Number(whole + fraction) * (unit === 'ms' ? 1 : perUnit);
  return Number.isSafeInteger(scaled) && scale <= LARGEST_EXACT_POWER_OF_TEN ? scaled / 10 ** scale : Number(decimal) * perUnit;
}

/** Parses `text` into seconds; undefined when it is not a duration or is above MAX_DURATION_SECONDS. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const seconds = secondsOf(match[1] ?? '', match[2] ?? 's');
  return Number.isFinite(seconds) && seconds <= MAX_DURATION_SECONDS ? seconds : undefined;
}

/**
 * Formats seconds as the shortest duration text that parses back to exactly the
 * same number (so a printed scenario runs exactly as the command line did):
 * 250ms, 0.5s... milliseconds below a second when exact, else seconds, which
 * always round-trip in the accepted range (plain() writes the exact digits).
 */
export function formatDuration(seconds: number): string {
  // Outside the accepted range this does not parse back, but still shows the value (never 1e+300 cut to 1e+3).
  const inSeconds = `${plain(seconds)}s`;
  if (seconds > 0 && seconds < 1) {
    // Milliseconds when exact and no longer (250ms, not 0.25s; but 0.0000001s, not 0.00009999999999999999ms).
    const millis = `${plain(seconds * 1000)}ms`;
    if (parseDuration(millis) === seconds && millis.length <= inSeconds.length + 1) return millis;
  }
  return inSeconds;
}

/** String(value)'s shortest round-trip form `d.ddde±x`, which JavaScript uses below 1e-6 and from 1e21. */
const EXPONENT_FORM = /^(\d)(?:\.(\d+))?e([+-]\d+)$/;

/**
 * A number in positional notation with exactly the digits String() gives, so
 * it reads back as the same number (toFixed(20) would drop digits below 1e-6
 * and turn 1e-21 into 0).
 */
function plain(value: number): string {
  const text = String(value);
  const match = EXPONENT_FORM.exec(text);
  if (!match) return text;
  const digits = `${match[1] ?? ''}${match[2] ?? ''}`;
  const point = 1 + Number(match[3]); // where the decimal point goes in `digits`
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  return point >= digits.length ? digits + '0'.repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
}
