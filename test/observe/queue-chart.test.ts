import { niceStep, renderQueueChart, renderUtilizationBars } from '../../src/observe/queue-chart.js';
import { finished, item, producer } from './scripted.js';
import { QueueSizeSeries } from '../../src/observe/queue-series.js';
import type { RunSummary } from '../../src/observe/summary.js';

const P = producer(0);
const anItem = item(0, 0);
const ESC = '\u001b[';

/** A backlog that builds to 12 over 30 s and drains by 60 s. */
function backlog(): QueueSizeSeries {
  const series = new QueueSizeSeries();
  for (let t = 0; t <= 60; t++) series.itemPut(t, P, anItem, Math.max(0, 12 - Math.abs(30 - t) * 0.4) | 0, 0);
  series.runFinished(finished({ time: 60, finalQueueSize: 0, produced: 0, consumed: 0, dropped: 0 }));
  return series;
}

describe('queue-size chart', () => {
  test('nice steps are 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(0.7)).toBe(1);
    expect(niceStep(1)).toBe(1);
    expect(niceStep(1.2)).toBe(2);
    expect(niceStep(3)).toBe(5);
    expect(niceStep(7)).toBe(10);
    expect(niceStep(0.013)).toBeCloseTo(0.02, 12);
  });

  test.each([40, 80, 132, 200])('fits in %i columns, with labelled axes', (width) => {
    const chart = renderQueueChart(backlog(), { width, colour: false });
    const lines = chart.trimEnd().split('\n');
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(width - 1);
    expect(lines[0]).toBe('queue size (items), max per time slice');
    expect(lines[1]).toMatch(/^ +12 ┤/);
    expect(chart).toMatch(/\n +0 ┤/);
    expect(chart).toContain('└');
    expect(chart).toContain('simulated time (s)');
    const axis = lines.findIndex((line) => line.includes('└'));
    const ticks = (lines[axis + 1] as string).replace('simulated time (s)', '').trim().split(/ +/).map(Number);
    expect(ticks[0]).toBe(0);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    const step = (ticks[1] as number) - (ticks[0] as number);
    ticks.forEach((tick, i) => expect(tick).toBeCloseTo(i * step, 9));
    expect(ticks.at(-1)).toBeLessThan(60);
    expect(chart).not.toContain(ESC);
  });

  test('colour only when asked', () => {
    expect(renderQueueChart(backlog(), { width: 80, colour: true })).toContain(ESC);
  });

  test('tall queues get integer labels with a step', () => {
    const series = new QueueSizeSeries();
    series.itemPut(0, P, anItem, 1000, 0);
    series.itemPut(1, P, anItem, 0, 0);
    series.runFinished(finished({ time: 2, finalQueueSize: 0, produced: 0, consumed: 0, dropped: 0 }));
    const labels = renderQueueChart(series, { width: 80, colour: false })
      .split('\n')
      .map((line) => /^ *(\d+) ┤/.exec(line)?.[1])
      .filter((label) => label !== undefined)
      .map(Number);
    expect(labels[0]).toBeGreaterThanOrEqual(1000);
    expect(labels.at(-1)).toBe(0);
    expect(labels.length).toBeLessThanOrEqual(13);
    expect(new Set(labels.slice(1).map((l, i) => (labels[i] as number) - l)).size).toBe(1);
  });

  test('a run of 0 s says there is nothing to draw', () => {
    const series = new QueueSizeSeries();
    series.runFinished(finished({ time: 0, finalQueueSize: 0, produced: 0, consumed: 0, dropped: 0 }));
    expect(renderQueueChart(series, { width: 80, colour: false })).toContain('nothing to draw');
  });
});

describe('utilization bars', () => {
  const summary = {
    consumers: [
      { name: 'Fred', processed: 1, busySeconds: 1, utilization: 0.5 },
      { name: 'George', processed: 1, busySeconds: 2, utilization: 1 },
      { name: 'Idle', processed: 0, busySeconds: 0, utilization: null },
    ],
  } as unknown as RunSummary;

  test('one bar per consumer, proportional to utilization', () => {
    const lines = renderUtilizationBars(summary, 80, undefined).trimEnd().split('\n');
    expect(lines[0]).toBe('utilization (busy time / simulated time)');
    const filled = lines.slice(1).map((line) => [...line].filter((ch) => ch === '█').length);
    const width = [...(lines[1] as string)].filter((ch) => ch === '█' || ch === '·').length;
    expect(filled).toEqual([width / 2, width, 0]);
    expect(lines[1]).toMatch(/^ {2}Fred {4}[█·]+ {3}50\.0%$/);
    expect(lines[3]).toMatch(/ +-$/);
  });

  test('a palette colours the bars', () => {
    const palette = { worker: (index: number, text: string) => `<${index}>${text}` };
    expect(renderUtilizationBars(summary, 80, palette)).toContain('<1>█');
  });
});
