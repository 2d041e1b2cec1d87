import { Deque } from '../../src/core/deque.js';

describe('Deque.removeAt', () => {
  it('removes from the middle of a wrapped ring and keeps the order', () => {
    const deque = new Deque<number>(4);
    for (const n of [0, 1, 2, 3]) deque.push(n);
    deque.shift();
    deque.shift();
    for (const n of [4, 5]) deque.push(n); // the ring now wraps: 2 3 4 5
    expect(deque.indexOf(4)).toBe(2);
    expect(deque.removeAt(deque.indexOf(3))).toBe(true);
    expect([...deque]).toEqual([2, 4, 5]);
    expect(deque.removeAt(deque.indexOf(99))).toBe(false);
    expect(deque.length).toBe(3);
  });
});
