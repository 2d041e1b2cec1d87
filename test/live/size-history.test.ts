import { SizeHistory } from '../../src/live/size-history.js';

describe('SizeHistory', () => {
  test('one sample per step, holding the largest size within it; quiet steps hold the standing size', () => {
    const history = new SizeHistory(1, 10);
    history.record(0, 1);
    history.record(0.5, 3);
    history.record(0.9, 2); // step 0 peaks at 3
    history.record(1.2, 1); // step 1 starts at 2, peaks at 2
    history.record(4.5, 0); // steps 2 and 3 hold 1; step 4 starts at 1
    expect(history.samples()).toEqual([3, 2, 1, 1, 1]);
  });

  test('advancing with no event closes the quiet steps', () => {
    const history = new SizeHistory(0.5, 10);
    history.record(0, 2);
    history.advance(2);
    expect(history.samples()).toEqual([2, 2, 2, 2, 2]);
  });

  test('keeps only the last `capacity` samples, however long the quiet spell', () => {
    const history = new SizeHistory(1, 4);
    for (let t = 0; t < 10; t++) history.record(t, t);
    expect(history.samples()).toEqual([6, 7, 8, 9]);
    history.advance(1e12);
    expect(history.samples()).toEqual([9, 9, 9, 9]);
  });

  test('a time earlier than the current step counts in the current step', () => {
    const history = new SizeHistory(1, 4);
    history.advance(3);
    history.record(2.5, 5);
    expect(history.samples()).toEqual([0, 0, 0, 5]);
  });
});
