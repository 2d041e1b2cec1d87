/**
 * The statistics observer: counts, queue size over time, waits, time in
 * system, and per-worker busy and blocked time, in memory that does not grow
 * with the number of items. Attach it only when an output needs the summary;
 * every event handler is arithmetic on preallocated numbers (no allocation).
 *
 * Definitions (all in simulated seconds):
 * - wait: from the item entering the queue (itemPut) to a consumer taking it (itemGot);
 * - time in system: from entering the queue to the end of its processing;
 * - busy: from itemGot to itemProcessed, summed per consumer;
 * - blocked: from producerBlocked to the producer's item entering the queue;
 * - queue size: every event reports the size at its instant, so the size is a
 *   step function known exactly; its mean is the area under it / the run's duration.
 * Since every item enters the queue and leaves it, the area equals the sum of the
 * waits, and Little's law (meanSize = throughput × mean wait) holds to rounding.
 */
import type { RunConfig } from '../model/config.js';
import type { RunFinished, RunObserver, RunStarted, Worker } from '../model/events.js';
import type { Item } from '../model/item.js';
import { DurationStats } from './duration-stats.js';
import { summaryOptions, type RunSummary } from './summary.js';

export class RunStatistics implements RunObserver {
  #config: RunConfig | undefined;
  #producers: readonly Worker[] = [];
  #consumers: readonly Worker[] = [];
  #finished: RunFinished | undefined;

  #size = 0;
  #sizeSince = 0;
  #sizeArea = 0;
  #maxSize = 0;
  readonly #wait = new DurationStats();
  readonly #system = new DurationStats();

  #processed = new Float64Array(0);
  #busy = new Float64Array(0);
  /** When each consumer took its current item; NaN while idle. */
  #busySince = new Float64Array(0);
  #put = new Float64Array(0);
  #blocked = new Float64Array(0);
  /** When each producer started waiting for room; NaN while not blocked. */
  #blockedSince = new Float64Array(0);

  runStarted(event: RunStarted): void {
    this.#config = event.config;
    this.#producers = event.producers;
    this.#consumers = event.consumers;
    const consumers = event.consumers.length;
    const producers = event.producers.length;
    this.#processed = new Float64Array(consumers);
    this.#busy = new Float64Array(consumers);
    this.#busySince = new Float64Array(consumers).fill(NaN);
    this.#put = new Float64Array(producers);
    this.#blocked = new Float64Array(producers);
    this.#blockedSince = new Float64Array(producers).fill(NaN);
  }

  producerBlocked(time: number, producer: Worker): void {
    this.#blockedSince[producer.index] = time;
  }

  itemPut(time: number, producer: Worker, _item: Item, size: number): void {
    const p = producer.index;
    const since = this.#blockedSince[p] as number;
    if (!Number.isNaN(since)) {
      (this.#blocked[p] as number) += time - since;
      this.#blockedSince[p] = NaN;
    }
    (this.#put[p] as number)++;
    this.#sizeIs(time, size);
  }

  itemGot(time: number, consumer: Worker, item: Item, size: number): void {
    this.#sizeIs(time, size);
    this.#wait.add(time - item.enteredAt);
    this.#busySince[consumer.index] = time;
  }

  itemProcessed(time: number, consumer: Worker, item: Item): void {
    const c = consumer.index;
    (this.#busy[c] as number) += time - (this.#busySince[c] as number);
    this.#busySince[c] = NaN;
    (this.#processed[c] as number)++;
    this.#system.add(time - item.enteredAt);
  }

  runFinished(finished: RunFinished): void {
    this.#sizeIs(finished.time, finished.finalQueueSize);
    this.#finished = finished;
  }

  /** The queue held #size items from #sizeSince until `time`; from now on it holds `size`. */
  #sizeIs(time: number, size: number): void {
    this.#sizeArea += this.#size * (time - this.#sizeSince);
    this.#sizeSince = time;
    this.#size = size;
    if (size > this.#maxSize) this.#maxSize = size;
  }

  /** The summary; call after runFinished. */
  summary(): RunSummary {
    const config = this.#config;
    const finished = this.#finished;
    if (config === undefined || finished === undefined) throw new Error('RunStatistics.summary() called before the run finished');
    const duration = finished.time;
    const perSecond = (value: number): number | null => (duration > 0 ? value / duration : null);
    const dropped = 0;
    return {
      seed: config.seed,
      simulatedSeconds: duration,
      items: {
        produced: finished.produced,
        consumed: finished.consumed,
        left: finished.produced - finished.consumed - dropped,
        dropped,
      },
      finalQueueSize: finished.finalQueueSize,
      throughputPerSecond: perSecond(finished.consumed),
      queue: { maxSize: this.#maxSize, meanSize: perSecond(this.#sizeArea) },
      waitSeconds: this.#wait.summary(),
      systemSeconds: this.#system.summary(),
      consumers: this.#consumers.map((consumer, c) => {
        // A consumer still busy at the end (a run stopped early) is busy until the end.
        const since = this.#busySince[c] as number;
        const busySeconds = (this.#busy[c] as number) + (Number.isNaN(since) ? 0 : duration - since);
        return { name: consumer.name, processed: this.#processed[c] as number, busySeconds, utilization: perSecond(busySeconds) };
      }),
      producers: this.#producers.map((producer, p) => {
        const since = this.#blockedSince[p] as number;
        const blockedSeconds = (this.#blocked[p] as number) + (Number.isNaN(since) ? 0 : duration - since);
        return { name: producer.name, produced: this.#put[p] as number, blockedSeconds };
      }),
      options: summaryOptions(config),
    };
  }
}
