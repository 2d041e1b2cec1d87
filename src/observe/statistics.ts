/**
 * The statistics observer: counts, queue size over time, waits, time in
 * system, and per-worker busy and blocked time, in memory that does not grow
 * with the number of items. Attach it only when an output needs the summary;
 * every event handler is arithmetic on preallocated numbers (no allocation).
 *
 * Definitions (all in simulated seconds):
 * - wait: from the item entering the queue (itemPut) to a consumer taking it (itemGot);
 * - time in system: from entering the queue to the end of its processing;
 * - busy: from itemGot to itemProcessed, summed per consumer over its items
 *   (slot-seconds: a consumer with --concurrency n can be busy n seconds per second);
 * - utilization: busy / (concurrency × the run's duration);
 * - blocked: from producerBlocked to the producer's item entering the queue;
 * - queue size: every event reports the size at its instant, so the size is a
 *   step function known exactly; its mean is the area under it / the run's duration.
 * When every item that enters the queue leaves it through a consumer (no
 * drop-oldest), the area equals the sum of the waits, and Little's law
 * (meanSize = throughput × mean wait) holds to rounding.
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
  /**
   * Busy time per consumer as Σ(processed times) − Σ(got times), summed with
   * Neumaier's compensation, plus the run's end for each item still in service.
   * This needs no per-item state, so it holds for a consumer that processes
   * several items at once (busy = item-seconds in service).
   */
  #busySum = new Float64Array(0);
  #busyCompensation = new Float64Array(0);
  #inService = new Float64Array(0);
  #put = new Float64Array(0);
  /** Drops per producer of the dropped item (item.producer). */
  #droppedBy = new Float64Array(0);
  /** Under drop-newest a dropped item never entered the queue, so it counts as made apart from the puts. */
  #dropsAreNew = false;
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
    this.#busySum = new Float64Array(consumers);
    this.#busyCompensation = new Float64Array(consumers);
    this.#inService = new Float64Array(consumers);
    this.#put = new Float64Array(producers);
    this.#droppedBy = new Float64Array(producers);
    this.#dropsAreNew = event.config.onFull === 'drop-newest';
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

  itemGot(time: number, consumer: Worker, item: Item, size: number, _slot?: number): void {
    this.#sizeIs(time, size);
    this.#wait.add(time - item.enteredAt);
    const c = consumer.index;
    this.#addBusy(c, -time);
    (this.#inService[c] as number)++;
  }

  itemProcessed(time: number, consumer: Worker, item: Item, _slot?: number): void {
    const c = consumer.index;
    this.#addBusy(c, time);
    (this.#inService[c] as number)--;
    (this.#processed[c] as number)++;
    this.#system.add(time - item.enteredAt);
  }

  /**
   * An item discarded by a drop policy: never a wait sample. Under drop-oldest
   * it had waited in the queue, and that time stays in the queue-size area.
   */
  itemDropped(time: number, _producer: Worker, item: Item, size: number): void {
    (this.#droppedBy[item.producer] as number)++;
    this.#sizeIs(time, size);
  }

  runFinished(finished: RunFinished): void {
    this.#sizeIs(finished.time, finished.finalQueueSize);
    this.#finished = finished;
  }

  /** Adds `value` to consumer c's busy sum (Neumaier's compensated summation). */
  #addBusy(c: number, value: number): void {
    const sum = this.#busySum[c] as number;
    const total = sum + value;
    const lost = Math.abs(sum) >= Math.abs(value) ? sum - total + value : value - total + sum;
    (this.#busyCompensation[c] as number) += lost;
    this.#busySum[c] = total;
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
    const { dropped } = finished;
    const slots = config.concurrency;
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
        // An item still in service at the end (a run stopped early) is busy until the end.
        const busySeconds =
          (this.#busySum[c] as number) + (this.#busyCompensation[c] as number) + (this.#inService[c] as number) * duration;
        const utilization = duration > 0 ? busySeconds / (slots * duration) : null;
        return { name: consumer.name, processed: this.#processed[c] as number, busySeconds, utilization };
      }),
      producers: this.#producers.map((producer, p) => {
        const since = this.#blockedSince[p] as number;
        const blockedSeconds = (this.#blocked[p] as number) + (Number.isNaN(since) ? 0 : duration - since);
        const droppedBy = this.#droppedBy[p] as number;
        const produced = (this.#put[p] as number) + (this.#dropsAreNew ? droppedBy : 0);
        return { name: producer.name, produced, dropped: droppedBy, blockedSeconds };
      }),
      options: summaryOptions(config),
    };
  }
}
