import fc from 'fast-check';
import { EventHeap, type ScheduledEvent } from '../../src/core/event-heap.js';

const event = (time: number, seq: number): ScheduledEvent => ({ time, seq, fire() {} });

describe('EventHeap.remove', () => {
  it('takes any event off and keeps the (time, seq) order of the rest', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (times, picks) => {
          const heap = new EventHeap();
          const events = times.map((time, seq) => event(time, seq));
          for (const e of events) heap.push(e);
          const removed = new Set<ScheduledEvent>();
          for (const pick of picks) {
            const target = events[pick % events.length] as ScheduledEvent;
            expect(heap.remove(target)).toBe(!removed.has(target));
            removed.add(target);
          }
          const expected = events
            .filter((e) => !removed.has(e))
            .sort((a, b) => a.time - b.time || a.seq - b.seq);
          const popped: ScheduledEvent[] = [];
          for (let e = heap.pop(); e !== undefined; e = heap.pop()) popped.push(e);
          expect(popped).toEqual(expected);
        },
      ),
      { seed: 6, numRuns: 300 },
    );
  });
});
