/** One unit of work flowing through the queue. */
export interface Item {
  /** 0..n-1 across all producers, in the order items enter the queue. */
  readonly id: number;
  /** Index of the producer that made it. */
  readonly producer: number;
  /** Virtual time at which it entered the queue (set on entry). */
  enteredAt: number;
}
