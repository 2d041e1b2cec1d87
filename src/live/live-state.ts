import { formatDistribution } from '../model/distribution.js';
import { arrivalRate } from '../theory/arrivals.js';
import { formatDuration } from '../model/duration.js';
import type { Scenario } from '../model/scenario.js';
import type { RunFinished, RunObserver, RunStarted, Worker } from '../model/events.js';
import type { Item } from '../model/item.js';
import { TextLog } from '../observe/text-log.js';
import { LogTail } from './log-tail.js';
import { SizeHistory } from './size-history.js';
import type { LaneSnapshot, LiveClock, LiveSource, PipelineSnapshot } from './snapshot.js';

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


function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * One line describing the run: for one stage
 *   "1 producer -> queue -> 2 consumers | 20 items every 500ms, work uniform(0s,3s)"
 * and for a pipeline
 *   "1 source (5000 items) -> parse (2) -> transform (3) -> load (1)".
 */
export function scenarioSummary(scenario: Scenario): string {
  const { sources, stages } = scenario;
  const [source] = sources;
  const [stage] = stages;
  if (sources.length === 1 && stages.length === 1 && source && stage) {
    const queue = stage.capacity === Infinity ? 'queue' : `queue (capacity ${stage.capacity})`;
    const each = source.producers === 1 ? '' : ' each';
    const items = source.items === Infinity ? `for ${formatDuration(source.duration)}` : plural(source.items, 'item');
    return (
      `${plural(source.producers, 'producer')} -> ${queue} -> ${plural(stage.workers.length, 'consumer')}` +
      ` | ${items} every ${formatDistribution(source.interval.spec)}${each}, work ${formatDistribution(stage.delay.spec)}`
    );
  }
  const items = sources.reduce((n, s) => n + s.items, 0);
  const made = items === Infinity ? '' : ` (${plural(items, 'item')})`;
  return `${plural(sources.length, 'source')}${made} -> ${stages.map((s) => `${s.name} (${s.workers.length})`).join(' -> ')}`;
}

/** The mean time between two arrivals over every producer, or 1 s when items arrive all at once. */
function defaultHistoryStep(scenario: Scenario): number {
  const rate = arrivalRate(scenario.sources);
  return rate > 0 && rate !== Infinity ? 1 / rate : 1;
}

interface QueueState {
  readonly name: string;
  readonly capacity: number;
  size: number;
  maxSeen: number;
  readonly history: SizeHistory;
}

/**
 * Keeps what the live view shows, updated per event in O(1) with no
 * allocation beyond the log line the text log formats: counters and typed
 * arrays indexed by worker. A snapshot is built only when a frame is drawn.
 */
export class LiveState implements RunObserver, LiveSource {
  readonly #options: LiveStateOptions;
  readonly #tail: LogTail;
  readonly #log: TextLog;
  #started: RunStarted | undefined;
  #scenario = '';
  #consumerNames: readonly string[] = [];
  #queues: QueueState[] = [];
  #lastEventTime = 0;
  #finishedAt: number | undefined;

  #produced = 0;
  #producersBlocked = 0;
  #producersDone = 0;
  #blocked = new Uint8Array(0);

  /** Busy slots per consumer. */
  #busy = new Uint16Array(0);
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
    const { scenario } = event;
    this.#started = event;
    this.#scenario = scenarioSummary(scenario);
    this.#consumerNames = event.consumers.map((c) => c.name);
    const step = this.#options.historyStep ?? defaultHistoryStep(scenario);
    this.#queues = scenario.stages.map((stage) => ({
      name: scenario.stages.length === 1 ? 'queue' : stage.name,
      capacity: stage.capacity,
      size: 0,
      maxSeen: 0,
      history: new SizeHistory(step, this.#options.historyLength ?? 256),
    }));
    this.#blocked = new Uint8Array(event.producers.length);
    const consumers = event.consumers.length;
    this.#busy = new Uint16Array(consumers);
    this.#done = new Uint8Array(consumers);
    this.#item = new Float64Array(consumers);
    this.#start = new Float64Array(consumers);
    this.#until = new Float64Array(consumers);
    this.#processed = new Float64Array(consumers);
    this.#busyTime = new Float64Array(consumers);
    this.#log.runStarted(event);
  }

  putBlocked(time: number, worker: Worker, _stage?: number): void {
    this.#lastEventTime = time;
    if (worker.role === 'producer' && this.#blocked[worker.index] === 0) {
      this.#blocked[worker.index] = 1;
      this.#producersBlocked++;
    }
  }

  /** The run was stopped while the producer's put waited: it is no longer blocked. */
  putAbandoned(time: number, worker: Worker, _stage?: number): void {
    this.#lastEventTime = time;
    if (worker.role === 'producer') this.#unblocked(worker);
  }

  itemPut(time: number, worker: Worker, item: Item, size: number, stage: number): void {
    this.#lastEventTime = time;
    if (worker.role === 'producer') {
      // Items are numbered in the order they are made, so the highest id seen counts them, dropped ones included.
      this.#produced = Math.max(this.#produced, item.id + 1);
      this.#unblocked(worker);
    }
    this.#sized(time, size, stage);
  }

  #unblocked(producer: Worker): void {
    if (this.#blocked[producer.index] === 1) {
      this.#blocked[producer.index] = 0;
      this.#producersBlocked--;
    }
  }

  itemDropped(time: number, worker: Worker, item: Item, size: number, stage: number): void {
    this.#lastEventTime = time;
    if (worker.role === 'producer') this.#produced = Math.max(this.#produced, item.id + 1);
    this.#log.itemDropped(time, worker, item, size);
    this.#sized(time, size, stage);
  }

  itemGot(time: number, consumer: Worker, item: Item, size: number): void {
    this.#lastEventTime = time;
    this.#sized(time, size, consumer.group);
    this.#log.itemGot(time, consumer, item, size);
  }

  processingStarted(time: number, consumer: Worker, item: Item, until: number): void {
    const i = consumer.index;
    this.#busy[i] = (this.#busy[i] ?? 0) + 1;
    this.#item[i] = item.id;
    this.#start[i] = time;
    this.#until[i] = until;
  }

  itemProcessed(time: number, consumer: Worker, _item?: Item, _slot?: number): void {
    this.#lastEventTime = time;
    this.#attemptEnded(time, consumer);
    this.#processed[consumer.index] = (this.#processed[consumer.index] ?? 0) + 1;
  }

  itemFailed(time: number, consumer: Worker, item: Item, slot: number, attempt: number, attempts: number): void {
    this.#lastEventTime = time;
    this.#attemptEnded(time, consumer);
    this.#log.itemFailed(time, consumer, item, slot, attempt, attempts);
  }

  itemDeadLettered(time: number, consumer: Worker, item: Item): void {
    this.#log.itemDeadLettered(time, consumer, item);
  }

  /** Busy time is counted per attempt, from its start to its end, whichever slot it ran in. */
  #attemptEnded(time: number, consumer: Worker): void {
    const i = consumer.index;
    this.#busy[i] = Math.max(0, (this.#busy[i] ?? 0) - 1);
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
  snapshot(clock: LiveClock): PipelineSnapshot {
    const time = this.#finishedAt ?? Math.max(clock.time, this.#lastEventTime);
    for (const queue of this.#queues) queue.history.advance(time);
    const lanes: LaneSnapshot[] = this.#consumerNames.map((name, i) => {
      const busy = (this.#busy[i] ?? 0) > 0;
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
    const started = this.#started;
    return {
      header: {
        scenario: this.#scenario,
        time,
        speed: clock.speed,
        seed: started?.seed ?? 0,
        paused: clock.paused,
        finished: this.#finishedAt !== undefined,
      },
      producers: {
        count: started?.producers.length ?? 0,
        produced: this.#produced,
        total: started?.scenario.sources.reduce((n, s) => n + s.items, 0) ?? 0,
        blocked: this.#producersBlocked,
        done: this.#producersDone,
      },
      queues: this.#queues.map((q) => ({
        name: q.name,
        size: q.size,
        capacity: q.capacity,
        maxSeen: q.maxSeen,
        history: q.history.samples(),
      })),
      lanes,
      log: this.#tail.lines(),
    };
  }

  #sized(time: number, size: number, stage: number): void {
    const queue = this.#queues[stage];
    if (queue === undefined) return;
    queue.size = size;
    if (size > queue.maxSeen) queue.maxSeen = size;
    queue.history.record(time, size);
  }
}
