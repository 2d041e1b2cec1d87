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
  /** Items that entered the queue. */
  readonly produced: number;
  readonly consumed: number;
  /** True when the run was stopped early (Ctrl-C): producers stopped and the queue was closed at once. */
  readonly interrupted: boolean;
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
  /** `consumer` took `item`; `size` is the queue size right after the get. */
  itemGot?(time: number, consumer: Worker, item: Item, size: number): void;
  /** `consumer` finished processing `item`. */
  itemProcessed?(time: number, consumer: Worker, item: Item): void;
  /** A worker stopped (a producer made its last item, or a consumer got the done signal). */
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
