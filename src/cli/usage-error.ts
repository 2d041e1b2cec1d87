import { QsimError } from '../core/errors.js';
import { quote } from '../model/quote.js';

// Message parsers in src/model quote user text the same way.
export { quote };

/** Bad input on the command line: one line on stderr, exit code 2. */
export class UsageError extends QsimError {
  readonly exitCode = 2;
  readonly code = 'usage';
}

/**
 * The one template for invalid values: the option, what it accepts, what was given, and why when it helps.
 *   --items expects a whole number >= 0, got "abc"
 *   --consumers expects a count from 1 to 10000 or comma-separated unique names, got "Fred,Fred" ("Fred" appears twice)
 */
export function invalidValue(option: string, expected: string, given: string, reason?: string): UsageError {
  return new UsageError(`${option} expects ${expected}, got ${quote(given)}${reason ? ` (${reason})` : ''}`);
}
