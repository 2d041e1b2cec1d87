/**
 * Something that happens at a point of virtual time. `seq` is unique and rises
 * with every scheduling, so (time, seq) is a total order: events at the same
 * time fire in the order they were scheduled (FIFO) and no tie can remain,
 * which is what makes a seeded run repeatable.
 */
export interface ScheduledEvent {
  time: number;
  seq: number;
  fire(): void;
}

function before(a: ScheduledEvent, b: ScheduledEvent): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

/** A binary min-heap of events ordered by (time, seq). O(log n) push and pop; O(n) remove. */
export class EventHeap {
  #items: ScheduledEvent[] = [];

  get size(): number {
    return this.#items.length;
  }

  peek(): ScheduledEvent | undefined {
    return this.#items[0];
  }

  push(event: ScheduledEvent): void {
    const items = this.#items;
    items.push(event);
    this.#siftUp(event, items.length - 1);
  }

  pop(): ScheduledEvent | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    this.#siftDown(last, 0);
    return top;
  }

  /**
   * Takes `event` off the heap wherever it is; false when it is not there.
   * O(n) to find it: meant for rare cancellations (an interrupted sleep), not per event.
   */
  remove(event: ScheduledEvent): boolean {
    const items = this.#items;
    const index = items.indexOf(event);
    if (index < 0) return false;
    const last = items.pop() as ScheduledEvent;
    if (index < items.length) {
      // The last event fills the hole; it may belong above it or below it.
      const parent = items[(index - 1) >> 1];
      if (index > 0 && parent !== undefined && before(last, parent)) this.#siftUp(last, index);
      else this.#siftDown(last, index);
    }
    return true;
  }

  /** Places `event` at hole `i` or above it, moving larger parents down. */
  #siftUp(event: ScheduledEvent, i: number): void {
    const items = this.#items;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent] as ScheduledEvent;
      if (!before(event, p)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = event;
  }

  /** Places `event` at hole `i` or below it, moving smaller children up. */
  #siftDown(event: ScheduledEvent, i: number): void {
    const items = this.#items;
    const n = items.length;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      let c = items[left] as ScheduledEvent;
      if (right < n) {
        const r = items[right] as ScheduledEvent;
        if (before(r, c)) {
          child = right;
          c = r;
        }
      }
      if (!before(c, event)) break;
      items[i] = c;
      i = child;
    }
    items[i] = event;
  }
}
