/**
 * A PointRunner on worker threads (a ThreadPool, src/parallel/thread-pool.ts):
 * up to `jobs` runs at once, each on a thread of its own; aborting a run
 * terminates its thread. Everything a run needs travels in its request (plain
 * data), so a run gives the same summary here as in this thread.
 *
 * With `useThisThread`, one of the `jobs` lanes is this thread, which would
 * otherwise only wait. What a model's console prints on a worker
 * (point-worker.ts) is written to this process's stderr as it arrives, always
 * before the reply to the run that printed it.
 */
import { ThreadPool } from '../parallel/thread-pool.js';
import type { PointSummary } from './metrics.js';
import { simulateRequest, type PointRunner, type RunRequest } from './point-runner.js';

const WORKER_SCRIPT = new URL('./point-worker.js', import.meta.url);

export function threadRunner(jobs: number, options: { readonly useThisThread?: boolean } = {}): PointRunner {
  const pool = new ThreadPool<RunRequest, PointSummary>({
    jobs,
    workerUrl: WORKER_SCRIPT,
    onConsole: (text) => process.stderr.write(text),
    ...(options.useThisThread === true ? { local: simulateRequest } : {}),
  });
  return {
    run: (request, signal) => pool.run(request, signal),
    close: () => pool.close(),
  };
}
