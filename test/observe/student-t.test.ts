import { confidenceInterval, incompleteBeta, studentTCdf, studentTQuantile } from '../../src/observe/student-t.js';

describe("Student's t", () => {
  // t(0.975, ν) from any statistics table.
  test.each([
    [1, 12.706205],
    [2, 4.302653],
    [3, 3.182446],
    [7, 2.364624],
    [9, 2.262157],
    [30, 2.042272],
    [120, 1.979930],
  ])('the 97.5%% quantile with %d degrees of freedom is %f', (df, t) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 5);
  });

  test('approaches the normal quantile 1.959964 as the degrees of freedom grow', () => {
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959964, 5);
  });

  test('the CDF is symmetric about 0 and inverts the quantile', () => {
    expect(studentTCdf(0, 5)).toBeCloseTo(0.5, 12);
    expect(studentTCdf(-1.5, 4) + studentTCdf(1.5, 4)).toBeCloseTo(1, 12);
    expect(studentTCdf(studentTQuantile(0.9, 6), 6)).toBeCloseTo(0.9, 10);
  });

  test('with one degree of freedom it is the Cauchy distribution: P(T <= 1) = 3/4', () => {
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 12);
  });

  test('the incomplete beta function at its ends and for a = b = 1 (uniform)', () => {
    expect(incompleteBeta(0, 2, 3)).toBe(0);
    expect(incompleteBeta(1, 2, 3)).toBe(1);
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
  });

  test('rejects quantiles outside [0.5, 1)', () => {
    expect(() => studentTQuantile(0.4, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(1, 3)).toThrow(RangeError);
  });
});

describe('confidenceInterval', () => {
  test('mean ± t · s / √n', () => {
    const values = [1, 2, 3, 4];
    const { mean, halfWidth } = confidenceInterval(values, 0.95);
    expect(mean).toBe(2.5);
    const s = Math.sqrt(((1.5 ** 2 + 0.5 ** 2) * 2) / 3);
    expect(halfWidth).toBeCloseTo((3.182446 * s) / 2, 5);
  });

  test('no interval from one value', () => {
    expect(confidenceInterval([7], 0.95)).toEqual({ mean: 7, halfWidth: null });
  });
});
