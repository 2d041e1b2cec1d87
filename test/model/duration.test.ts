import { formatDuration, parseDuration } from '../../src/model/duration.js';

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
