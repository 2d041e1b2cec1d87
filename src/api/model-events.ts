import { combineHandlers, type Complete } from '../model/combine-observers.js';
/**
 * The typed events of a model run (a simulation built with the `Sim` API).
 * Like the pipeline's RunObserver, observers implement the events they need
 * and the model calls them with plain arguments; an event no observer asked
 * for costs one empty call.
 *
 * `process` arguments are undefined when the operation was made outside any
 * process (a `putNowait` in the model function before the run, say).
 */

export type QueueKind = 'fifo' | 'lifo' | 'priority';

/** A queue of the model, as observers see it. */
export interface QueueInfo {
  /** 0, 1, … in creation order. */
  readonly index: number;
  readonly name: string;
  readonly kind: QueueKind;
  /** Most items held at once; Infinity when unbounded. */
  readonly capacity: number;
}

/** A process of the model, as observers see it. */
export interface ProcessInfo {
  /** 0, 1, … in creation order. */
  readonly index: number;
  readonly name: string;
  /**
   * Its colour in the log (an index into the palette, as a consumer's in
   * `qsim run`): the processes that may log are numbered 0, 1, … in creation
   * order; -1 for a process created with `{ log: false }`.
   */
  readonly colour: number;
}

export interface ModelStarted {
  readonly seed: number;
  /** The queues and processes the model function created; more may follow during the run. */
  readonly queues: readonly QueueInfo[];
  readonly processes: readonly ProcessInfo[];
}

export interface ModelFinished {
  /** Virtual time when the last process finished, in seconds. */
  readonly time: number;
  /** Items left in all the model's queues. */
  readonly finalQueueSize: number;
  /** True when the run was aborted (Ctrl-C, SIGTERM, `signal`) before every process had finished. */
  readonly interrupted: boolean;
}

export type WaitState = 'sleeping' | 'waiting';

export interface ModelObserver {
  /** A queue was created (by the model function, or by a process during the run). */
  queueCreated?(time: number, queue: QueueInfo): void;
  /** A process was created; it starts at `time`, after the events already due. */
  processCreated?(time: number, process: ProcessInfo): void;
  /**
   * The run begins. Every queue and process created so far has been reported;
   * the text log fixes the width of its name column here.
   */
  modelStarted?(event: ModelStarted): void;
  /** A process's body began. */
  processStarted?(time: number, process: ProcessInfo): void;
  /** A process's body returned. */
  processFinished?(time: number, process: ProcessInfo): void;
  /**
   * A process began to wait: `state` says whether it sleeps or waits on a
   * queue or an event, `on` what it waits on (as deadlock reports name it,
   * e.g. "get from queue jobs", "sleep"), `until` when a sleep ends (Infinity
   * for any other wait). processWoke follows when the wait ends.
   */
  processWaiting?(time: number, process: ProcessInfo, state: WaitState, on: string, until: number): void;
  /**
   * A process's wait ended: it slept (`sleeping`) or waited on a queue or an
   * event (`waiting`) from `since` to `time`.
   */
  processWoke?(time: number, process: ProcessInfo, state: WaitState, since: number): void;
  /** A put found `queue` full and waits for room (backpressure). */
  putBlocked?(time: number, queue: QueueInfo, process: ProcessInfo | undefined): void;
  /**
   * An item entered `queue`, which now holds `size` items. An item handed
   * straight to a waiting getter never counts in `size`: itemGot follows at
   * once with wait 0. `blocked` is how long its put waited for room (0 when it did not).
   */
  itemPut?(time: number, queue: QueueInfo, size: number, process: ProcessInfo | undefined, blocked: number): void;
  /** An item left `queue` (a get or take), which now holds `size` items; it had waited `wait` seconds in it. */
  itemGot?(time: number, queue: QueueInfo, size: number, process: ProcessInfo | undefined, wait: number): void;
  /** `process` logged one line of text (p.log). */
  logLine?(time: number, process: ProcessInfo, text: string): void;
  /** The run ended: every process has finished (or the run was aborted). */
  modelFinished?(event: ModelFinished): void;
}

const EVENT_NAMES = [
  'queueCreated',
  'processCreated',
  'modelStarted',
  'processStarted',
  'processFinished',
  'processWaiting',
  'processWoke',
  'putBlocked',
  'itemPut',
  'itemGot',
  'logLine',
  'modelFinished',
] as const satisfies readonly (keyof ModelObserver)[];

/** Joins observers into one with every method present (a single observer's methods are used directly). */
export function combineModelObservers(observers: readonly ModelObserver[]): Complete<ModelObserver> {
  return combineHandlers(observers, EVENT_NAMES);
}
