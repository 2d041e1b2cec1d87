/**
 * The seed of one run of a sweep, from the sweep's seed, the point's index and
 * the replication: the top 32 bits of
 *     splitmix64(splitmix64(splitmix64(seed) xor point) xor replication)
 * splitmix64 (Steele, Lea & Flood 2014) is a bijection on 64-bit words with
 * full avalanche, so neighbouring points and replications get unrelated seeds
 * (seed + i would give point 1 of seed 7 the streams of point 0 of seed 8).
 * A run's seed depends on nothing else, so results do not depend on --jobs or
 * on how the grid is sharded, and `qsim run … --seed S` repeats one run.
 */
const MASK = (1n << 64n) - 1n;

export function splitmix64(value: bigint): bigint {
  let z = (value + 0x9e3779b97f4a7c15n) & MASK;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
  return z ^ (z >> 31n);
}

export function runSeed(seed: number, point: number, replication: number): number {
  const mixed = splitmix64(splitmix64(splitmix64(BigInt(seed)) ^ BigInt(point)) ^ BigInt(replication));
  return Number(mixed >> 32n);
}
