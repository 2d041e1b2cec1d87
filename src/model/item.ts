import type { Worker } from './events.js';

/** One unit of work flowing through the pipeline. */
export interface Item {
  /** 0..n-1 across all sources and producers, in the order producers make them. */
  readonly id: number;
  /** Global index of the producer that made it. */
  readonly producer: number;
  /** Virtual time at which it entered the first queue (start of its time in the system). */
  bornAt: number;
  /** Virtual time at which it entered the queue it is in now. */
  enteredAt: number;
  /** Failed attempts in the current stage. */
  failures: number;
  /** The worker that put it into the queue it is in now (a producer, an upstream worker, or a retry). */
  putBy: Worker;
}
