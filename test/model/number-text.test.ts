import { countTextReason, decimalTextReason, numberTextReason } from '../../src/model/number-text.js';

describe('numberTextReason says how a number written otherwise should be written', () => {
  test.each([
    ['0x10', 'written in decimal digits, please'],
    ['0b101', 'written in decimal digits, please'],
    ['0o17', 'written in decimal digits, please'],
    ['1_000', 'written without separators between the digits, please'],
    ['1,000,000', 'written without separators between the digits, please'],
    ["1'000", 'written without separators between the digits, please'],
    ['\uff11\uff12', 'written with the digits 0-9, please'],
    ['\u0663', 'written with the digits 0-9, please'],
    ['+4', 'written without "+", please'],
  ])('%j: %s', (text, reason) => {
    expect(numberTextReason(text)).toBe(reason);
  });

  test.each(['4', '2.5', '-3', '1e3', 'NaN', 'Fred', '2,5', '1__0', ''])('%j: nothing to say', (text) => {
    expect(numberTextReason(text)).toBeUndefined();
  });
});

describe('counts and decimal numbers', () => {
  test('an exponent in a count: written in digits, as the count it stands for', () => {
    expect(countTextReason('1e3')).toBe('written in digits, please');
    expect(countTextReason('1.0E2')).toBe('written in digits, please');
  });

  test('an exponent in a decimal number: written without it', () => {
    expect(decimalTextReason('2.5e-1')).toBe('written without an exponent, please');
  });

  test('a decimal comma in a decimal number, not a thousands separator', () => {
    expect(decimalTextReason('2,5')).toBe('written with "." for the decimal point, please');
    expect(decimalTextReason('1,000')).toBe('written without separators between the digits, please');
  });

  test('otherwise both say what numberTextReason says', () => {
    expect(countTextReason('0x10')).toBe(numberTextReason('0x10'));
    expect(decimalTextReason('1_000.5')).toBe(numberTextReason('1_000.5'));
    expect(countTextReason('2.5e-1')).toBeUndefined();
  });
});
