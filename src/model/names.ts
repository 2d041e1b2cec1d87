/** Names of workers, sources and stages: shown in log lines, so printable and short. */
export const MAX_NAME_LENGTH = 64;

// Control, format (bidi controls, zero-width), unassigned, private-use and surrogate code points, and
// line or paragraph separators: they would corrupt the terminal or break the log's lines.
const UNPRINTABLE = /[\p{C}\p{Zl}\p{Zp}]/u;

/** Why `name` cannot be used, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'a name is empty';
  if (UNPRINTABLE.test(name)) return 'a name has a non-printable character';
  if ([...name].length > MAX_NAME_LENGTH) return 'a name is too long';
  if (name !== name.trim()) return 'a name has spaces around it';
  return undefined;
}

// A decimal number as people write one: 2, 2.0, -3, +4, .5, 1e1.
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
const WHOLE = /^\d+$/;

/**
 * Text that reads as a number but is not written as a whole count (2.5, 2.0,
 * -3, 1e1): where a count or names are accepted (--consumers), such text is a
 * mistaken count, never meant as a name.
 */
export function notAWholeCount(text: string): boolean {
  const trimmed = text.trim();
  return NUMBER.test(trimmed) && !WHOLE.test(trimmed);
}
