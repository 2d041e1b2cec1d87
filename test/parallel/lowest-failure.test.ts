import { LowestFailure } from '../../src/parallel/lowest-failure.js';
import { RunAborted } from '../../src/parallel/thread-pool.js';

/** A run that settles after `ms` (fails when `fails`), or rejects with RunAborted as soon as its signal aborts. */
function timed(ms: number, fails: boolean, log: string[], key: number) {
  return (signal: AbortSignal): Promise<number> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        log.push(`${key} ${fails ? 'failed' : 'done'}`);
        if (fails) reject(new Error(`run ${key} failed`));
        else resolve(key);
      }, ms);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        log.push(`${key} stopped`);
        reject(new RunAborted());
      });
    });
}

async function runAll(plan: readonly [ms: number, fails: boolean][], outer?: AbortSignal) {
  const failures = new LowestFailure(outer);
  const log: string[] = [];
  const results = await Promise.allSettled(plan.map(([ms, fails], key) => failures.run(key, timed(ms, fails, log, key))));
  return { failures, log, results };
}

describe('LowestFailure', () => {
  test('the lowest-numbered failure is kept, though a higher one failed first; the runs before it finish, those after stop', async () => {
    // Run 3 fails at 10 ms, run 1 at 40 ms; run 0 finishes at 60 ms; runs 4 and 5 would take longer.
    const { failures, log, results } = await runAll([
      [60, false],
      [40, true],
      [30, false],
      [10, true],
      [100, false],
      [100, true],
    ]);
    expect((failures.error as Error).message).toBe('run 1 failed');
    expect(log).toEqual(expect.arrayContaining(['0 done', '2 done', '4 stopped', '5 stopped']));
    expect(results[0]).toEqual({ status: 'fulfilled', value: 0 });
    expect(results[2]).toEqual({ status: 'fulfilled', value: 2 }); // before run 3, which had failed: it went on
    // The failed runs and the stopped ones reject alike: the failure is kept in error, not thrown.
    expect([1, 3, 4, 5].every((key) => results[key]?.status === 'rejected' && results[key].reason instanceof RunAborted)).toBe(true);
  });

  test('a run not started when a lower one has failed does not start', async () => {
    const failures = new LowestFailure();
    await failures.run(0, async () => Promise.reject(new Error('first'))).catch(() => {});
    let started = false;
    const later = failures.run(1, async () => {
      started = true;
      return 1;
    });
    await expect(later).rejects.toBeInstanceOf(RunAborted);
    expect(started).toBe(false);
    expect((failures.error as Error).message).toBe('first');
  });

  test('the outer signal stops every run, and failures after it are not kept', async () => {
    const outer = new AbortController();
    setTimeout(() => outer.abort(), 20);
    const { failures, log } = await runAll(
      [
        [10, false],
        [100, true],
        [100, false],
      ],
      outer.signal,
    );
    expect(failures.error).toBeUndefined();
    expect(log).toEqual(['0 done', '1 stopped', '2 stopped']);
  });
});
