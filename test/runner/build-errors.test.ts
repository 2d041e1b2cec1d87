import { InvalidArgumentError } from '../../src/core/errors.js';
import { buildErrorFor, isRefusal } from '../../src/runner/build-errors.js';

class OptionRefused extends Error {}
class OwnTypeError extends TypeError {}

function overflow(): number {
  const recurse = (n: number): number => recurse(n + 1) + 1;
  return recurse(0);
}

function thrownBy(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
}

describe('what a model function throws: a refusal of its options (exit 2) or a bug (exit 1)', () => {
  test.each([
    ['an Error', new Error('--set batch expects a whole number >= 1, got 0')],
    ['a RangeError', new RangeError('batch must be >= 1, got 0')],
    ['an error class of its own', new OptionRefused('takes at most 3 items')],
  ])('%s is a refusal', (_what, error) => {
    expect(isRefusal(error)).toBe(true);
    expect(buildErrorFor(error)).toMatchObject({ exitCode: 2, message: `the model refused these options: ${error.message}` });
  });

  test.each([
    ['a TypeError', new TypeError('x is not a function'), 'TypeError: x is not a function'],
    ['a ReferenceError', new ReferenceError('y is not defined'), 'ReferenceError: y is not defined'],
    ['a subclass of TypeError', new OwnTypeError('bad'), 'TypeError: bad'],
    ['qsim\'s own error (a primitive misused)', new InvalidArgumentError('capacity must be a whole number >= 1, got 0'), 'capacity must be a whole number >= 1, got 0'],
    ['a string', 'bad', 'it threw "bad", not an Error'],
  ])('%s is a failure', (_what, error, described) => {
    expect(isRefusal(error)).toBe(false);
    expect(buildErrorFor(error)).toMatchObject({ exitCode: 1, message: `the model function failed: ${described}` });
  });

  test('a stack overflow is a RangeError, and a failure', () => {
    const error = thrownBy(overflow);
    expect(error).toBeInstanceOf(RangeError);
    expect(isRefusal(error)).toBe(false);
    expect(buildErrorFor(error).exitCode).toBe(1);
  });

  test('the message is its first line, after where it happened', () => {
    expect(buildErrorFor(new Error('\nbatch is 0\nsee the docs'), '--model "m.mjs" at set.batch=0').message).toBe(
      '--model "m.mjs" at set.batch=0: the model refused these options: batch is 0',
    );
  });
});
