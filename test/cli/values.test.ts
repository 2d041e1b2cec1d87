import { consumerList, distribution, duration, fileName, fullPolicy, speedFactor, wholeNumber } from '../../src/cli/values.js';
import { UsageError } from '../../src/cli/usage-error.js';

/** The message of the UsageError `parse` throws. */
function refusal(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('accepted');
}

/** The reason in parentheses that ends a refusal's message, if any. */
function reasonOf(parse: () => unknown): string | undefined {
  return /\(([^()]*(?:\([^()]*\)[^()]*)*)\)$/.exec(refusal(parse))?.[1];
}

describe('surrounding whitespace is ignored by every option alike', () => {
  test.each<[string, () => unknown, unknown]>([
    ['a whole number', () => wholeNumber('--jobs', ' 4\t', 1, 256), 4],
    ['a duration', () => duration('--duration', ' 2s '), 2],
    ['a distribution', () => distribution('--interval', ' exp(1s) ').mean, 1],
    ['a speed', () => speedFactor('--speed', ' 10x '), 10],
    ['a policy', () => fullPolicy('--on-full', ' block '), 'block'],
    ['a consumer count', () => consumerList('--consumers', ' 4 '), 4],
  ])('%s', (_kind, parse, value) => {
    expect(parse()).toEqual(value);
  });
});

describe('wholeNumber says why a count is refused', () => {
  test.each([
    ['1e3', 'written in digits, please'],
    ['0x10', 'written in decimal digits, please'],
    ['1_000', 'written without separators between the digits, please'],
    ['1,000', 'written without separators between the digits, please'],
    ['\uff11\uff12', 'written with the digits 0-9, please'],
    ['+4', 'written without "+", please'],
    ['Infinity', 'the largest is 9007199254740991'],
    ['5s', 'written without a unit, please'],
    ['99999999999999999999', 'the largest is 9007199254740991'],
  ])('%j: %s', (text, reason) => {
    expect(refusal(() => wholeNumber('--items', text, 0))).toBe(`--items expects a whole number >= 0, got "${text}" (${reason})`);
  });

  test('a bounded count says its range, not the largest safe integer', () => {
    expect(refusal(() => wholeNumber('--jobs', '99999999999999999999', 1, 256))).toBe('--jobs expects a whole number from 1 to 256, got "99999999999999999999"');
  });
});

describe('speedFactor says why a speed is refused', () => {
  const expected = '--speed expects a speed factor above 0 and up to 1000000 (1 = real time, 10 = ten times faster)';
  test.each([
    ['1e3', 'written without an exponent, please'],
    ['0', 'at 0 virtual time would stand still'],
    ['0.0x', 'at 0 virtual time would stand still'],
    ['-2', 'virtual time cannot run backwards'],
    ['1000001', 'the largest is 1000000'],
    ['Infinity', 'the largest is 1000000'],
    ['0x10', 'written in decimal digits, please'],
    ['2,5', 'written with "." for the decimal point, please'],
  ])('%j: %s', (text, reason) => {
    expect(refusal(() => speedFactor('--speed', text))).toBe(`${expected}, got "${text}" (${reason})`);
  });
});

describe('--consumers: a mistaken count is refused with the reason --items gives', () => {
  test.each(['1e1', '0x10', '1_000', '+4', '\uff11'])('%j', (text) => {
    const reason = reasonOf(() => wholeNumber('--items', text, 0));
    expect(reason).toBeDefined();
    expect(reasonOf(() => consumerList('--consumers', text))).toBe(reason);
  });

  test('a comma makes names, never a count with separators', () => {
    expect(consumerList('--consumers', '1,000')).toEqual(['1', '000']);
  });
});

describe('distribution says why its duration parts are refused, as duration does', () => {
  test.each(['1e3', '1000000001s', '5 s', '-1s', '1_000ms'])('%j', (text) => {
    const reason = reasonOf(() => duration('--max-delay', text));
    expect(reason).toBeDefined();
    expect(reasonOf(() => distribution('--interval', text))).toBe(reason);
    expect(reasonOf(() => distribution('--interval', `exp(${text})`))).toBe(`exp's mean "${text}": ${reason ?? ''}`);
  });
});

describe('fullPolicy', () => {
  test('reads the policy in any case, as --format reads its format', () => {
    expect(fullPolicy('--on-full', 'DROP-Newest')).toBe('drop-newest');
  });
});

describe('fileName', () => {
  test.each(['', '  '])('refuses %j: it names no file', (text) => {
    expect(refusal(() => fileName('--scenario', text, 'a YAML or JSON scenario file'))).toBe(`--scenario expects a YAML or JSON scenario file, got "${text}" (it is empty)`);
  });
});
