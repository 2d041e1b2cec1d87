/**
 * For `qsim run --model FILE --chart`: each queue's size over simulated time
 * (one QueueSizeSeries per queue, in fixed memory each) and each process's
 * log colour, so its bar matches its log lines. Attached only for --chart.
 */
import type { ModelFinished, ModelObserver, ProcessInfo, QueueInfo } from '../api/model-events.js';
import { QueueSizeSeries } from './queue-series.js';

export interface ModelQueueTrace {
  readonly queue: QueueInfo;
  readonly series: QueueSizeSeries;
}

export class ModelQueueSeries implements ModelObserver {
  /** Indexed by QueueInfo.index. */
  readonly #queues: ModelQueueTrace[] = [];
  /** Indexed by ProcessInfo.index. */
  readonly #colours: number[] = [];

  queueCreated(_time: number, queue: QueueInfo): void {
    // A queue created during the run held nothing before: its series starts at 0 from time 0.
    this.#queues[queue.index] = { queue, series: new QueueSizeSeries() };
  }

  processCreated(_time: number, process: ProcessInfo): void {
    this.#colours[process.index] = process.colour;
  }

  itemPut(time: number, queue: QueueInfo, size: number): void {
    this.#queues[queue.index]?.series.queueSizeIs(time, 0, size);
  }

  itemGot(time: number, queue: QueueInfo, size: number): void {
    this.#queues[queue.index]?.series.queueSizeIs(time, 0, size);
  }

  modelFinished(event: ModelFinished): void {
    for (const { series } of this.#queues) series.endAt(event.time);
  }

  /** The queues in creation order. */
  get queues(): readonly ModelQueueTrace[] {
    return this.#queues;
  }

  /** Process `index`'s colour in the log; -1 when it does not log. */
  colour(index: number): number {
    return this.#colours[index] ?? -1;
  }
}
