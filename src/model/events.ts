import { combineHandlers, type Complete } from './combine-observers.js';
import type { Item } from './item.js';
import type { Scenario } from './scenario.js';

export type WorkerRole = 'producer' | 'consumer';

export interface Worker {
  /** The name in log lines: `Fred`, or `parse/worker-1` when the pipeline has several stages. */
  readonly name: string;
  readonly role: WorkerRole;
  /** Index among all workers of its role, across sources or stages (also the consumer's colour). */
  readonly index: number;
  /** The source (producers) or stage (consumers) the worker belongs to. */
  readonly group: number;
}

export interface RunStarted {
  readonly scenario: Scenario;
  /** Every producer, in index order. */
  readonly producers: readonly Worker[];
  /** Every consumer of every stage, in index order. */
  readonly consumers: readonly Worker[];
  /** The seed the run uses (the scenario's, or the one drawn for it). */
  readonly seed: number;
}

export interface RunFinished {
  /** Virtual time at the end of the run, in seconds. */
  readonly time: number;
  /** Items left in the queues, unconsumed (all queues together). */
  readonly finalQueueSize: number;
  /** Items made by producers: produced = consumed + dropped + deadLettered + finalQueueSize. */
  readonly produced: number;
  /** Items that made it through the last stage. */
  readonly consumed: number;
  /** Items discarded by a drop policy; never got, so outside every wait statistic. */
  readonly dropped: number;
  /** Items that failed every attempt at some stage. */
  readonly deadLettered: number;
  /** True when the run was stopped early (Ctrl-C): producers stopped, queues closed at once, workers finished what they held. */
  readonly interrupted: boolean;
}

/**
 * The typed events of a run. Observers implement the ones they need; the model
 * calls them with plain arguments (no event object is allocated per event), and
 * an event no observer asked for costs nothing but an empty call.
 *
 * `stage` arguments are indexes into scenario.stages; a consumer's stage is its `group`.
 * An `item` argument is valid during its event only (the pipeline passes one
 * view of its item store, pointed at each item in turn): copy what you keep.
 */
export interface RunObserver {
  runStarted?(event: RunStarted): void;
  /** `worker`'s put into stage `stage`'s queue found it full and waits (backpressure). */
  putBlocked?(time: number, worker: Worker, stage: number): void;
  /**
   * `worker`'s blocked put into stage `stage`'s queue was given up because the
   * run was stopped (Ctrl-C): its item never entered (a producer's item is
   * then not made; a consumer's stays with the leftovers). Ends the putBlocked.
   */
  putAbandoned?(time: number, worker: Worker, stage: number): void;
  /**
   * `item` entered stage `stage`'s queue, put by `worker` (a producer, an
   * upstream consumer, or — for a retry — the consumer whose attempt failed);
   * `size` counts the items waiting in that queue now (not one handed straight
   * to a waiting consumer).
   */
  itemPut?(time: number, worker: Worker, item: Item, size: number, stage: number): void;
  /**
   * `item` was discarded because stage `stage`'s queue was full under a drop
   * policy; `worker` is the one whose put found it full, `size` the size it
   * found (the capacity). Under drop-newest `item` is the one being put and
   * never entered (no itemPut); under drop-oldest it is the queue's first item,
   * which leaves it, and itemPut follows at once for the new item.
   */
  itemDropped?(time: number, worker: Worker, item: Item, size: number, stage: number): void;
  /**
   * `consumer` took `item` into its slot `slot` (0..concurrency-1), which is
   * busy until the matching itemProcessed or itemFailed; `size` is the queue
   * size right after the get.
   */
  itemGot?(time: number, consumer: Worker, item: Item, size: number, slot: number): void;
  /** `consumer` starts an attempt at `item` in slot `slot`, right after taking it; it ends at virtual time `until`. */
  processingStarted?(time: number, consumer: Worker, item: Item, until: number, slot: number): void;
  /** `consumer` finished processing `item` in slot `slot` successfully; the slot is free again. */
  itemProcessed?(time: number, consumer: Worker, item: Item, slot: number): void;
  /**
   * An attempt at `item` failed in `consumer`'s slot `slot` (free again);
   * `attempt` of `attempts` (1-based). A retry follows after the backoff, or,
   * after the last attempt, itemDeadLettered.
   */
  itemFailed?(time: number, consumer: Worker, item: Item, slot: number, attempt: number, attempts: number): void;
  /** `item` failed every attempt at `consumer`'s stage and left the pipeline. */
  itemDeadLettered?(time: number, consumer: Worker, item: Item): void;
  /**
   * A worker stopped: a producer made its last item (or reached its duration),
   * or a consumer's last slot got the done signal.
   */
  workerDone?(time: number, worker: Worker): void;
  runFinished?(event: RunFinished): void;
}



const EVENT_NAMES = [
  'runStarted',
  'putBlocked',
  'putAbandoned',
  'itemPut',
  'itemDropped',
  'itemGot',
  'processingStarted',
  'itemProcessed',
  'itemFailed',
  'itemDeadLettered',
  'workerDone',
  'runFinished',
] as const satisfies readonly (keyof RunObserver)[];

/**
 * Joins observers into one with every method present, so the model calls each
 * event without optional checks; with a single observer its methods are used
 * directly.
 */
export function combineObservers(observers: readonly RunObserver[]): Complete<RunObserver> {
  return combineHandlers(observers, EVENT_NAMES);
}
