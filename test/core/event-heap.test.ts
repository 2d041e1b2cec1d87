import fc from 'fast-check';
import { EventHeap, type ScheduledEvent } from '../../src/core/event-heap.js';

function event(time: number, seq: number, log: string[] = []): ScheduledEvent {
  return { time, seq, fire: () => log.push(`${time}/${seq}`) };
}

describe('EventHeap', () => {
  test('pops events in time order', () => {
    const heap = new EventHeap();
    for (const t of [5, 1, 3, 2, 4]) heap.push(event(t, t));
    const times: number[] = [];
    for (let e = heap.pop(); e; e = heap.pop()) times.push(e.time);
    expect(times).toEqual([1, 2, 3, 4, 5]);
  });

  test('breaks ties at the same time by sequence number (FIFO)', () => {
    const heap = new EventHeap();
    heap.push(event(1, 2));
    heap.push(event(1, 0));
    heap.push(event(0.5, 3));
    heap.push(event(1, 1));
    const order: string[] = [];
    for (let e = heap.pop(); e; e = heap.pop()) order.push(`${e.time}/${e.seq}`);
    expect(order).toEqual(['0.5/3', '1/0', '1/1', '1/2']);
  });

  test('pop on an empty heap returns undefined', () => {
    expect(new EventHeap().pop()).toBeUndefined();
    expect(new EventHeap().peek()).toBeUndefined();
  });

  test('matches a sort by (time, seq) for any interleaving of pushes and pops', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant(-1)), { maxLength: 200 }), (ops) => {
        const heap = new EventHeap();
        const model: ScheduledEvent[] = [];
        let seq = 0;
        for (const op of ops) {
          if (op < 0) {
            model.sort((a, b) => a.time - b.time || a.seq - b.seq);
            expect(heap.pop()).toBe(model.shift());
          } else {
            const e = event(op, seq++);
            heap.push(e);
            model.push(e);
          }
        }
        expect(heap.size).toBe(model.length);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
