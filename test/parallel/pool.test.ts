import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { scenarioFromRunConfig } from '../../src/model/config.js';
import { RunFailedError, RunPool, runAll } from '../../src/parallel/pool.js';
import { executeRunRequest, runRequest, type RunRequest } from '../../src/parallel/run-request.js';
import { runConfig } from '../model/run-config.js';

// The worker thread runs the compiled module (npm test builds first); jest's sandbox cannot host a thread.
const workerUrl = new URL('../../dist/parallel/worker.js', import.meta.url);

function request(seed: number, items = 2000): RunRequest {
  const config = runConfig({ consumers: ['A', 'B'], items, interval: 'exp(600ms)', delay: 'exp(1s)', seed });
  return runRequest(scenarioFromRunConfig(config), seed, { config, warmup: 10 });
}

describe('RunPool and runAll (worker threads)', () => {
  test('the compiled worker exists', () => {
    expect(existsSync(fileURLToPath(workerUrl))).toBe(true);
  });

  test('a request is plain data: it survives structured cloning unchanged', () => {
    const r = request(1);
    expect(structuredClone(r)).toEqual(r);
    expect(r.scenario.stages[0]?.delay).toEqual({ kind: 'exp', mean: 1 });
  });

  test('a run on a worker thread gives exactly the summary of the same run in this thread', async () => {
    const [onThread] = await runAll([request(5)], { jobs: 1, workerUrl });
    expect(onThread).toEqual(await executeRunRequest(request(5)));
    expect(onThread?.warmupSeconds).toBe(10);
    expect(onThread?.options).toMatchObject({ seed: 5, consumers: ['A', 'B'] });
  });

  test('results come back in request order whatever finishes first, and the same with any number of jobs', async () => {
    const requests = [request(1, 20_000), request(2, 200), request(3, 5_000), request(4, 200)];
    const finishedOrder: number[] = [];
    const two = await runAll(requests, { jobs: 2, workerUrl, onResult: (index) => finishedOrder.push(index) });
    const one = await runAll(requests, { jobs: 1, workerUrl });
    expect(two.map((s) => s.seed)).toEqual([1, 2, 3, 4]);
    expect(two).toEqual(one);
    expect(finishedOrder).not.toEqual([0, 1, 2, 3]); // the long first run finished after a short one
  });

  test('a run that fails rejects with its message and exit code; the pool stays usable', async () => {
    const pool = new RunPool({ jobs: 1, workerUrl });
    try {
      const good = request(1, 100);
      const broken = { ...good, scenario: { ...good.scenario, stages: [{ ...good.scenario.stages[0], delay: { kind: 'exp', mean: -1 } }] } } as RunRequest;
      const failure = await pool.run(broken).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(RunFailedError);
      expect((failure as RunFailedError).exitCode).toBe(1);
      expect((failure as RunFailedError).message).toMatch(/^the run with seed 1 failed: invalid distribution/);
      expect((await pool.run(good)).seed).toBe(1);
    } finally {
      await pool.close();
    }
  });

  test('close() rejects the run in progress and the runs still waiting for a thread', async () => {
    const pool = new RunPool({ jobs: 1, workerUrl });
    const running = pool.run(request(1, 1_000_000)).catch((error: unknown) => error);
    const waiting = pool.run(request(2, 100)).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await pool.close();
    expect((await waiting) as Error).toMatchObject({ name: 'AbortError' });
    expect(((await running) as Error).message).toBe('the thread pool was closed during the run');
  });

  test('jobs must be a whole number >= 1', () => {
    expect(() => new RunPool({ jobs: 0 })).toThrow(RangeError);
  });
});
