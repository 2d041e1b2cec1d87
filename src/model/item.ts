/** One unit of work flowing through the queue. */
export interface Item {
  /** 0..n-1 across all producers, in the order they are made (the order they enter the queue, unless a put waits or the item is dropped). */
  readonly id: number;
  /** Index of the producer that made it. */
  readonly producer: number;
  /** Virtual time at which it entered the queue (set on entry). */
  enteredAt: number;
}
