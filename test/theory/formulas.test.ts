import { allenCunneen, departureScv } from '../../src/theory/approximations.js';
import { erlangB, erlangC, mmc, mmck } from '../../src/theory/erlang.js';
import { gm1, gm1Sigma, mg1 } from '../../src/theory/single-server.js';

describe('Erlang B and C against published tables', () => {
  // Erlang B: blocking of M/M/c/c, as in the Erlang B traffic tables (B(10, 5) = 0.0184, B(20, 15) = 0.0456);
  // six decimals checked against the factorial sums a^c/c! / Σ a^k/k!, an independent computation.
  test.each([
    [1, 1, 0.5],
    [2, 1, 0.2],
    [5, 2, 0.036697],
    [10, 5, 0.018385],
    [10, 8, 0.121661],
    [20, 15, 0.045593],
  ])('B(c = %d, a = %d erlangs) = %f', (c, a, expected) => {
    expect(erlangB(c, a)).toBeCloseTo(expected, 6);
  });

  // Erlang C: probability of waiting in M/M/c, checked the same way against (a^c/c!)(c/(c−a)) / (Σ_{k<c} a^k/k! + that).
  test.each([
    [1, 0.5, 0.5],
    [2, 1, 1 / 3],
    [4, 3, 0.509434],
    [10, 8, 0.409180],
    [20, 15, 0.160429],
  ])('C(c = %d, a = %d erlangs) = %f', (c, a, expected) => {
    expect(erlangC(c, a)).toBeCloseTo(expected, 6);
  });

  test('stays accurate for very many servers (the recursion never forms factorials)', () => {
    const b = erlangB(100_000, 99_000);
    expect(Number.isFinite(b)).toBe(true);
    expect(b).toBeGreaterThan(0);
    expect(b).toBeLessThan(0.01);
    expect(erlangC(100_000, 99_000)).toBeGreaterThan(b);
  });

  test('with the load at or above the servers everyone waits', () => {
    expect(erlangC(2, 2)).toBe(1);
    expect(erlangC(2, 3)).toBe(1);
  });
});

describe('M/M/c', () => {
  test('M/M/1: Wq = ρ / (μ − λ), Lq = ρ² / (1 − ρ)', () => {
    const figures = mmc(0.8, 1, 1);
    expect(figures?.meanWait).toBeCloseTo(4, 12);
    expect(figures?.meanQueueSize).toBeCloseTo(3.2, 12);
  });

  test("the issue's M/M/4 at ρ ≈ 0.9 (exp(278ms) arrivals, exp(1s) service): Wq = 1.9517 s", () => {
    const figures = mmc(1 / 0.278, 1, 4);
    expect(figures?.meanWait).toBeCloseTo(1.951707, 5);
    expect(figures?.meanQueueSize).toBeCloseTo(7.020527, 5);
  });

  test('M/M/2 with λ = 1, μ = 1 (a textbook case): Wq = 1/3 s, Lq = 1/3', () => {
    expect(mmc(1, 1, 2)?.meanWait).toBeCloseTo(1 / 3, 12);
  });

  test('no steady state at ρ >= 1; no wait without work', () => {
    expect(mmc(2, 1, 2)).toBeUndefined();
    expect(mmc(3, 0, 1)).toEqual({ meanWait: 0, meanQueueSize: 0 });
  });
});

describe('M/M/c/K', () => {
  test('M/M/c/c is Erlang B', () => {
    expect(mmck(8, 1, 10, 0)?.blocking).toBeCloseTo(erlangB(10, 8), 12);
    expect(mmck(8, 1, 10, 0)?.meanQueueSize).toBe(0);
  });

  test('M/M/1/4 at ρ = 1: five states equally likely', () => {
    const figures = mmck(1, 1, 1, 3);
    expect(figures?.blocking).toBeCloseTo(0.2, 12);
    expect(figures?.meanQueueSize).toBeCloseTo((0 + 0 + 1 + 2 + 3) / 5, 12);
    // Little's law with the admitted rate 0.8.
    expect(figures?.meanWait).toBeCloseTo(1.2 / 0.8, 12);
  });

  test('M/M/1/K: P(full) = (1 − ρ)ρ^K / (1 − ρ^(K+1))', () => {
    const rho = 0.75;
    const K = 6;
    expect(mmck(rho, 1, 1, K - 1)?.blocking).toBeCloseTo(((1 - rho) * rho ** K) / (1 - rho ** (K + 1)), 12);
  });

  test('a large room approaches M/M/c below capacity, and loses 1 − 1/ρ above it', () => {
    const big = mmck(3.2, 1, 4, 100_000);
    expect(big?.meanWait).toBeCloseTo(mmc(3.2, 1, 4)?.meanWait as number, 9);
    expect(mmck(2, 1, 1, 1_000_000)?.blocking).toBeCloseTo(0.5, 9);
  });
});

describe('Pollaczek–Khinchine (M/G/1)', () => {
  test('M/D/1: Wq = ρ E[S] / (2(1 − ρ)), half the M/M/1 wait', () => {
    expect(mg1(0.8, 1, 0)?.meanWait).toBeCloseTo(2, 12);
    expect(mg1(0.5, 1, 0)?.meanWait).toBeCloseTo(0.5, 12);
  });

  test('M/M/1 through P–K equals Erlang C', () => {
    expect(mg1(0.7, 1, 1)?.meanWait).toBeCloseTo(mmc(0.7, 1, 1)?.meanWait as number, 12);
  });

  test('M/U/1 with uniform(0, 2 s) service at λ = 0.7 (ρ = 0.7): E[S²] = 1/3 + 1 = 4/3', () => {
    const expected = (0.7 * (4 / 3)) / (2 * (1 - 0.7));
    expect(mg1(0.7, 1, 1 / 3)?.meanWait).toBeCloseTo(expected, 12);
  });

  test('no steady state at ρ >= 1', () => {
    expect(mg1(1, 1, 0)).toBeUndefined();
  });
});

describe('G/M/1 and D/M/1', () => {
  const constant = (d: number) => (s: number) => Math.exp(-s * d);

  // σ of D/M/1, computed independently by 100000 fixed-point iterations of σ ← exp(−(1 − σ)/ρ) from 0.
  test.each([
    [0.5, 0.203188],
    [0.7, 0.466996],
    [0.8, 0.62863],
    [0.9, 0.8069],
  ])('D/M/1 at ρ = %f: σ = %f, the root of σ = exp(−(1 − σ)/ρ)', (rho, sigma) => {
    const found = gm1Sigma(constant(1 / rho), 1);
    expect(found).toBeCloseTo(sigma, 5);
    expect(Math.abs(found - Math.exp(-(1 - found) / rho))).toBeLessThan(1e-12);
  });

  test('Wq = σ / (μ(1 − σ)) for D/M/1', () => {
    const sigma = gm1Sigma(constant(1.25), 1);
    expect(gm1(constant(1.25), 1.25, 1)?.meanWait).toBeCloseTo(sigma / (1 - sigma), 12);
  });

  test('M/M/1 through G/M/1: σ = ρ', () => {
    const rho = 0.6;
    const exponential = (s: number) => 1 / (1 + s / rho);
    expect(gm1Sigma(exponential, 1)).toBeCloseTo(rho, 10);
    expect(gm1(exponential, 1 / rho, 1)?.meanWait).toBeCloseTo(mmc(rho, 1, 1)?.meanWait as number, 9);
  });

  test('E2/M/1 has σ = (1 + 4ρ − √(1 + 8ρ)) / 2', () => {
    for (const rho of [0.3, 0.5, 0.8, 0.95]) {
      const erlang2 = (s: number) => (1 + (s / rho) / 2) ** -2;
      expect(gm1Sigma(erlang2, 1)).toBeCloseTo((1 + 4 * rho - Math.sqrt(1 + 8 * rho)) / 2, 9);
    }
  });

  test('finds σ right up against ρ = 1, where fixed-point iteration crawls', () => {
    const sigma = gm1Sigma(constant(1 / 0.9999), 1);
    expect(Math.abs(sigma - Math.exp(-(1 - sigma) * 0.9999 ** -1))).toBeLessThan(1e-12);
    expect(sigma).toBeLessThan(1);
    expect(sigma).toBeGreaterThan(0.99);
  });

  test('no steady state at ρ >= 1', () => {
    expect(gm1(constant(1), 1, 1)).toBeUndefined();
  });
});

describe('approximations', () => {
  test('Allen–Cunneen is Erlang C when arrivals and service are exponential', () => {
    expect(allenCunneen(3.2, 1, 4, 1, 1)?.meanWait).toBeCloseTo(mmc(3.2, 1, 4)?.meanWait as number, 12);
  });

  test('Kingman is exact for M/G/1 (ca² = 1): M/D/1', () => {
    expect(allenCunneen(0.8, 1, 1, 1, 0)?.meanWait).toBeCloseTo(mg1(0.8, 1, 0)?.meanWait as number, 12);
  });

  test('D/D/c never waits', () => {
    expect(allenCunneen(0.9, 1, 1, 0, 0)?.meanWait).toBe(0);
  });

  test("Whitt's linking: Poisson in, exponential out stays Poisson; a saturated single server passes its service on", () => {
    expect(departureScv(0.7, 3, 1, 1)).toBeCloseTo(1, 12);
    expect(departureScv(1, 1, 1, 0)).toBeCloseTo(0, 12);
    expect(departureScv(0, 1, 0.25, 4)).toBeCloseTo(0.25, 12);
  });
});
