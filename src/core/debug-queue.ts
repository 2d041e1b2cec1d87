/**
 * A queue with its invariants checked (debug mode). DebugQueue is an
 * AsyncQueue that reports what it observes to a QueueAudit; it changes no
 * behaviour and adds no await, so a run prints the same bytes with it.
 */
import type { DebugMonitor } from './debug-monitor.js';
import type { Process, Step } from './process.js';
import { AsyncQueue, YIELD, type Closed, type QueueOptions, type Yield } from './queue.js';

/**
 * The bookkeeping behind a queue's invariants, fed one observation at a time:
 * the size stays within [0, capacity] and changes by exactly one per item in or
 * out; each item put is got at most once (items are told apart by identity,
 * counted with multiplicity); taskDone() is never called more times than items
 * were got; and at the end every item got was marked done and no item was left
 * waiting, unless the queue was closed at once (then the items left are expected).
 */
export class QueueAudit<T> {
  /** Items waiting in the queue, each with how many times it is in it. */
  readonly #waiting = new Map<T, number>();
  #size = 0;
  /** drop-oldest has just taken an item out: the next entered() at the same size puts one in its place. */
  #replacing = false;
  #got = 0;
  #done = 0;

  constructor(
    readonly monitor: DebugMonitor,
    readonly name: string,
    readonly capacity: number,
    readonly describe: (item: T) => string = (item) => `item ${String(item)}`,
  ) {}

  /**
   * `item` entered; `size` is the queue's size right after (unchanged when it
   * went straight to a waiting getter, or took the place of an item dropped by
   * drop-oldest).
   */
  entered(item: T, size: number): void {
    if (size === this.#size + 1 || (this.#replacing && size === this.#size)) this.#waiting.set(item, (this.#waiting.get(item) ?? 0) + 1);
    else if (size === this.#size) this.#got++;
    else this.#sizeJump(`${this.describe(item)} entered`, size);
    this.#replacing = false;
    this.#setSize(size);
  }

  /**
   * A drop policy discarded `item`: under drop-oldest it was the first item and
   * leaves the queue (the new item's `entered` follows, in its place); under
   * drop-newest it never entered.
   */
  dropped(item: T, oldest: boolean): void {
    if (!oldest) return;
    const count = this.#waiting.get(item);
    if (count === undefined) {
      this.monitor.report('item-got-twice', `${this.describe(item)} was dropped from ${this.name} but was not waiting in it`);
    } else if (count === 1) this.#waiting.delete(item);
    else this.#waiting.set(item, count - 1);
    this.#replacing = true;
  }

  /** An item is about to leave the front: a waiting putter's item may enter while it does. */
  leaving(): void {
    this.#size--;
  }

  /** `item` left to a getter; `size` is the queue's size right after. */
  left(item: T, size: number): void {
    const count = this.#waiting.get(item);
    if (count === undefined) {
      this.monitor.report('item-got-twice', `${this.describe(item)} was got from ${this.name} more times than it was put`);
    } else if (count === 1) this.#waiting.delete(item);
    else this.#waiting.set(item, count - 1);
    this.#got++;
    if (size !== this.#size) this.#sizeJump(`${this.describe(item)} left`, size);
    this.#setSize(size);
  }

  taskDone(): void {
    if (this.#done >= this.#got) {
      this.monitor.report(
        'task-done-excess',
        `taskDone() was called on ${this.name} ${this.#done + 1} times, but only ${this.#got} items were got`,
      );
    }
    this.#done++;
  }

  /** End of the run. */
  end(closedImmediately: boolean): void {
    if (this.#done < this.#got) {
      const missing = this.#got - this.#done;
      this.monitor.report(
        'task-done-missing',
        `${missing} item${missing === 1 ? '' : 's'} got from ${this.name} never marked done with taskDone() (${this.#got} got, ${this.#done} done)`,
      );
    }
    if (!closedImmediately && this.#size > 0) {
      const names = [...this.#waiting.keys()].slice(0, 5).map(this.describe);
      const more = this.#size > names.length ? `, and ${this.#size - names.length} more` : '';
      this.monitor.report(
        'item-never-got',
        `${this.#size} item${this.#size === 1 ? ' was' : 's were'} put into ${this.name} but never got: ${names.join(', ')}${more}`,
      );
    }
  }

  #setSize(size: number): void {
    this.#size = size;
    if (size < 0 || size > this.capacity) {
      this.monitor.report('queue-size', `${this.name} holds ${size} items, outside [0, ${this.capacity}]`);
    }
  }

  #sizeJump(what: string, size: number): void {
    this.monitor.report('queue-size', `${this.name} went from ${this.#size} to ${size} items when ${what}`);
  }
}

export interface DebugQueueOptions<T> extends QueueOptions<T> {
  monitor: DebugMonitor;
  /** Names an item in findings ("item 17"). */
  describe?: (item: T) => string;
}

export class DebugQueue<T> extends AsyncQueue<T> {
  readonly #audit: QueueAudit<T>;

  constructor(options: DebugQueueOptions<T>) {
    const { monitor, describe, onEnter, onDrop, ...queueOptions } = options;
    // The hooks run only after construction, once the audit is set.
    const late: { audit?: QueueAudit<T> } = {};
    super({
      ...queueOptions,
      onEnter: (item) => {
        late.audit?.entered(item, this.size);
        onEnter?.(item);
      },
      onDrop: (item) => {
        late.audit?.dropped(item, this.onFull === 'drop-oldest');
        onDrop?.(item);
      },
    });
    const audit = new QueueAudit(monitor, this.name, this.capacity, describe);
    late.audit = audit;
    this.#audit = audit;
    monitor.atEnd(() => audit.end(this.isClosedImmediately));
  }

  override get(process: Process): Promise<T | Closed> {
    // The same path AsyncQueue.get takes with items available, through getNowait so the item is seen.
    if (this.size > 0 && !this.isClosedImmediately) return Promise.resolve(this.#take());
    return super.get(process);
  }

  override getStep(process: Process): Step {
    if (this.size > 0 && !this.isClosedImmediately) return process.continueStep(this.#take());
    return super.getStep(process);
  }

  /** Always the yielding form, so every get passes the audit in getStep (same order, see AsyncQueue.getInPlace). */
  override getInPlace(): T | Yield {
    return YIELD;
  }

  override getNowait(): T | Closed {
    if (this.size > 0 && !this.isClosedImmediately) return this.#take();
    return super.getNowait();
  }

  override taskDone(): void {
    this.#audit.taskDone();
    super.taskDone();
  }

  #take(): T {
    this.#audit.leaving();
    const item = super.getNowait() as T;
    this.#audit.left(item, this.size);
    return item;
  }
}
