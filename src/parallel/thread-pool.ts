/**
 * Requests answered on worker threads, at most `jobs` at once: the one pool
 * behind `--replications` (RunPool) and `qsim sweep` (threadRunner).
 *
 *   const pool = new ThreadPool<Request, Result>({ jobs: 4, workerUrl });
 *   try {
 *     const result = await pool.run(request, signal);
 *   } finally {
 *     await pool.close();
 *   }
 *
 * p-limit bounds the requests in flight to `jobs`; it sits only around whole
 * runs, each simulated from start to end on one thread, never between
 * simulated processes (whose waits must go through the engine: see
 * src/core/simulation.ts). Threads start when first needed and are reused.
 * With `local`, one of the `jobs` lanes is this thread, which would otherwise
 * only wait: a worker costs a start-up and a JIT warm-up of its own (about
 * 0.1–0.2 s of CPU), so this saves one.
 *
 * A worker runs serveRequests() (serve-requests.ts): one reply per request,
 * and before it any console output of the code it ran, which the pool hands
 * to `onConsole` in the order it was printed.
 */
import { Worker } from 'node:worker_threads';
import pLimit, { type LimitFunction } from 'p-limit';
import { QsimError, describeThrown } from '../core/errors.js';

/** How a failed request is reported across the thread boundary. */
export interface ThreadFailure {
  readonly message: string;
  /** The lines to show, for a QsimError. */
  readonly lines: readonly string[] | undefined;
  readonly exitCode: number;
  readonly code: string;
}

export type ThreadReply<Result> = { readonly ok: true; readonly result: Result } | { readonly ok: false; readonly failure: ThreadFailure };

/** Console output of code run on a worker, for this process's stderr. */
export interface ThreadConsole {
  readonly console: string;
}

/** Anything a worker posts. */
export type ThreadMessage<Result> = ThreadReply<Result> | ThreadConsole;

/** `error` as plain data, to cross a thread boundary or to be told again with a prefix. */
export function threadFailure(error: unknown): ThreadFailure {
  if (error instanceof QsimError) return { message: error.message, lines: [...error.lines()], exitCode: error.exitCode, code: error.code };
  return { message: describeThrown(error), lines: undefined, exitCode: 1, code: 'internal' };
}

/** A request that failed on a worker (or in this thread, told again with a prefix): its error, with its exit code and lines. */
export class ThreadFailedError extends QsimError {
  readonly exitCode: number;
  readonly code: string;
  readonly #lines: readonly string[];

  /** `prefix` goes before the message and the first line, as in "the run with seed 3 failed: ". */
  constructor(failure: ThreadFailure, prefix = '') {
    super(prefix + failure.message);
    this.exitCode = failure.exitCode;
    this.code = failure.code;
    this.#lines = (failure.lines ?? [failure.message]).map((line, i) => (i === 0 ? prefix + line : line));
  }

  override lines(): readonly string[] {
    return this.#lines;
  }
}

/** A request stopped by its abort signal, before it started or while it ran. */
export class RunAborted extends Error {
  constructor() {
    super('run aborted');
    this.name = 'RunAborted';
  }
}

export interface ThreadPoolOptions<Request, Result> {
  /** Requests at once, and threads at most; a whole number >= 1. */
  readonly jobs: number;
  /** The worker script: a module that calls serveRequests(). */
  readonly workerUrl: URL;
  /** Answers a request in this thread, as one of the `jobs` lanes. */
  readonly local?: (request: Request, signal?: AbortSignal) => Promise<Result>;
  /** Hears what code on a worker printed (see serve-requests.ts); dropped when absent. */
  readonly onConsole?: (text: string) => void;
  /** How a failure's message begins, from its request ("the run with seed 3 failed: "). */
  readonly failurePrefix?: (request: Request) => string;
}

/** One worker thread and the request it is answering. */
class RequestThread<Result> {
  readonly #worker: Worker;
  #pending: { resolve: (result: Result) => void; reject: (error: unknown) => void; prefix: string } | undefined;
  #dead: Error | undefined;

  constructor(url: URL, onConsole: ((text: string) => void) | undefined, onDeath: (thread: RequestThread<Result>) => void) {
    this.#worker = new Worker(url);
    this.#worker.on('message', (message: ThreadMessage<Result>) => {
      if ('console' in message) {
        onConsole?.(message.console);
        return;
      }
      const pending = this.#pending;
      this.#pending = undefined;
      if (pending === undefined) return;
      if (message.ok) pending.resolve(message.result);
      else pending.reject(new ThreadFailedError(message.failure, pending.prefix));
    });
    const die = (error: Error): void => {
      this.#dead ??= error;
      this.#reject(error);
      onDeath(this);
    };
    this.#worker.on('error', die);
    this.#worker.on('exit', (code) => die(new Error(`a worker thread exited with code ${code} during a run`)));
  }

  ask(request: unknown, prefix: string): Promise<Result> {
    if (this.#dead) return Promise.reject(this.#dead);
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject, prefix };
      this.#worker.postMessage(request);
    });
  }

  /** Stops the thread; the request it was answering rejects with `reason`. */
  async terminate(reason: Error): Promise<void> {
    this.#worker.removeAllListeners('exit');
    this.#dead ??= reason;
    this.#reject(reason);
    await this.#worker.terminate();
  }

  #reject(error: unknown): void {
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.reject(error);
  }
}

export class ThreadPool<Request, Result> {
  readonly #options: ThreadPoolOptions<Request, Result>;
  readonly #limit: LimitFunction;
  readonly #idle: RequestThread<Result>[] = [];
  readonly #all = new Set<RequestThread<Result>>();
  #localFree: boolean;
  /** The request the local lane is answering, for close() to wait on. */
  #localRun: Promise<unknown> | undefined;
  #closed = false;

  constructor(options: ThreadPoolOptions<Request, Result>) {
    if (!Number.isSafeInteger(options.jobs) || options.jobs < 1) throw new RangeError(`jobs must be a whole number >= 1, got ${options.jobs}`);
    this.#options = options;
    // rejectOnClear: close() rejects the requests still waiting, so no caller hangs on them.
    this.#limit = pLimit({ concurrency: options.jobs, rejectOnClear: true });
    this.#localFree = options.local !== undefined;
  }

  /**
   * Answers `request` on a free lane (waiting for one while `jobs` requests are
   * in flight). When `signal` aborts, a request not yet started never starts and
   * one on a worker stops (its thread is terminated); both reject with RunAborted.
   */
  run(request: Request, signal?: AbortSignal): Promise<Result> {
    return this.#limit(async () => {
      if (this.#closed) throw new Error('the thread pool is closed');
      if (signal?.aborted) throw new RunAborted();
      const local = this.#options.local;
      if (local !== undefined && this.#localFree) {
        this.#localFree = false;
        const running = local(request, signal);
        this.#localRun = running;
        try {
          return await running;
        } finally {
          this.#localFree = true;
          this.#localRun = undefined;
        }
      }
      // p-limit lets at most `jobs` requests in here, so there is an idle thread or room for a new one.
      const thread = this.#idle.pop() ?? this.#spawn();
      const onAbort = (): void => void this.#retire(thread, new RunAborted());
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        return await thread.ask(request, this.#options.failurePrefix?.(request) ?? '');
      } finally {
        signal?.removeEventListener('abort', onAbort);
        if (this.#all.has(thread)) this.#idle.push(thread);
      }
    });
  }

  /**
   * Stops every thread; requests on them and requests still waiting reject.
   * A request on the local lane cannot be terminated: close() waits for it to
   * settle (its signal, aborted, stops it at its next yield), so nothing of it
   * runs after the pool is closed.
   */
  async close(): Promise<void> {
    this.#closed = true;
    this.#limit.clearQueue();
    const threads = [...this.#all];
    this.#all.clear();
    this.#idle.length = 0;
    await Promise.all([
      ...threads.map((thread) => thread.terminate(new Error('the thread pool was closed during the run'))),
      this.#localRun?.catch(() => {}),
    ]);
  }

  #spawn(): RequestThread<Result> {
    const thread = new RequestThread<Result>(this.#options.workerUrl, this.#options.onConsole, (dead) => this.#forget(dead));
    this.#all.add(thread);
    return thread;
  }

  #retire(thread: RequestThread<Result>, reason: Error): Promise<void> {
    this.#forget(thread);
    return thread.terminate(reason);
  }

  #forget(thread: RequestThread<Result>): void {
    this.#all.delete(thread);
    const at = this.#idle.indexOf(thread);
    if (at >= 0) this.#idle.splice(at, 1);
  }
}
