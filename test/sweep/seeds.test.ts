import { runSeed, splitmix64 } from '../../src/sweep/seeds.js';

describe('run seeds', () => {
  test('splitmix64 is the reference generator (its first output from state 0 is 0xe220a8397b1dcdaf)', () => {
    expect(splitmix64(0n)).toBe(0xe220a8397b1dcdafn);
  });

  test('a run seed depends only on (seed, point, replication)', () => {
    expect(runSeed(7, 3, 2)).toBe(runSeed(7, 3, 2));
    expect(Number.isSafeInteger(runSeed(7, 3, 2))).toBe(true);
    expect(runSeed(7, 3, 2)).toBeLessThan(2 ** 32);
  });

  test('neighbouring points, replications and seeds get distinct, unrelated seeds (not seed + i)', () => {
    const seeds = new Set<number>();
    for (let seed = 0; seed < 4; seed++) {
      for (let point = 0; point < 50; point++) for (let replication = 0; replication < 5; replication++) seeds.add(runSeed(seed, point, replication));
    }
    expect(seeds.size).toBe(4 * 50 * 5);
    // Point 1 of seed 7 is not point 0 of seed 8, as it would be with seed + point.
    expect(runSeed(7, 1, 0)).not.toBe(runSeed(8, 0, 0));
    expect(runSeed(7, 0, 1)).not.toBe(runSeed(7, 1, 0));
  });

  test('seeds up to Number.MAX_SAFE_INTEGER are accepted', () => {
    expect(runSeed(Number.MAX_SAFE_INTEGER, 0, 0)).toBeGreaterThanOrEqual(0);
  });
});
