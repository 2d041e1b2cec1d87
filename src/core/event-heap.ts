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

/** A binary min-heap of events ordered by (time, seq). O(log n) push and pop. */
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
    let i = items.length;
    items.push(event);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent] as ScheduledEvent;
      if (!before(event, p)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = event;
  }

  pop(): ScheduledEvent | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    const n = items.length;
    let i = 0;
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
      if (!before(c, last)) break;
      items[i] = c;
      i = child;
    }
    items[i] = last;
    return top;
  }
}
