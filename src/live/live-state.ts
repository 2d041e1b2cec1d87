import type { RunConfig } from '../model/config.js';
import { formatDuration } from '../model/duration.js';
import type { RunFinished, RunObserver, RunStarted, Worker } from '../model/events.js';
import type { Item } from '../model/item.js';
import { TextLog } from '../observe/text-log.js';
import { LogTail } from './log-tail.js';
import { SizeHistory } from './size-history.js';
import type { LaneSnapshot, LiveSnapshot } from './snapshot.js';

export interface LiveStateOptions {
  /** Log lines kept for the tail. Default 200. */
  logLines?: number;
  /** Sparkline samples kept. Default 256. */
  historyLength?: number;
  /**
   * Virtual seconds per sparkline sample. Default: the mean time between two
   * arrivals (interval / producers), or 1 s when items arrive all at once.
   */
  historyStep?: number;
}

/** What the view adds to the run's own state: the clock it shows and how it is paced. */
export interface LiveClock {
  /** Virtual time to show (the pacing's continuous clock); never earlier than the last event. */
  readonly time: number;
  readonly speed: number;
  readonly paused: boolean;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** One line describing the run: "1 producer -> queue -> 2 consumers | 20 items, one every 500ms, processing 0-3s". */
export function scenarioSummary(config: RunConfig): string {
  const queue = config.capacity === Infinity ? 'queue' : `queue (capacity ${config.capacity})`;
  const each = config.producers === 1 ? '' : ' each';
  return (
    `${plural(config.producers, 'producer')} -> ${queue} -> ${plural(config.consumers.length, 'consumer')}` +
    ` | ${plural(config.items, 'item')}, one every ${formatDuration(config.interval)}${each},` +
    ` processing 0-${formatDuration(config.maxDelay)}`
  );
}

function defaultHistoryStep(config: RunConfig): number {
  const gap = config.interval / config.producers;
  return gap > 0 ? gap : 1;
}

/**
 * Keeps what the live view shows, updated per event in O(1) with no
 * allocation beyond the log line the text log formats: counters and typed
 * arrays indexed by worker. A LiveSnapshot is built only when a frame is drawn.
 */
export class LiveState implements RunObserver {
  readonly #options: LiveStateOptions;
  readonly #tail: LogTail;
  readonly #log: TextLog;
  #config: RunConfig | undefined;
  #scenario = '';
  #consumerNames: readonly string[] = [];
  #history: SizeHistory | undefined;
  #lastEventTime = 0;
  #finishedAt: number | undefined;

  #produced = 0;
  #producersBlocked = 0;
  #producersDone = 0;
  #blocked = new Uint8Array(0);

  #size = 0;
  #maxSeen = 0;

  #busy = new Uint8Array(0);
  #done = new Uint8Array(0);
  #item = new Float64Array(0);
  #start = new Float64Array(0);
  #until = new Float64Array(0);
  #processed = new Float64Array(0);
  /** Virtual seconds of processing finished so far, per consumer. */
  #busyTime = new Float64Array(0);

  constructor(options: LiveStateOptions = {}) {
    this.#options = options;
    this.#tail = new LogTail(options.logLines ?? 200);
    this.#log = new TextLog(this.#tail, { palette: this.#tail });
  }

  runStarted(event: RunStarted): void {
    const { config } = event;
    this.#config = config;
    this.#scenario = scenarioSummary(config);
    this.#consumerNames = event.consumers.map((c) => c.name);
    this.#history = new SizeHistory(this.#options.historyStep ?? defaultHistoryStep(config), this.#options.historyLength ?? 256);
    this.#blocked = new Uint8Array(event.producers.length);
    const consumers = event.consumers.length;
    this.#busy = new Uint8Array(consumers);
    this.#done = new Uint8Array(consumers);
    this.#item = new Float64Array(consumers);
    this.#start = new Float64Array(consumers);
    this.#until = new Float64Array(consumers);
    this.#processed = new Float64Array(consumers);
    this.#busyTime = new Float64Array(consumers);
    this.#log.runStarted(event);
  }

  producerBlocked(time: number, producer: Worker): void {
    this.#lastEventTime = time;
    if (this.#blocked[producer.index] === 0) {
      this.#blocked[producer.index] = 1;
      this.#producersBlocked++;
    }
  }

  itemPut(time: number, producer: Worker, _item: Item, size: number): void {
    this.#lastEventTime = time;
    this.#produced++;
    if (this.#blocked[producer.index] === 1) {
      this.#blocked[producer.index] = 0;
      this.#producersBlocked--;
    }
    this.#sized(time, size);
  }

  itemGot(time: number, consumer: Worker, item: Item, size: number): void {
    this.#lastEventTime = time;
    this.#sized(time, size);
    this.#log.itemGot(time, consumer, item, size);
  }

  processingStarted(time: number, consumer: Worker, item: Item, until: number): void {
    const i = consumer.index;
    this.#busy[i] = 1;
    this.#item[i] = item.id;
    this.#start[i] = time;
    this.#until[i] = until;
  }

  itemProcessed(time: number, consumer: Worker, _item: Item): void {
    this.#lastEventTime = time;
    const i = consumer.index;
    this.#busy[i] = 0;
    this.#processed[i] = (this.#processed[i] ?? 0) + 1;
    this.#busyTime[i] = (this.#busyTime[i] ?? 0) + (time - (this.#start[i] ?? time));
  }

  workerDone(time: number, worker: Worker): void {
    this.#lastEventTime = time;
    if (worker.role === 'producer') this.#producersDone++;
    else this.#done[worker.index] = 1;
    this.#log.workerDone(time, worker);
  }

  runFinished(finished: RunFinished): void {
    this.#finishedAt = finished.time;
    this.#log.runFinished(finished);
  }

  /** The view at `clock.time` (held at the end time once the run has finished). */
  snapshot(clock: LiveClock): LiveSnapshot {
    const time = this.#finishedAt ?? Math.max(clock.time, this.#lastEventTime);
    this.#history?.advance(time);
    const lanes: LaneSnapshot[] = this.#consumerNames.map((name, i) => {
      const busy = this.#busy[i] === 1;
      const start = this.#start[i] ?? 0;
      const until = this.#until[i] ?? 0;
      const now = Math.min(time, until);
      const busyTime = (this.#busyTime[i] ?? 0) + (busy ? Math.max(0, now - start) : 0);
      return {
        name,
        colour: i,
        busy,
        done: this.#done[i] === 1,
        item: busy ? this.#item[i] : undefined,
        progress: busy ? (until > start ? Math.min(1, Math.max(0, (time - start) / (until - start))) : 1) : 0,
        processed: this.#processed[i] ?? 0,
        utilization: time > 0 ? Math.min(1, busyTime / time) : 0,
      };
    });
    const config = this.#config;
    return {
      header: {
        scenario: this.#scenario,
        time,
        speed: clock.speed,
        seed: config?.seed ?? 0,
        paused: clock.paused,
        finished: this.#finishedAt !== undefined,
      },
      producers: {
        count: config?.producers ?? 0,
        produced: this.#produced,
        total: config?.items ?? 0,
        blocked: this.#producersBlocked,
        done: this.#producersDone,
      },
      queues: [
        {
          name: 'queue',
          size: this.#size,
          capacity: config?.capacity ?? Infinity,
          maxSeen: this.#maxSeen,
          history: this.#history?.samples() ?? [],
        },
      ],
      lanes,
      log: this.#tail.lines(),
    };
  }

  #sized(time: number, size: number): void {
    this.#size = size;
    if (size > this.#maxSeen) this.#maxSeen = size;
    this.#history?.record(time, size);
  }
}
