/**
 * Why a number written some way qsim's plain decimal syntax refuses is
 * refused, said the same for every option and file: counts, durations, the
 * speed factor. Only for text that reads as a number some other way (hex,
 * digit separators, other scripts' digits, a leading +); the callers say why
 * for the forms they treat apart (an exponent, a value out of range).
 */
const RADIX = /^[+-]?0[xob][0-9a-f]+$/i;
// Groups of digits joined by _ (1_000, as in code) or by commas, apostrophes or thin spaces between thousands.
const SEPARATED = /^[+-]?\d+(_\d+)+(\.\d+)?$|^[+-]?\d{1,3}([,'\u2009\u202f]\d{3})+(\.\d+)?$/;
const DIGITS = /^[+-]?[\p{Nd}]+([.,][\p{Nd}]+)?$/u;
const ASCII_DIGITS = /^[+-]?\d+([.,]\d+)?$/;
const PLUS = /^\+(\d+(\.\d*)?|\.\d+)$/;
const WHOLE_WITH_EXPONENT = /^\d+(\.0*)?e\+?\d+$/i;
const DECIMAL_WITH_EXPONENT = /^(\d+(\.\d*)?|\.\d+)e[+-]?\d+$/i;
// 2,5 or 1,2345 (not 1,000: a thousands separator) is a decimal comma.
const DECIMAL_COMMA = /^\d+,(\d{1,2}|\d{4,})$/;

export function numberTextReason(text: string): string | undefined {
  if (RADIX.test(text)) return 'written in decimal digits, please';
  if (SEPARATED.test(text)) return 'written without separators between the digits, please';
  if (DIGITS.test(text) && !ASCII_DIGITS.test(text)) return 'written with the digits 0-9, please';
  if (PLUS.test(text)) return 'written without "+", please';
  return undefined;
}

/** numberTextReason for a whole count, where an exponent (1e3) is a count written otherwise than in digits. */
export function countTextReason(text: string): string | undefined {
  return WHOLE_WITH_EXPONENT.test(text) ? 'written in digits, please' : numberTextReason(text);
}

/** numberTextReason for a decimal number, which is written without an exponent (1e3, 2.5e-1) and with a decimal point. */
export function decimalTextReason(text: string): string | undefined {
  if (DECIMAL_WITH_EXPONENT.test(text)) return 'written without an exponent, please';
  if (DECIMAL_COMMA.test(text)) return 'written with "." for the decimal point, please';
  return numberTextReason(text);
}
