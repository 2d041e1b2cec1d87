import fc from 'fast-check';
import { Simulation } from '../../src/core/simulation.js';
import { buildPipeline } from '../../src/model/pipeline.js';
import type { Scenario } from '../../src/model/scenario.js';
import { dist } from './run-config.js';

/** A two-stage pipeline with failures and retries, stopped at once (a second Ctrl-C) at virtual time `at`. */
async function stoppedAtOnce(seed: number, at: number, gracefulFirst: boolean) {
  const scenario: Scenario = {
    seed,
    sources: [{ name: 'in', producers: 2, items: 60, duration: Infinity, interval: dist('exp(100ms)') }],
    stages: [
      { name: 'a', workers: ['w1', 'w2'], concurrency: 2, capacity: 3, onFull: 'block', failure: 0.3, retries: 2, delay: dist('exp(300ms)'), backoff: dist('exp(200ms)') },
      { name: 'b', workers: ['w1'], concurrency: 1, capacity: 2, onFull: 'block', failure: 0, retries: 0, delay: dist('exp(250ms)'), backoff: dist('0') },
    ],
  };
  const sim = new Simulation();
  const pipeline = buildPipeline(sim, scenario, seed, []);
  if (gracefulFirst) sim.schedule(at / 2, () => pipeline.interrupt());
  sim.schedule(at, () => sim.stop());
  await sim.run();
  return pipeline.finish();
}

describe('a run stopped at once (a second Ctrl-C) still accounts for every item', () => {
  test('produced = consumed + dropped + dead-lettered + left, the left counting items in hand and in backoff', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 }), fc.double({ min: 0.05, max: 8, noNaN: true }), fc.boolean(), async (seed, at, graceful) => {
        const f = await stoppedAtOnce(seed, at, graceful);
        expect(f.produced).toBe(f.consumed + f.dropped + f.deadLettered + f.finalQueueSize);
      }),
      { numRuns: 60 },
    );
  });
});
