import { RandomStream } from '../../src/core/random.js';
import { meanStandardError, moments, varianceStandardError, Z_TOLERANCE } from '../moments.js';

describe('RandomStream.normal', () => {
  test('has mean 0 and variance 1 within the standard error', () => {
    const stream = new RandomStream(2024, 'normal');
    const values = new Float64Array(400_000);
    for (let i = 0; i < values.length; i++) values[i] = stream.normal();
    const m = moments(values);
    expect(Math.abs(m.mean)).toBeLessThan(Z_TOLERANCE * meanStandardError(1, m.n));
    expect(Math.abs(m.variance - 1)).toBeLessThan(Z_TOLERANCE * varianceStandardError(m));
    // A normal's fourth moment is 3 and its eighth 105, so the sample m4 has standard error sqrt((105 - 9) / n).
    expect(Math.abs(m.m4 - 3)).toBeLessThan(Z_TOLERANCE * Math.sqrt(96 / m.n));
  });

  test('puts about 68.27% of values within one standard deviation', () => {
    const stream = new RandomStream(5, 'normal');
    const n = 200_000;
    let inside = 0;
    for (let i = 0; i < n; i++) if (Math.abs(stream.normal()) < 1) inside++;
    const p = 0.682689492;
    expect(Math.abs(inside / n - p)).toBeLessThan(Z_TOLERANCE * Math.sqrt((p * (1 - p)) / n));
  });

  test('is a pure function of seed, key and the calls made, the cached second normal included', () => {
    const calls = (stream: RandomStream): number[] => [
      stream.normal(),
      stream.next(), // between the two normals of a pair: the cached one is still returned next
      stream.normal(),
      stream.normal(),
      stream.exponential(2),
      stream.normal(),
    ];
    expect(calls(new RandomStream(9, 'a'))).toEqual(calls(new RandomStream(9, 'a')));
    const a = new RandomStream(9, 'a');
    const b = new RandomStream(9, 'b');
    const interleaved: number[] = [];
    for (let i = 0; i < 3; i++) interleaved.push(a.normal(), b.normal());
    const alone = new RandomStream(9, 'a');
    expect([interleaved[0], interleaved[2], interleaved[4]]).toEqual([alone.normal(), alone.normal(), alone.normal()]);
  });

  test('returns the cached second normal of a pair without drawing', () => {
    const stream = new RandomStream(1, 'pair');
    const twin = new RandomStream(1, 'pair');
    stream.normal();
    twin.normal();
    stream.normal(); // the cached one: the generator does not move
    expect(stream.nextUint32()).toBe(twin.nextUint32());
  });
});
