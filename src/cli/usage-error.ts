import { QsimError } from '../core/errors.js';

/** Bad input on the command line: one line on stderr, exit code 2. */
export class UsageError extends QsimError {
  readonly exitCode = 2;
  readonly code = 'usage';
}

/** Quotes user text for a one-line message, escaping every non-printable code point. */
export function quote(text: string): string {
  const escaped = text.replace(/[\p{C}\p{Zl}\p{Zp}"\\]/gu, (ch) => {
    if (ch === '"' || ch === '\\') return `\\${ch}`;
    const code = ch.codePointAt(0) ?? 0;
    return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\u{${code.toString(16)}}`;
  });
  return `"${escaped}"`;
}

/**
 * The one template for invalid values: the option, what it accepts, what was given, and why when it helps.
 *   --items expects a whole number >= 0, got "abc"
 *   --consumers expects a count from 1 to 10000 or comma-separated unique names, got "Fred,Fred" ("Fred" appears twice)
 */
export function invalidValue(option: string, expected: string, given: string, reason?: string): UsageError {
  return new UsageError(`${option} expects ${expected}, got ${quote(given)}${reason ? ` (${reason})` : ''}`);
}
