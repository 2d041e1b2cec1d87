/**
 * Long seeded runs against queueing theory: the simulated mean wait and mean
 * queue length must be within 3% of the exact formula.
 *
 * Why these loads and lengths. A mean over one run of N items has a standard
 * error that grows steeply with ρ (the queue's relaxation time goes like
 * 1/(1 − √ρ)²): at ρ = 0.9 one run of a million items is still about ±3%. At
 * ρ = 0.67–0.75 one run of 250,000 items is about ±1–2% (measured: the
 * spread of the mean wait between seeds, as a share of the prediction, was
 * 1.6% for M/M/1, 1.1% for M/D/1, 1.4% for M/U/1 and 1.2% for D/M/1). With c
 * servers at the same ρ items arrive c times as often, so the same number of
 * items covers a c-th of the time: M/M/3 runs 500,000 items at ρ = 2/3 for a
 * spread of 1.5% (M/M/4 at ρ = 0.75 was still 2.5% at 500,000). Each model runs 8 independent replications
 * (seeds 1..8, `--replications 8`): the standard error of their mean is
 * 0.4–0.6%, and a 3% miss would be at least five standard errors. The test
 * also checks that claim on every run: the 95% confidence interval of the
 * replications (Student t, 7 degrees of freedom) must be narrower than ±2% of
 * the prediction. The bias of starting with an empty queue is about the
 * relaxation time over the run length, below 0.1% here, so no warm-up is needed.
 *
 * The runs go through the built CLI on worker threads (as `npm test` builds
 * first): the engine in jest's module sandbox is several times slower, and the
 * whole file stays around 15 s on two cores this way.
 */
import { qsimAsync } from '../helpers/cli.js';
import { mmc } from '../../src/theory/erlang.js';
import { gm1Sigma, mg1 } from '../../src/theory/single-server.js';

interface Comparison {
  predicted: number | null;
  simulated: number | null;
}

interface Replicated {
  mean: number;
  halfWidth: number;
}

interface Summary {
  theory: { model: string; method: string | null; exact: boolean; meanWaitSeconds: Comparison; meanQueueSize: Comparison };
  replications: { meanWait: Replicated; meanQueueSize: Replicated };
}

const TOLERANCE = 0.03;
const MAX_HALF_WIDTH = 0.02;

async function replicate(items: number, args: readonly string[]): Promise<Summary> {
  const result = await qsimAsync(['run', '--instant', '--seed', '1', '--items', String(items), '--replications', '8', '--format', 'json', ...args]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Summary;
}

function expectWithinTolerance(summary: Summary, meanWait: number, arrivalRate: number): void {
  const { theory, replications } = summary;
  expect(theory.exact).toBe(true);
  expect(theory.meanWaitSeconds.predicted).toBeCloseTo(meanWait, 9);
  expect(theory.meanQueueSize.predicted).toBeCloseTo(arrivalRate * meanWait, 9);
  // Sampling error well under the tolerance...
  expect(replications.meanWait.halfWidth / meanWait).toBeLessThan(MAX_HALF_WIDTH);
  // ...and the simulation within it.
  expect(Math.abs(replications.meanWait.mean - meanWait) / meanWait).toBeLessThan(TOLERANCE);
  expect(Math.abs(replications.meanQueueSize.mean - arrivalRate * meanWait) / (arrivalRate * meanWait)).toBeLessThan(TOLERANCE);
}

const TIMEOUT_MS = 120_000;

describe('simulation against theory (8 replications each, within 3%)', () => {
  test('M/M/1 at ρ = 0.7: Wq = ρ / (μ − λ)', async () => {
    const summary = await replicate(250_000, ['--consumers', '1', '--interval', 'exp(1s)', '--delay', 'exp(700ms)']);
    expect([summary.theory.model, summary.theory.method]).toEqual(['M/M/1', 'Erlang C']);
    expectWithinTolerance(summary, 0.7 / (1 / 0.7 - 1), 1);
  }, TIMEOUT_MS);

  test('M/M/3 at ρ = 2/3: Erlang C, Wq = C(3, 2) / (3μ − λ) = 4/9 s', async () => {
    const summary = await replicate(500_000, ['--consumers', '3', '--interval', 'exp(500ms)', '--delay', 'exp(1s)']);
    expect([summary.theory.model, summary.theory.method]).toEqual(['M/M/3', 'Erlang C']);
    expect(mmc(2, 1, 3)?.meanWait).toBeCloseTo(4 / 9, 12);
    expectWithinTolerance(summary, 4 / 9, 2);
  }, TIMEOUT_MS);

  test('M/D/1 at ρ = 0.75: Pollaczek–Khinchine, Wq = ρ E[S] / (2(1 − ρ))', async () => {
    const summary = await replicate(250_000, ['--consumers', '1', '--interval', 'exp(1s)', '--delay', 'const(750ms)']);
    expect([summary.theory.model, summary.theory.method]).toEqual(['M/D/1', 'Pollaczek–Khinchine']);
    expectWithinTolerance(summary, (0.75 * 0.75) / (2 * 0.25), 1);
  }, TIMEOUT_MS);

  test('M/U/1 at ρ = 0.75: Pollaczek–Khinchine with E[S²] = 0.75² + 1.5²/12', async () => {
    const summary = await replicate(250_000, ['--consumers', '1', '--interval', 'exp(1s)', '--delay', 'uniform(0,1.5s)']);
    expect([summary.theory.model, summary.theory.method]).toEqual(['M/U/1', 'Pollaczek–Khinchine']);
    expectWithinTolerance(summary, mg1(1, 0.75, 1.5 ** 2 / 12)?.meanWait as number, 1);
    expect((1 * (0.75 ** 2 + 1.5 ** 2 / 12)) / (2 * 0.25)).toBeCloseTo(1.5, 12);
  }, TIMEOUT_MS);

  test('D/M/1 at ρ = 0.75: Wq = σ / (μ(1 − σ)), σ = exp(−μD(1 − σ))', async () => {
    const summary = await replicate(250_000, ['--consumers', '1', '--interval', '1s', '--delay', 'exp(750ms)']);
    expect([summary.theory.model, summary.theory.method]).toEqual(['D/M/1', 'G/M/1']);
    const mu = 1 / 0.75;
    const sigma = gm1Sigma((s) => Math.exp(-s), mu);
    expect(Math.abs(sigma - Math.exp(-mu * (1 - sigma)))).toBeLessThan(1e-12);
    expectWithinTolerance(summary, sigma / (mu * (1 - sigma)), 1);
  }, TIMEOUT_MS);
});
