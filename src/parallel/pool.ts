/**
 * Whole runs of the built-in pipeline on worker threads, at most `jobs` at once.
 *
 *   const summaries = await runAll(requests, { jobs: 4 });   // in request order
 *
 * or, to feed runs in over time and share the threads:
 *
 *   const pool = new RunPool({ jobs: 4 });
 *   try {
 *     const summary = await pool.run(runRequest(scenario, seed, { warmup }));
 *   } finally {
 *     await pool.close();
 *   }
 *
 * A run's summary depends only on its request, never on the thread or the
 * order runs finish in, so results are the same whatever `jobs` is. A failed
 * run rejects with a RunFailedError carrying the run's exit code and message.
 */
import type { RunSummary } from '../observe/summary.js';
import type { RunRequest } from './run-request.js';
import { runEachUntil, type PartialRuns } from './run-until.js';
import { ThreadFailedError, ThreadPool } from './thread-pool.js';

export type { PartialRuns } from './run-until.js';

/** A run that failed on a worker thread; its message begins "the run with seed N failed: ". */
export { ThreadFailedError as RunFailedError };

export interface RunPoolOptions {
  /** Runs at once, and worker threads at most; >= 1. */
  readonly jobs: number;
  /** The worker script; the compiled worker.js next to this module by default. */
  readonly workerUrl?: URL;
}

export class RunPool {
  readonly #pool: ThreadPool<RunRequest, RunSummary>;

  constructor(options: RunPoolOptions) {
    this.#pool = new ThreadPool({
      jobs: options.jobs,
      workerUrl: options.workerUrl ?? new URL('./worker.js', import.meta.url),
      failurePrefix: (request) => `the run with seed ${request.seed} failed: `,
    });
  }

  /** Runs `request` on a free worker thread (waiting for one when `jobs` runs are in flight) and returns its summary. */
  run(request: RunRequest, signal?: AbortSignal): Promise<RunSummary> {
    return this.#pool.run(request, signal);
  }

  /** Stops every worker thread; runs in progress and runs still waiting for a thread reject. */
  close(): Promise<void> {
    return this.#pool.close();
  }
}

function poolFor(requests: readonly RunRequest[], options: RunPoolOptions): RunPool {
  return new RunPool({ ...options, jobs: Math.max(1, Math.min(options.jobs, requests.length)) });
}

/**
 * Runs every request on at most `jobs` worker threads and returns the
 * summaries in request order. The first failure rejects (after the pool is
 * closed); `onResult` hears each summary as it arrives, in completion order.
 */
export async function runAll(
  requests: readonly RunRequest[],
  options: RunPoolOptions & { readonly onResult?: (index: number, summary: RunSummary) => void },
): Promise<RunSummary[]> {
  const pool = poolFor(requests, options);
  try {
    return await Promise.all(
      requests.map(async (request, index) => {
        const summary = await pool.run(request);
        options.onResult?.(index, summary);
        return summary;
      }),
    );
  } finally {
    await pool.close();
  }
}

/**
 * runAll that `signal` can stop: aborting it starts no more runs and stops
 * those in progress (their threads are terminated), and the promise resolves
 * with the runs that had finished (see runEachUntil).
 */
export function runAllUntil(
  requests: readonly RunRequest[],
  options: RunPoolOptions & { readonly signal: AbortSignal; readonly onResult?: (index: number, summary: RunSummary) => void },
): Promise<PartialRuns<RunSummary>> {
  return runEachUntil(poolFor(requests, options), requests, options);
}
