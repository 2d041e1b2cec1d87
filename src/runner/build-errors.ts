/**
 * What a model function throws while it builds the model, told apart once for
 * `qsim run --model`, its replications and `qsim sweep --model`:
 *
 * - a **refusal**: an `Error`, a `RangeError` (JavaScript's error for a value
 *   out of range: `throw new RangeError('batch must be >= 1')`), or an error
 *   class of the model's own. The model says the options it got (a --set
 *   value, a run option) are not for it, so they are bad input: a
 *   ModelRefusedError, one line, exit 2.
 * - a **failure**: anything else — JavaScript's other errors (a TypeError such
 *   as "Class constructor Model cannot be invoked without 'new'", a
 *   ReferenceError, …) and its stack overflow (a RangeError, but never a word
 *   on the options), qsim's errors (a primitive misused, a build that does not
 *   finish), a thrown value that is not an Error. That is a bug in the model:
 *   a ModelBuildError, one line, exit 1.
 *
 * Only the model function can refuse: what a process throws during the run is
 * a failure of the run (ProcessFailedError), whatever it is.
 */
import { describeThrown, QsimError } from '../core/errors.js';
import { quote } from '../model/quote.js';

/** The model function threw (or rejected) while building the model: a bug in it. */
export class ModelBuildError extends QsimError {
  readonly exitCode: number = 1;
  readonly code: string = 'model-failed';
}

/** The model function refused the options it got (see above): bad input. */
export class ModelRefusedError extends ModelBuildError {
  override readonly exitCode: number = 2;
  override readonly code: string = 'model-refused';
}

/** JavaScript's own errors: thrown by the language at a bug (or by a library), never a model's word on its options. RangeError is both. */
const LANGUAGE_ERRORS: readonly (new (...args: never[]) => Error)[] = [TypeError, ReferenceError, SyntaxError, EvalError, URIError, AggregateError];

/** V8's message for a call stack that overflowed (endless recursion): a RangeError that is always a bug. */
const STACK_OVERFLOW = 'Maximum call stack size exceeded';

/** A deliberate refusal of the options (see above). */
export function isRefusal(error: unknown): error is Error {
  if (!(error instanceof Error) || error instanceof QsimError) return false;
  if (error instanceof RangeError) return error.message !== STACK_OVERFLOW;
  return !LANGUAGE_ERRORS.some((kind) => error instanceof kind);
}

/** The first line of a message that is not blank. */
export function firstLine(message: string): string {
  return message.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown error';
}

/** A failure's gist on one line, with its kind when it is not a plain Error ("TypeError: …"). */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return `it threw ${typeof error === 'string' ? quote(error) : describeThrown(error)}, not an Error`;
  const message = firstLine(error.message);
  return error instanceof QsimError || error.name === 'Error' ? message : `${error.name}: ${message}`;
}

/**
 * What the model function threw, as the error to report: a ModelRefusedError
 * or a ModelBuildError, its message `where` (if any) followed by what happened.
 */
export function buildErrorFor(error: unknown, where = ''): ModelBuildError {
  const prefix = where === '' ? '' : `${where}: `;
  return isRefusal(error)
    ? new ModelRefusedError(`${prefix}the model refused these options: ${firstLine(error.message)}`, { cause: error })
    : new ModelBuildError(`${prefix}the model function failed: ${describeFailure(error)}`, { cause: error });
}
