/**
 * Whole runs on worker threads, at most `jobs` at once.
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
 * p-limit bounds the runs in flight to `jobs`; it sits only around whole runs,
 * each simulated from start to end inside one worker, never between the
 * simulated processes (whose waits must go through the engine: see
 * src/core/simulation.ts). A run's summary depends only on its request, never
 * on the thread or the order runs finish in, so results are the same whatever
 * `jobs` is. A failed run rejects with a RunFailedError carrying the run's
 * exit code and message.
 */
import { Worker } from 'node:worker_threads';
import pLimit, { type LimitFunction } from 'p-limit';
import { QsimError } from '../core/errors.js';
import type { RunSummary } from '../observe/summary.js';
import type { RunRequest } from './run-request.js';

/** How a failed run is reported across the thread boundary. */
export interface WorkerError {
  readonly message: string;
  /** The lines to show, for a QsimError. */
  readonly lines: readonly string[] | undefined;
  readonly exitCode: number;
  readonly code: string;
}

export type WorkerReply = { readonly id: number; readonly summary: RunSummary } | { readonly id: number; readonly error: WorkerError };

/** A run that failed in a worker: the worker's error, with its exit code. */
export class RunFailedError extends QsimError {
  readonly exitCode: number;
  readonly code: string;
  readonly #lines: readonly string[];

  constructor(error: WorkerError, seed: number) {
    super(`the run with seed ${seed} failed: ${error.message}`);
    this.exitCode = error.exitCode;
    this.code = error.code;
    this.#lines = (error.lines ?? [error.message]).map((line, i) => (i === 0 ? `the run with seed ${seed} failed: ${line}` : line));
  }

  override lines(): readonly string[] {
    return this.#lines;
  }
}

export interface RunPoolOptions {
  /** Runs at once, and worker threads at most; >= 1. */
  readonly jobs: number;
  /** The worker script; the compiled worker.js next to this module by default. */
  readonly workerUrl?: URL;
}

interface Pending {
  readonly seed: number;
  readonly resolve: (summary: RunSummary) => void;
  readonly reject: (error: unknown) => void;
}

/** One worker thread and the run it is doing. */
class RunThread {
  readonly #worker: Worker;
  #pending: Pending | undefined;
  #nextId = 0;
  #dead: Error | undefined;

  constructor(url: URL, onDeath: (thread: RunThread) => void) {
    this.#worker = new Worker(url);
    this.#worker.on('message', (reply: WorkerReply) => {
      const pending = this.#pending;
      this.#pending = undefined;
      if (pending === undefined) return;
      if ('summary' in reply) pending.resolve(reply.summary);
      else pending.reject(new RunFailedError(reply.error, pending.seed));
    });
    const die = (error: Error): void => {
      this.#dead ??= error;
      this.#pending?.reject(error);
      this.#pending = undefined;
      onDeath(this);
    };
    this.#worker.on('error', die);
    this.#worker.on('exit', (code) => die(new Error(`a worker thread exited with code ${code} during a run`)));
  }

  run(request: RunRequest): Promise<RunSummary> {
    if (this.#dead) return Promise.reject(this.#dead);
    return new Promise((resolve, reject) => {
      this.#pending = { seed: request.seed, resolve, reject };
      this.#worker.postMessage({ id: this.#nextId++, request });
    });
  }

  /** Stops the thread; a run in progress rejects. */
  async terminate(): Promise<void> {
    this.#worker.removeAllListeners('exit');
    this.#pending?.reject(new Error('the RunPool was closed during the run'));
    this.#pending = undefined;
    await this.#worker.terminate();
  }
}

export class RunPool {
  readonly #limit: LimitFunction;
  readonly #url: URL;
  readonly #idle: RunThread[] = [];
  readonly #all = new Set<RunThread>();
  #closed = false;

  constructor(options: RunPoolOptions) {
    if (!Number.isSafeInteger(options.jobs) || options.jobs < 1) throw new RangeError(`jobs must be a whole number >= 1, got ${options.jobs}`);
    // rejectOnClear: close() rejects the runs still waiting, so no caller hangs on them.
    this.#limit = pLimit({ concurrency: options.jobs, rejectOnClear: true });
    this.#url = options.workerUrl ?? new URL('./worker.js', import.meta.url);
  }

  /** Runs `request` on a free worker thread (waiting for one when `jobs` runs are in flight) and returns its summary. */
  run(request: RunRequest): Promise<RunSummary> {
    return this.#limit(async () => {
      if (this.#closed) throw new Error('the RunPool is closed');
      // p-limit lets at most `jobs` runs in here, so there is an idle thread or room for a new one.
      const thread = this.#idle.pop() ?? this.#spawn();
      try {
        return await thread.run(request);
      } finally {
        if (this.#all.has(thread)) this.#idle.push(thread);
      }
    });
  }

  /** Stops every worker thread; runs in progress and runs still waiting for a thread reject. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#limit.clearQueue();
    const threads = [...this.#all];
    this.#all.clear();
    this.#idle.length = 0;
    await Promise.all(threads.map((thread) => thread.terminate()));
  }

  #spawn(): RunThread {
    const thread = new RunThread(this.#url, (dead) => {
      this.#all.delete(dead);
      const at = this.#idle.indexOf(dead);
      if (at >= 0) this.#idle.splice(at, 1);
    });
    this.#all.add(thread);
    return thread;
  }
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
  const pool = new RunPool({ ...options, jobs: Math.max(1, Math.min(options.jobs, requests.length)) });
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

/** What runAllUntil brings back: every run that finished, in request order. */
export interface PartialRuns {
  /** One entry per request: its summary, or undefined for a run the signal stopped or kept from starting. */
  readonly summaries: readonly (RunSummary | undefined)[];
  /** True when the signal stopped some runs before they finished. */
  readonly stopped: boolean;
}

/**
 * runAll that `signal` can stop: aborting it starts no more runs and stops
 * those in progress (their threads are terminated), and the promise resolves
 * with the runs that had finished. A run that fails before the abort rejects,
 * as with runAll; failures after it (the stopped runs) are not errors.
 */
export async function runAllUntil(
  requests: readonly RunRequest[],
  options: RunPoolOptions & { readonly signal: AbortSignal; readonly onResult?: (index: number, summary: RunSummary) => void },
): Promise<PartialRuns> {
  const { signal } = options;
  const summaries: (RunSummary | undefined)[] = requests.map(() => undefined);
  const pool = new RunPool({ ...options, jobs: Math.max(1, Math.min(options.jobs, requests.length)) });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= pool.close());
  const onAbort = (): void => void close();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    if (!signal.aborted) {
      await Promise.all(
        requests.map(async (request, index) => {
          let summary: RunSummary;
          try {
            summary = await pool.run(request);
          } catch (error) {
            if (signal.aborted) return; // stopped by the abort, or failing while it stopped everything
            throw error;
          }
          // A summary that arrived is a whole run, even if the abort came just after it.
          summaries[index] = summary;
          options.onResult?.(index, summary);
        }),
      );
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    await close();
  }
  return { summaries, stopped: summaries.some((summary) => summary === undefined) };
}
