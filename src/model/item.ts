import type { Worker } from './events.js';

/**
 * One unit of work flowing through the pipeline, as an observer sees it during
 * an event. The pipeline keeps its items column by column (ItemStore) and
 * passes a view that reads the item's fields only until the next event, so an
 * observer that keeps anything past its event must copy the fields it needs
 * (the id, say), never keep the object.
 */
export interface Item {
  /** 0..n-1 across all sources and producers, in the order producers make them. */
  readonly id: number;
  /** Global index of the producer that made it. */
  readonly producer: number;
  /** Virtual time at which it entered the first queue (start of its time in the system). */
  readonly bornAt: number;
  /** Virtual time at which it entered the queue it is in now. */
  readonly enteredAt: number;
  /** Failed attempts in the current stage. */
  readonly failures: number;
  /** The worker that put it into the queue it is in now (a producer, an upstream worker, or a retry). */
  readonly putBy: Worker;
}
