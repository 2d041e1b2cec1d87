import { Deque } from '../core/deque.js';

/** An item in a model queue, with when it entered (for its wait) and its place in the priority order. */
export interface Entry<T> {
  readonly item: T;
  readonly enteredAt: number;
  /** The priority (priority queues) or 0. */
  readonly key: number;
  /** Rises with every put: equal priorities leave in the order they came. */
  readonly seq: number;
}

/** Where a queue keeps its items; each kind decides only which item leaves next. */
export interface QueueStore<T> {
  readonly length: number;
  push(entry: Entry<T>): void;
  /** Removes and returns the next entry; only called when length > 0. */
  take(): Entry<T>;
  /** The entries, from the next to leave to the last. */
  entries(): Entry<T>[];
}

/** First in, first out: a ring buffer, O(1). */
export class FifoStore<T> implements QueueStore<T> {
  readonly #items = new Deque<Entry<T>>();
  get length(): number {
    return this.#items.length;
  }
  push(entry: Entry<T>): void {
    this.#items.push(entry);
  }
  take(): Entry<T> {
    return this.#items.shift() as Entry<T>;
  }
  entries(): Entry<T>[] {
    return [...this.#items];
  }
}

/** Last in, first out: a stack, O(1). */
export class LifoStore<T> implements QueueStore<T> {
  readonly #items: Entry<T>[] = [];
  get length(): number {
    return this.#items.length;
  }
  push(entry: Entry<T>): void {
    this.#items.push(entry);
  }
  take(): Entry<T> {
    return this.#items.pop() as Entry<T>;
  }
  entries(): Entry<T>[] {
    return [...this.#items].reverse();
  }
}

function before<T>(a: Entry<T>, b: Entry<T>): boolean {
  return a.key < b.key || (a.key === b.key && a.seq < b.seq);
}

/** Lowest priority value first, ties in arrival order: a binary heap on (key, seq), O(log n). */
export class PriorityStore<T> implements QueueStore<T> {
  readonly #heap: Entry<T>[] = [];
  get length(): number {
    return this.#heap.length;
  }

  push(entry: Entry<T>): void {
    const heap = this.#heap;
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = heap[parent] as Entry<T>;
      if (!before(entry, above)) break;
      heap[i] = above;
      i = parent;
    }
    heap[i] = entry;
  }

  take(): Entry<T> {
    const heap = this.#heap;
    const top = heap[0] as Entry<T>;
    const last = heap.pop() as Entry<T>;
    const n = heap.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        const child = right < n && before(heap[right] as Entry<T>, heap[left] as Entry<T>) ? right : left;
        const smaller = heap[child] as Entry<T>;
        if (!before(smaller, last)) break;
        heap[i] = smaller;
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }

  entries(): Entry<T>[] {
    return [...this.#heap].sort((a, b) => (before(a, b) ? -1 : 1));
  }
}
