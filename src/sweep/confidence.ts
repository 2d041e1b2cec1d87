/**
 * Mean and 95% confidence interval of a figure over independent replications,
 * by Student's t: mean ± t(0.975, n−1) · s / √n, with s the sample standard
 * deviation. One replication has no interval (null).
 */

/** t(0.975, df) for df = 1..30. */
const T_975 = [
  12.706204736, 4.30265273, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252, 2.306004135, 2.262157163,
  2.228138852, 2.20098516, 2.17881283, 2.160368656, 2.144786688, 2.131449546, 2.119905299, 2.109815578, 2.10092204,
  2.093024054, 2.085963447, 2.079613845, 2.073873068, 2.068657610, 2.063898562, 2.059538553, 2.055529439, 2.051830516,
  2.048407142, 2.045229642, 2.042272456,
];

const Z_975 = 1.959963984540054;

/**
 * The 97.5% quantile of Student's t with `df` degrees of freedom: a table up
 * to 30, then the Cornish–Fisher expansion in 1/df (error below 1e-6 there).
 */
export function studentT975(df: number): number {
  if (!(df >= 1) || !Number.isInteger(df)) throw new RangeError(`degrees of freedom must be a whole number >= 1, got ${df}`);
  const tabled = T_975[df - 1];
  if (tabled !== undefined) return tabled;
  const z = Z_975;
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}

export interface Interval {
  readonly mean: number | null;
  /** Half the 95% interval's width; null with fewer than two values. */
  readonly halfWidth: number | null;
}

/** Mean and 95% half-width of `values`; null when any value is null (the figure was not measured in every replication). */
export function confidenceInterval(values: readonly (number | null)[]): Interval {
  const n = values.length;
  if (n === 0 || values.some((value) => value === null)) return { mean: null, halfWidth: null };
  const numbers = values as readonly number[];
  const mean = numbers.reduce((sum, value) => sum + value, 0) / n;
  if (n === 1) return { mean, halfWidth: null };
  const squares = numbers.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  const sd = Math.sqrt(squares / (n - 1));
  return { mean, halfWidth: (studentT975(n - 1) * sd) / Math.sqrt(n) };
}
