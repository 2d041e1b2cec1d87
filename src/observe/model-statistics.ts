/**
 * The statistics observer of a model run: per queue, counts, size over time
 * (exact step function: every put and get reports the size at its instant),
 * waits and blocked puts; per process, when it started and finished and how
 * long it slept and waited. Attach it only when an output needs the summary.
 *
 * Per queue, when every item that enters leaves through a get, Little's law
 * holds: meanSize = gets / simulatedSeconds × mean wait.
 */
import type { ModelFinished, ModelObserver, ProcessInfo, QueueInfo, WaitState } from '../api/model-events.js';
import type { ModelOptions } from '../api/model.js';
import { DurationStats } from './duration-stats.js';
import type { ModelSummary } from './model-summary.js';
import { normalise, type Normalised } from './summary.js';

interface QueueStats {
  readonly info: QueueInfo;
  puts: number;
  gets: number;
  size: number;
  since: number;
  area: number;
  maxSize: number;
  blockedPuts: number;
  blockedSeconds: number;
  readonly waits: DurationStats;
}

interface ProcessStats {
  readonly info: ProcessInfo;
  startedAt: number | null;
  finishedAt: number | null;
  sleeping: number;
  waiting: number;
  logLines: number;
}

export interface ModelStatisticsOptions {
  /** The model file, reported as `model`. */
  readonly model: string;
  /** The options the model was given, reported as `options` as they are now (what the model does to its own copy does not change them). */
  readonly options: ModelOptions;
}

export class ModelStatistics implements ModelObserver {
  readonly #model: string;
  readonly #seed: number;
  readonly #options: Normalised<ModelOptions>;
  readonly #queues: QueueStats[] = [];
  readonly #processes: ProcessStats[] = [];
  #finished: ModelFinished | undefined;

  constructor(options: ModelStatisticsOptions) {
    this.#model = options.model;
    this.#seed = options.options.seed;
    this.#options = normalise(options.options);
  }

  queueCreated(time: number, queue: QueueInfo): void {
    this.#queues[queue.index] = {
      info: queue,
      puts: 0,
      gets: 0,
      size: 0,
      since: time,
      area: 0,
      maxSize: 0,
      blockedPuts: 0,
      blockedSeconds: 0,
      waits: new DurationStats(),
    };
  }

  processCreated(_time: number, process: ProcessInfo): void {
    this.#processes[process.index] = { info: process, startedAt: null, finishedAt: null, sleeping: 0, waiting: 0, logLines: 0 };
  }

  processStarted(time: number, process: ProcessInfo): void {
    (this.#processes[process.index] as ProcessStats).startedAt = time;
  }

  processFinished(time: number, process: ProcessInfo): void {
    (this.#processes[process.index] as ProcessStats).finishedAt = time;
  }

  processWoke(time: number, process: ProcessInfo, state: WaitState, since: number): void {
    const stats = this.#processes[process.index] as ProcessStats;
    if (state === 'sleeping') stats.sleeping += time - since;
    else stats.waiting += time - since;
  }

  putBlocked(_time: number, queue: QueueInfo): void {
    (this.#queues[queue.index] as QueueStats).blockedPuts++;
  }

  itemPut(time: number, queue: QueueInfo, size: number, _process: ProcessInfo | undefined, blocked: number): void {
    const stats = this.#queues[queue.index] as QueueStats;
    stats.puts++;
    stats.blockedSeconds += blocked;
    this.#sizeIs(stats, time, size);
  }

  itemGot(time: number, queue: QueueInfo, size: number, _process: ProcessInfo | undefined, wait: number): void {
    const stats = this.#queues[queue.index] as QueueStats;
    stats.gets++;
    stats.waits.add(wait);
    this.#sizeIs(stats, time, size);
  }

  logLine(_time: number, process: ProcessInfo): void {
    (this.#processes[process.index] as ProcessStats).logLines++;
  }

  modelFinished(finished: ModelFinished): void {
    for (const stats of this.#queues) this.#sizeIs(stats, finished.time, stats.size);
    this.#finished = finished;
  }

  #sizeIs(stats: QueueStats, time: number, size: number): void {
    stats.area += stats.size * (time - stats.since);
    stats.since = time;
    stats.size = size;
    if (size > stats.maxSize) stats.maxSize = size;
  }

  /** The summary; call after modelFinished. */
  summary(): ModelSummary {
    const finished = this.#finished;
    if (finished === undefined) throw new Error('ModelStatistics.summary() called before the run finished');
    const duration = finished.time;
    return {
      model: this.#model,
      seed: this.#seed,
      simulatedSeconds: duration,
      interrupted: finished.interrupted,
      finalQueueSize: finished.finalQueueSize,
      queues: this.#queues.map((stats) => ({
        name: stats.info.name,
        kind: stats.info.kind,
        capacity: stats.info.capacity,
        puts: stats.puts,
        gets: stats.gets,
        finalSize: stats.size,
        maxSize: stats.maxSize,
        meanSize: duration > 0 ? stats.area / duration : null,
        waitSeconds: stats.waits.summary(),
        blockedPuts: stats.blockedPuts,
        blockedSeconds: stats.blockedSeconds,
      })),
      processes: this.#processes.map((stats) => ({
        name: stats.info.name,
        startedAt: stats.startedAt,
        finishedAt: stats.finishedAt,
        sleepingSeconds: stats.sleeping,
        waitingSeconds: stats.waiting,
        logLines: stats.logLines,
      })),
      options: this.#options,
    };
  }
}
