/**
 * The number of items waiting (in all queues) over simulated time, in fixed
 * memory, for --chart.
 *
 * Time is cut into BUCKETS buckets of equal width, each holding the largest
 * size seen in it and the area under the size curve (for a time-weighted
 * mean). When an event falls past the last bucket, neighbouring buckets merge
 * pairwise and the width doubles, so any run fits in the same arrays. Widths
 * are powers of two, so bucket edges are exact in floating point.
 */
import type { RunFinished, RunObserver, RunStarted, Worker } from '../model/events.js';
import type { Item } from '../model/item.js';

export const BUCKETS = 1024;
/** The first bucket width, about 1 µs: short runs still fill at least half the buckets. */
const INITIAL_WIDTH = 2 ** -20;

/** One point per time slice of a run. */
export interface QueueSizeSlice {
  /** Slice start, simulated seconds. */
  readonly start: number;
  /** Slice end (the run's end for the last slice). */
  readonly end: number;
  /** The largest queue size at any instant of the slice. */
  readonly max: number;
  /** The time-weighted mean queue size over the slice. */
  readonly mean: number;
}

export class QueueSizeSeries implements RunObserver {
  readonly #max = new Float64Array(BUCKETS);
  readonly #area = new Float64Array(BUCKETS);
  #width = INITIAL_WIDTH;
  #size = 0;
  #since = 0;
  #end: number | undefined;

  /** Each stage's queue size now; the series is their sum. */
  #stageSizes = new Float64Array(1);

  runStarted(event: RunStarted): void {
    this.#stageSizes = new Float64Array(event.scenario.stages.length);
  }

  itemPut(time: number, _worker: Worker, _item: Item, size: number, stage = 0): void {
    this.#stageSizeIs(time, stage, size);
  }

  itemGot(time: number, consumer: Worker, _item: Item, size: number): void {
    this.#stageSizeIs(time, consumer.group, size);
  }

  itemDropped(time: number, _worker: Worker, _item: Item, size: number, stage = 0): void {
    this.#stageSizeIs(time, stage, size);
  }

  runFinished(finished: RunFinished): void {
    this.#sizeIs(finished.time, finished.finalQueueSize);
    this.#end = finished.time;
  }

  /**
   * Queue `queue` (0, 1, …) holds `size` items from `time` on: for a run that is
   * not a pipeline (a model's queue). Times must not decrease.
   */
  queueSizeIs(time: number, queue: number, size: number): void {
    if (queue >= this.#stageSizes.length) {
      const grown = new Float64Array(queue + 1);
      grown.set(this.#stageSizes);
      this.#stageSizes = grown;
    }
    this.#stageSizeIs(time, queue, size);
  }

  /** The run ended at `time`, the sizes unchanged since the last one recorded. */
  endAt(time: number): void {
    this.#sizeIs(time, this.#size);
    this.#end = time;
  }

  #stageSizeIs(time: number, stage: number, size: number): void {
    const sizes = this.#stageSizes;
    const total = this.#size + size - (sizes[stage] as number);
    sizes[stage] = size;
    this.#sizeIs(time, total);
  }

  /** The queues held #size items from #since to `time`, and hold `size` from `time` on. */
  #sizeIs(time: number, size: number): void {
    while (time >= BUCKETS * this.#width) this.#mergePairs();
    const width = this.#width;
    const level = this.#size;
    if (time > this.#since) {
      const last = Math.floor(time / width);
      for (let i = Math.floor(this.#since / width); i <= last; i++) {
        const covered = Math.min(time, (i + 1) * width) - Math.max(this.#since, i * width);
        if (covered <= 0) continue;
        (this.#area[i] as number) += level * covered;
        if (level > (this.#max[i] as number)) this.#max[i] = level;
      }
      this.#since = time;
    }
    const now = Math.floor(time / width);
    if (size > (this.#max[now] as number)) this.#max[now] = size;
    this.#size = size;
  }

  #mergePairs(): void {
    const max = this.#max;
    const area = this.#area;
    for (let i = 0; i < BUCKETS / 2; i++) {
      max[i] = Math.max(max[2 * i] as number, max[2 * i + 1] as number);
      area[i] = (area[2 * i] as number) + (area[2 * i + 1] as number);
    }
    max.fill(0, BUCKETS / 2);
    area.fill(0, BUCKETS / 2);
    this.#width *= 2;
  }

  /** Simulated seconds covered: the run's end, once finished. */
  get duration(): number {
    return this.#end ?? this.#since;
  }

  /**
   * The run cut into at most `count` slices of (nearly) equal duration, each
   * made of whole buckets; none when the run lasted 0 s.
   */
  slices(count: number): QueueSizeSlice[] {
    const end = this.duration;
    if (!(end > 0) || count < 1) return [];
    const width = this.#width;
    const used = Math.min(BUCKETS, Math.max(1, Math.ceil(end / width)));
    const n = Math.min(count, used);
    const slices: QueueSizeSlice[] = [];
    for (let j = 0; j < n; j++) {
      const from = Math.floor((j * used) / n);
      const to = Math.floor(((j + 1) * used) / n);
      let max = 0;
      let area = 0;
      for (let i = from; i < to; i++) {
        max = Math.max(max, this.#max[i] as number);
        area += this.#area[i] as number;
      }
      const start = from * width;
      const stop = Math.min(end, to * width);
      slices.push({ start, end: stop, max, mean: stop > start ? area / (stop - start) : max });
    }
    return slices;
  }
}
