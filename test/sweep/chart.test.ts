import { axisLabels, pointKey, renderSweepCharts } from '../../src/sweep/chart.js';
import type { SweepDefinition } from '../../src/sweep/plan.js';
import type { PointResult } from '../../src/sweep/point-result.js';
import type { SweepReport } from '../../src/sweep/report.js';

const ROWS = 10;

/** A sweep of one axis whose points have these wait.p95 figures, bounded by wait.p95<2s. */
function report(values: readonly string[], p95: readonly (number | null)[]): SweepReport {
  const definition: SweepDefinition = {
    fingerprint: '0000000000000000',
    qsim: 'test',
    seed: 1,
    replications: 1,
    vary: [{ name: 'x', values: [...values] }],
    slo: ['wait.p95<2s'],
    points: values.length,
  };
  const results: PointResult[] = values.map((value, index) => ({
    index,
    values: [value],
    seeds: [index],
    slots: 1,
    rho: 0.5,
    overloaded: false,
    metrics: { 'wait.p95': p95[index] ?? null },
    ci95: undefined,
    slo: [p95[index] !== null && (p95[index] ?? 0) < 2],
  }));
  return { definition, results, shard: undefined, interrupted: false };
}

interface Drawn {
  /** The plot's rows, top first, with the value each row's label stands for. */
  readonly rows: readonly { readonly level: number; readonly text: string }[];
  readonly ticks: readonly number[];
  readonly labels: string;
  readonly after: readonly string[];
}

function parse(chart: string): Drawn {
  const lines = chart.split('\n');
  const axis = lines.findIndex((line) => /^ *└/.test(line));
  const rows = lines.slice(axis - ROWS - 1, axis).map((text) => ({ level: Number(text.slice(0, text.indexOf('┤'))), text }));
  const ticks = [...(lines[axis] ?? '')].flatMap((char, column) => (char === '┬' ? [column] : []));
  return { rows, ticks, labels: lines[axis + 1] ?? '', after: lines.slice(axis + 2).filter((line) => line !== '') };
}

/** The level drawn in `column`: the one row where the line is level there, or leaves it for the next point's (with one column a point). */
function levelAt(drawn: Drawn, column: number): number {
  const rows = drawn.rows.filter((row) => ['─', '╮', '╯'].includes([...row.text][column] ?? ''));
  expect(rows).toHaveLength(1);
  return (rows[0] as { level: number }).level;
}

/** The label covering `column` of the label line. */
function labelAt(line: string, column: number): string {
  if (line[column] === ' ' || line[column] === undefined) return '';
  let start = column;
  while (start > 0 && line[start - 1] !== ' ') start--;
  const end = line.indexOf(' ', column);
  return line.slice(start, end < 0 ? undefined : end);
}

describe('--chart: every point is drawn above its tick and labelled under it', () => {
  test.each([
    [4, 80],
    [4, 40],
    [7, 80],
    [20, 80],
    [30, 120],
    [13, 40],
    [60, 80],
  ])('%i points, %i columns', (count, width) => {
    const values = Array.from({ length: count }, (_, i) => String(i + 1));
    const p95 = values.map((_, i) => [5, 0.5, 3, 1, 0.1, 4.5][i % 6] as number);
    const drawn = parse(renderSweepCharts(report(values, p95), width));
    expect(drawn.ticks).toHaveLength(count);
    const step = (drawn.rows[0]?.level ?? 0) - (drawn.rows[1]?.level ?? 0);
    drawn.ticks.forEach((tick, i) => {
      // The row drawn at the tick is the nearest to the point's figure.
      expect(Math.abs(levelAt(drawn, tick) - (p95[i] as number))).toBeLessThanOrEqual(step / 2 + 0.01);
    });
    const labelled = drawn.ticks.map((tick) => labelAt(drawn.labels, tick));
    if (drawn.after.length === 0) {
      expect(labelled).toEqual(values);
    } else {
      // Too many to label each: every k-th is, from the first, and a note says so.
      const every = Number(/one in (\d+) is labelled/.exec(drawn.after.join('\n'))?.[1]);
      expect(every).toBeGreaterThan(1);
      expect(drawn.labels.trim().split(/ +/)).toEqual([...values.filter((_, i) => i % every === 0), 'x']);
      labelled.forEach((label, i) => i % every === 0 && expect(label).toBe(values[i]));
    }
  });

  test('consumers 1..4: the README case, each value over its own label', () => {
    const drawn = parse(renderSweepCharts(report(['1', '2', '3', '4'], [21.635, 6.87, 0.267, 1.389]), 80));
    expect(drawn.ticks.map((tick) => labelAt(drawn.labels, tick))).toEqual(['1', '2', '3', '4']);
    expect(drawn.labels).toMatch(/ 4 {3}x$/);
  });

  test('values too wide for their ticks: a letter under each and a legend', () => {
    const values = ['exp(200ms)', 'erlang(4,200ms)', '200ms'];
    const chart = renderSweepCharts(report(values, [2.319, 1.416, 1.397]), 80);
    const drawn = parse(chart);
    expect(drawn.ticks.map((tick) => labelAt(drawn.labels, tick))).toEqual(['a', 'b', 'c']);
    expect(drawn.after).toEqual(['a = exp(200ms)   b = erlang(4,200ms)   c = 200ms']);
  });

  test('a legend wraps within the width', () => {
    const values = Array.from({ length: 6 }, (_, i) => `uniform(${i}00ms,${i + 1}s)`);
    expect(axisLabels(values, [5, 10, 15, 20, 25, 30], 50).notes).toEqual([
      'a = uniform(000ms,1s)   b = uniform(100ms,2s)',
      'c = uniform(200ms,3s)   d = uniform(300ms,4s)',
      'e = uniform(400ms,5s)   f = uniform(500ms,6s)',
    ]);
  });

  test('wide characters take two columns', () => {
    // 李雷 is four columns wide: centred under a tick at column 10 it starts at 9; Ann then fits at 14.
    expect(axisLabels(['李雷', 'Ann'], [10, 15], 80)).toEqual({ line: `${' '.repeat(9)}李雷 Ann`, notes: [] });
    expect(axisLabels(['李雷李雷', 'Ann'], [10, 13], 80).line).toBe(`${' '.repeat(10)}a  b`);
  });

  test('numbers and durations that do not fit: every k-th labelled; other values: letters', () => {
    const ticks = Array.from({ length: 12 }, (_, i) => 6 + 2 * i);
    const numbers = ticks.map((_, i) => String(i + 5));
    expect(axisLabels(numbers, ticks, 80)).toEqual({ line: `${' '.repeat(6)}5   7   9   11  13  15`, notes: ['(┬ marks every point; one in 2 is labelled, from the first)'] });
    const durations = ticks.map((_, i) => `${i + 1}00ms`);
    expect(axisLabels(durations, ticks, 80).line).toBe(`${' '.repeat(4)}100ms 400ms 700ms 1000ms`);
    const names = ticks.map((_, i) => `n${i + 1}`);
    expect(axisLabels(names, ticks, 80).line).toBe(`${' '.repeat(6)}a b c d e f g h i j k l`);
  });

  test('a point that measured nothing is not drawn, and a note names it', () => {
    const chart = renderSweepCharts(report(['1', '2', '3'], [null, 1, 0.5]), 80);
    const drawn = parse(chart);
    expect(drawn.ticks.map((tick) => labelAt(drawn.labels, tick))).toEqual(['2', '3']);
    expect(drawn.after).toEqual(['not drawn (no wait.p95 measured): x=1']);
  });

  test('point keys: a..z, then aa, ab, …', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(pointKey)).toEqual(['a', 'b', 'z', 'aa', 'ab', 'az', 'ba', 'zz', 'aaa']);
  });
});
