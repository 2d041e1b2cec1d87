import { BUCKETS, QueueSizeSeries } from '../../src/observe/queue-series.js';
import { consumer, finished, item, producer } from './scripted.js';

const P = producer(0);
const C = consumer(0, 'C');
const anItem = item(0, 0);

/** Feeds (time, size) steps as puts and finishes at `end`. */
function seriesOf(steps: readonly (readonly [number, number])[], end: number): QueueSizeSeries {
  const series = new QueueSizeSeries();
  for (const [time, size] of steps) series.itemPut(time, P, anItem, size, 0);
  series.runFinished(finished({ time: end, finalQueueSize: 0, produced: 0, consumed: 0, dropped: 0 }));
  return series;
}

describe('QueueSizeSeries', () => {
  test('a step function in two slices: the max and the time-weighted mean of each half', () => {
    // Size 2 during [0, 1), 4 during [1, 3), 0 during [3, 4): halves [0, 2) and [2, 4).
    const series = seriesOf([[0, 2], [1, 4], [3, 0]], 4);
    const [first, second] = series.slices(2);
    expect(first).toMatchObject({ start: 0, max: 4, mean: (2 * 1 + 4 * 1) / 2 });
    expect(second).toMatchObject({ end: 4, max: 4, mean: (4 * 1 + 0 * 1) / 2 });
    expect(first?.end).toBeCloseTo(2, 2);
    expect(second?.start).toBeCloseTo(2, 2);
  });

  test('a peak shorter than a slice still shows as the slice maximum', () => {
    const series = seriesOf([[0, 0], [5, 9], [5.000001, 1]], 10);
    const slices = series.slices(10);
    expect(Math.max(...slices.map((s) => s.max))).toBe(9);
    expect(slices.find((s) => s.max === 9)?.start).toBeLessThanOrEqual(5);
  });

  test('a long run merges buckets and keeps its arrays; the overall mean is exact', () => {
    const series = new QueueSizeSeries();
    let area = 0;
    let last = 0;
    let size = 0;
    for (let i = 1; i <= 100_000; i++) {
      const time = i * 0.37;
      area += size * (time - last);
      last = time;
      size = i % 7;
      series.itemGot(time, C, anItem, size);
    }
    series.runFinished(finished({ time: last, finalQueueSize: size, produced: 0, consumed: 0, dropped: 0 }));
    const slices = series.slices(BUCKETS * 4);
    expect(slices.length).toBeLessThanOrEqual(BUCKETS);
    expect(slices.length).toBeGreaterThanOrEqual(BUCKETS / 2);
    const total = slices.reduce((sum, s) => sum + s.mean * (s.end - s.start), 0);
    expect(total / last).toBeCloseTo(area / last, 9);
    expect(Math.max(...slices.map((s) => s.max))).toBe(6);
  });

  test('a run of 0 s has nothing to draw', () => {
    expect(seriesOf([[0, 3]], 0).slices(80)).toEqual([]);
  });
});

describe('QueueSizeSeries.queueSizeIs and endAt (a model\'s queues)', () => {
  test('sizes of two queues are summed; endAt closes the last level at the end', () => {
    const series = new QueueSizeSeries();
    series.queueSizeIs(0, 0, 2);
    series.queueSizeIs(1, 1, 3); // 5 in all from 1 s
    series.queueSizeIs(2, 0, 0); // 3 in all from 2 s
    series.endAt(4);
    expect(series.duration).toBe(4);
    const [first, second] = series.slices(2);
    expect(first).toMatchObject({ start: 0, max: 5, mean: (2 * 1 + 5 * 1) / 2 });
    expect(second).toMatchObject({ end: 4, max: 3, mean: 3 });
  });
});
