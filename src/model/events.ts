import type { RunConfig } from './config.js';
import type { Item } from './item.js';

export type WorkerRole = 'producer' | 'consumer';

export interface Worker {
  readonly name: string;
  readonly role: WorkerRole;
  /** Index among the workers of its role. */
  readonly index: number;
}

export interface RunStarted {
  readonly config: RunConfig;
  readonly producers: readonly Worker[];
  readonly consumers: readonly Worker[];
}

export interface RunFinished {
  /** Virtual time at the end of the run, in seconds. */
  readonly time: number;
  /** Items left in the queue, unconsumed. */
  readonly finalQueueSize: number;
  /** Items made by producers, dropped ones included: produced = consumed + dropped + finalQueueSize. */
  readonly produced: number;
  readonly consumed: number;
  /** Items discarded by a drop policy (--on-full); never got, so outside every wait statistic. */
  readonly dropped: number;
}

/**
 * The typed events of a run. Observers implement the ones they need; the model
 * calls them with plain arguments (no event object is allocated per event), and
 * an event no observer asked for costs nothing but an empty call.
 */
export interface RunObserver {
  runStarted?(event: RunStarted): void;
  /** A producer's put found the queue full and waits. */
  producerBlocked?(time: number, producer: Worker): void;
  /** `item` entered the queue; `size` counts the items waiting in it now. */
  itemPut?(time: number, producer: Worker, item: Item, size: number): void;
  /**
   * `item` was discarded because the queue was full (config.onFull is a drop
   * policy); `producer` is the one whose put found the queue full and `size`
   * the queue size it found (the capacity). Under drop-newest `item` is the
   * one being put and never entered the queue (no itemPut); under drop-oldest
   * it is the queue's first item, which had entered earlier and now leaves it,
   * and itemPut follows at once for the new item (same time and size).
   */
  itemDropped?(time: number, producer: Worker, item: Item, size: number): void;
  /**
   * `consumer` took `item` into its slot `slot` (0..config.concurrency-1),
   * which is busy from now until the matching itemProcessed; `size` is the
   * queue size right after the get. Busy slots at any moment = items got -
   * items processed, so utilization = busy slot-seconds / (slots x time),
   * where slots = consumers x config.concurrency.
   */
  itemGot?(time: number, consumer: Worker, item: Item, size: number, slot: number): void;
  /** `consumer` finished processing `item` in slot `slot`, which is free again. */
  itemProcessed?(time: number, consumer: Worker, item: Item, slot: number): void;
  /**
   * A worker stopped: a producer made its last item (or reached config.duration),
   * or a consumer's last slot got the done signal.
   */
  workerDone?(time: number, worker: Worker): void;
  runFinished?(event: RunFinished): void;
}

type Required<T> = { [K in keyof T]-?: T[K] };

const noop = (): void => {};

/**
 * Joins observers into one with every method present, so the model calls each
 * event without optional checks; with a single observer its methods are used
 * directly.
 */
export function combineObservers(observers: readonly RunObserver[]): Required<RunObserver> {
  const names = [
    'runStarted',
    'producerBlocked',
    'itemPut',
    'itemDropped',
    'itemGot',
    'itemProcessed',
    'workerDone',
    'runFinished',
  ] as const satisfies readonly (keyof RunObserver)[];
  const combined = {} as Record<(typeof names)[number], (...args: never[]) => void>;
  for (const name of names) {
    const handlers = observers
      .filter((o) => typeof o[name] === 'function')
      .map((o) => (o[name] as (...args: unknown[]) => void).bind(o));
    const [only] = handlers;
    combined[name] =
      handlers.length === 0
        ? noop
        : handlers.length === 1 && only
          ? only
          : (...args: unknown[]) => {
              for (const handler of handlers) handler(...args);
            };
  }
  return combined as unknown as Required<RunObserver>;
}
