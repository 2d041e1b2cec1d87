/**
 * The duration syntax shared by every option and file: a non-negative decimal
 * number with an optional unit, `ms`, `s`, `m` or `h`. A bare number means
 * seconds, as in the original script. Examples: 250ms, 0.5s, 2s, 1m, 1.5h, 3.
 */
const DURATION = /^(\d+(?:\.\d*)?|\.\d+)(ms|s|m|h)?$/;
const SECONDS_PER_UNIT: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/** The longest duration accepted: about 31.7 years, far beyond any run, well inside float precision. */
export const MAX_DURATION_SECONDS = 1e9;

export const DURATION_SYNTAX = 'a duration such as 250ms, 0.5s, 2s or 1m (a bare number means seconds)';

/** Parses `text` into seconds; undefined when it is not a duration or is above MAX_DURATION_SECONDS. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * (SECONDS_PER_UNIT[match[2] ?? 's'] ?? 1);
  return Number.isFinite(seconds) && seconds <= MAX_DURATION_SECONDS ? seconds : undefined;
}

/**
 * Formats seconds as the shortest duration text that parses back to exactly the
 * same number (so a printed scenario runs exactly as the command line did):
 * 250ms, 0.5s... milliseconds below a second when exact, else seconds.
 */
export function formatDuration(seconds: number): string {
  const candidates: string[] = [];
  if (seconds > 0 && seconds < 1) candidates.push(`${plain(seconds * 1000)}ms`);
  candidates.push(`${plain(seconds)}s`);
  for (const text of candidates) if (parseDuration(text) === seconds) return text;
  // Digits enough to round-trip any double in the accepted range.
  return `${seconds.toFixed(20).replace(/\.?0+$/, '')}s`;
}

/** A number in positional notation (String() switches to exponents below 1e-6). */
function plain(value: number): string {
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(20).replace(/\.?0+$/, '') : text;
}
