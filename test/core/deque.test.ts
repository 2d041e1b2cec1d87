import fc from 'fast-check';
import { Deque } from '../../src/core/deque.js';

describe('Deque', () => {
  test('is FIFO through push and shift across growth', () => {
    const d = new Deque<number>(2);
    for (let i = 0; i < 100; i++) d.push(i);
    const out: number[] = [];
    while (d.length > 0) out.push(d.shift() as number);
    expect(out).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  test('shift and pop on an empty deque return undefined', () => {
    const d = new Deque<string>();
    expect(d.shift()).toBeUndefined();
    expect(d.pop()).toBeUndefined();
  });

  test('behaves like an array for any sequence of operations, wrapping around the ring', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), value: fc.integer() }),
      fc.record({ kind: fc.constant('unshift' as const), value: fc.integer() }),
      fc.record({ kind: fc.constant('shift' as const) }),
      fc.record({ kind: fc.constant('pop' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const d = new Deque<number>(4);
        const model: number[] = [];
        for (const o of ops) {
          if (o.kind === 'push') {
            d.push(o.value);
            model.push(o.value);
          } else if (o.kind === 'unshift') {
            d.unshift(o.value);
            model.unshift(o.value);
          } else if (o.kind === 'shift') expect(d.shift()).toBe(model.shift());
          else expect(d.pop()).toBe(model.pop());
          expect(d.length).toBe(model.length);
          expect(d.peekFirst()).toBe(model[0]);
        }
        expect([...d]).toEqual(model);
        model.forEach((v, i) => expect(d.at(i)).toBe(v));
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});
