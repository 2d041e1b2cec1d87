import type { Worker } from './events.js';

/**
 * One unit of work flowing through the pipeline. Once an item has left the
 * pipeline (completed, dead-lettered or dropped) the model reuses the object
 * for a new item, so an observer that keeps anything past its event must copy
 * the fields it needs (the id, say), never keep the object.
 */
export interface Item {
  /** 0..n-1 across all sources and producers, in the order producers make them. */
  id: number;
  /** Global index of the producer that made it. */
  producer: number;
  /** Virtual time at which it entered the first queue (start of its time in the system). */
  bornAt: number;
  /** Virtual time at which it entered the queue it is in now. */
  enteredAt: number;
  /** Failed attempts in the current stage. */
  failures: number;
  /** The worker that put it into the queue it is in now (a producer, an upstream worker, or a retry). */
  putBy: Worker;
}
