import { MAX_VALUES, parseValues } from '../../src/sweep/values.js';

function values(text: string): readonly string[] {
  const parsed = parseValues(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.values;
}

function reason(text: string): string {
  const parsed = parseValues(text);
  if (parsed.ok) throw new Error(`${text} parsed as ${parsed.values.join('|')}`);
  return parsed.reason;
}

describe('--vary VALUES', () => {
  test('a whole-number range includes both ends', () => {
    expect(values('1..8')).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(values('3..3')).toEqual(['3']);
  });

  test('a range counts down when its start is above its end', () => {
    expect(values('4..1')).toEqual(['4', '3', '2', '1']);
  });

  test('a stepped range of durations gives N evenly spaced values, ends exact', () => {
    expect(values('0.5s..2s/4')).toEqual(['500ms', '1s', '1.5s', '2s']);
    expect(values('100ms..200ms/3')).toEqual(['100ms', '150ms', '200ms']);
    expect(values('100ms..700ms/7')).toEqual(['100ms', '200ms', '300ms', '400ms', '500ms', '600ms', '700ms']);
  });

  test('a stepped range of plain numbers stays plain, without float noise', () => {
    expect(values('0.1..0.3/3')).toEqual(['0.1', '0.2', '0.3']);
    expect(values('2..10/5')).toEqual(['2', '4', '6', '8', '10']);
  });

  test('a list separated by | keeps each value as written (distributions with commas too)', () => {
    expect(values('exp(200ms)|exp(300ms)')).toEqual(['exp(200ms)', 'exp(300ms)']);
    expect(values(' uniform(0s,1s) | 2s ')).toEqual(['uniform(0s,1s)', '2s']);
  });

  test('a list part may itself be a range', () => {
    expect(values('1..3|8|16')).toEqual(['1', '2', '3', '8', '16']);
  });

  test('the values a range gave are told from those listed (a range of consumers gives counts)', () => {
    const parsed = parseValues('1..4/3|Ann,Bo|2..3');
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.values).toEqual(['1', '2.5', '4', 'Ann,Bo', '2', '3']);
    expect([...parsed.fromRange]).toEqual(['1', '2.5', '4', '2', '3']);
  });

  test('a single value is a grid axis of one point', () => {
    expect(values('Fred,George')).toEqual(['Fred,George']);
  });

  test.each([
    ['', /no values/],
    ['1||2', /a value between \| is empty/],
    ['1..3|2', /"2" appears twice/],
    ['0.5s..2s', /needs whole numbers at both ends, or \/N/],
    ['..3', /needs a value on each side/],
    ['1s..2s/1', /count after \/ .* from 2/],
    ['1s..2s/x', /count after \//],
    ['1s..2s/1e1', /^the count after \/ in "1s\.\.2s\/1e1": written in digits, please$/],
    ['a..b/3', /must both be numbers .* or durations/],
    [`1..${MAX_VALUES + 1}`, /more than 10000 values/],
  ])('%j is rejected: %s', (text, pattern) => {
    expect(reason(text)).toMatch(pattern);
  });
});
