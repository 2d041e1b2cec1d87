import { durationReason, formatDuration, parseDuration } from '../../src/model/duration.js';

describe('parseDuration', () => {
  test.each([
    ['250ms', 0.25],
    ['0.5s', 0.5],
    ['2s', 2],
    ['1m', 60],
    ['1.5h', 5400],
    ['3', 3],
    ['.5', 0.5],
    ['0', 0],
    [' 2s ', 2],
  ])('%s is %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  test.each(['', 's', '-1s', '1 s', '2 parsecs', '1e3', '1e999', 'Infinity', 'NaN', '0x10', '1..2s', '1.2.3', '2S', '1000000001'])(
    'rejects %p',
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );

  test('a duration is the double nearest its decimal value, whatever the unit: 700ms is 0.7s', () => {
    for (let n = 0; n < 10000; n++) {
      expect(parseDuration(`${n}ms`)).toBe(Number(`${n}e-3`));
      expect(parseDuration(`${n / 10}ms`)).toBe(Number(`${n}e-4`));
    }
    expect(parseDuration('700ms')).toBe(parseDuration('0.7s'));
    expect(parseDuration('1.1m')).toBe(66); // not 66.00000000000001
    expect(parseDuration('0.7h')).toBe(2520);
    expect(formatDuration(parseDuration('700ms') as number)).toBe('700ms');
  });

  test('accepts the largest duration and rejects one beyond it', () => {
    expect(parseDuration('1000000000')).toBe(1e9);
    expect(parseDuration('277778h')).toBeUndefined();
  });

  test('formatDuration prints milliseconds below a second', () => {
    expect(formatDuration(0.25)).toBe('250ms');
    expect(formatDuration(0.5)).toBe('500ms');
    expect(formatDuration(2)).toBe('2s');
    expect(formatDuration(0)).toBe('0s');
  });

  test('but not when the milliseconds are longer to write than the seconds', () => {
    expect(formatDuration(1e-7)).toBe('0.0000001s'); // not 0.00009999999999999999ms
    expect(formatDuration(0.0015)).toBe('1.5ms');
  });
});

describe('formatDuration round-trips', () => {
  test('any duration prints as text that parses back to the same number', () => {
    for (const seconds of [0, 0.25, 0.278, 0.1 + 0.2, 1 / 3, 2.5, 3, 1e-7, 123.456789, 0.1234567891, 999999999.5]) {
      expect(parseDuration(formatDuration(seconds))).toBe(seconds);
    }
  });
});

describe('durationReason says why a duration is refused', () => {
  test.each([
    ['1000000001s', 'the longest is 1000000000 s'],
    ['Infinity', 'the longest is 1000000000 s'],
    ['1e3', 'written without an exponent, please'],
    ['2.5E-1s', 'written without an exponent, please'],
    ['-1s', 'a duration cannot be negative'],
    ['-0', 'written without "-", please'],
    ['5 s', 'written without a space before the unit, please'],
    ['s5', 'the unit goes after the number: 5s'],
    ['ms 250', 'the unit goes after the number: 250ms'],
    ['1m30s', 'one unit per duration, please: 90s'],
    ['1h0m0.5s', 'one unit per duration, please: 3600.5s'],
    ['1s500ms', 'one unit per duration, please: 1.5s'],
    ['5sec', 'unknown unit "sec"; known: ms, s, m, h'],
    ['2S', 'unknown unit "S"; known: ms, s, m, h'],
    ['3 parsecs', 'unknown unit "parsecs"; known: ms, s, m, h'],
    ['1,5s', 'written with "." for the decimal point, please'],
    ['1_000ms', 'written without separators between the digits, please'],
    ['0x10', 'written in decimal digits, please'],
    ['\u0661\u0662s', 'written with the digits 0-9, please'],
    ['+2s', 'written without "+", please'],
  ])('%j: %s', (text, reason) => {
    expect(parseDuration(text)).toBeUndefined();
    expect(durationReason(text)).toBe(reason);
  });

  test.each(['', 'NaN', '1..2s', 'abc'])('%j: no reason beyond the syntax', (text) => {
    expect(durationReason(text)).toBeUndefined();
  });
});
