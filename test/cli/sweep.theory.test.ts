/**
 * An M/M/c sweep recommends the number of consumers queueing theory gives.
 * In M/M/c with arrival rate λ, service rate μ and a = λ/μ, an arriving item
 * waits with probability C(c, a) (Erlang C), and then for an exponential time
 * with rate cμ − λ; so the wait's 95th percentile is ln(C / 0.05) / (cμ − λ)
 * when C > 0.05, else 0. The configurations are chosen so that the count
 * theory gives beats the SLO, and one consumer fewer misses it, by a clear margin.
 */
import { qsim } from '../helpers/cli.js';

function erlangC(c: number, a: number): number {
  let sum = 0;
  let term = 1; // a^k / k!
  for (let k = 0; k < c; k++) {
    if (k > 0) term *= a / k;
    sum += term;
  }
  const last = (term * a) / c; // a^c / c!
  const queued = (last * c) / (c - a);
  return queued / (sum + queued);
}

function waitP95(c: number, lambda: number, mu: number): number {
  const waiting = erlangC(c, lambda / mu);
  return waiting > 0.05 ? Math.log(waiting / 0.05) / (c * mu - lambda) : 0;
}

/** The fewest consumers whose wait p95 is below `bound`, by theory. */
function theoryConsumers(lambda: number, mu: number, bound: number): number {
  let c = Math.floor(lambda / mu) + 1;
  while (waitP95(c, lambda, mu) >= bound) c++;
  return c;
}

interface SweepJson {
  points: { values: { consumers: string }; rho: number; metrics: Record<string, number> }[];
  recommendation: { values: { consumers: string }; slots: number } | null;
}

describe('an M/M/c sweep against Erlang C', () => {
  test('the helper agrees with published values: C(2, 1) = 1/3, and M/M/1 waits with probability ρ', () => {
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 12);
  });

  test.each([
    // λ, μ, SLO bound (s), --interval, --delay, consumers
    [4, 1, 2, 'exp(250ms)', 'exp(1s)', '4..8'],
    [8, 1, 0.75, 'exp(125ms)', 'exp(1s)', '9..12'],
  ])('λ=%d μ=%d: wait.p95<%ds recommends the count theory gives', (lambda, mu, bound, interval, delay, range) => {
    const expected = theoryConsumers(lambda, mu, bound);
    // The margins that make the check robust: theory's count is well inside the bound, one fewer well outside.
    expect(waitP95(expected, lambda, mu)).toBeLessThan(0.75 * bound);
    expect(waitP95(expected - 1, lambda, mu)).toBeGreaterThan(1.2 * bound);

    const result = qsim([
      'sweep',
      ...['--vary', `consumers=${range}`, '--interval', interval, '--delay', delay, '--items', '50000'],
      ...['--slo', `wait.p95<${bound}s`, '--seed', '11', '--jobs', '2', '--format', 'json'],
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const sweep = JSON.parse(result.stdout) as SweepJson;
    expect(sweep.recommendation?.values.consumers).toBe(String(expected));
    expect(sweep.recommendation?.slots).toBe(expected);
    for (const point of sweep.points) {
      const c = Number(point.values.consumers);
      expect(point.rho).toBeCloseTo(lambda / (c * mu), 9);
      // Points well inside stability mix fast enough for one run of 50 000 items to measure the p95 to within a quarter.
      if (lambda / (c * mu) <= 0.75) {
        expect(Math.abs((point.metrics['wait.p95'] ?? NaN) - waitP95(c, lambda, mu))).toBeLessThan(0.25 * waitP95(c, lambda, mu) + 0.02);
      }
    }
  });
});
