/**
 * A PointRunner on worker threads: up to `jobs` runs at once, each on a
 * thread of its own, bounded by p-limit. Threads start when first needed and
 * are reused for later runs; aborting terminates the threads whose runs it
 * stops. Everything a run needs travels in its request (plain data), so a
 * run gives the same summary here as in this thread.
 *
 * With `useThisThread`, one of the `jobs` lanes is this thread, which would
 * otherwise only wait: a worker costs a start-up and a JIT warm-up of its own
 * (about 0.1-0.2 s of CPU), so this saves one for every sweep.
 *
 * A worker also posts what a model's console prints there (point-worker.ts):
 * it is written to this process's stderr as it arrives, always before the
 * reply to the run that printed it.
 */
import { Worker } from 'node:worker_threads';
import pLimit from 'p-limit';
import type { PointSummary } from './metrics.js';
import { RunAborted, RunFailedError, simulateRequest, type PointRunner, type RunRequest } from './point-runner.js';

/** What a worker posts back for each request. */
export type WorkerReply =
  | { readonly ok: true; readonly summary: PointSummary }
  | { readonly ok: false; readonly message: string; readonly exitCode: number };

/** Console output of model code in a worker, for this process's stderr. */
export interface WorkerConsole {
  readonly console: string;
}

/** Anything a worker posts. */
export type WorkerMessage = WorkerReply | WorkerConsole;

function isConsole(message: WorkerMessage): message is WorkerConsole {
  return 'console' in message;
}

function writeConsole(message: WorkerMessage): void {
  if (isConsole(message)) process.stderr.write(message.console);
}

const WORKER_SCRIPT = new URL('./point-worker.js', import.meta.url);

export function threadRunner(jobs: number, options: { readonly useThisThread?: boolean } = {}): PointRunner {
  const limit = pLimit(jobs);
  let thisThreadFree = options.useThisThread === true;
  const idle: Worker[] = [];
  const all = new Set<Worker>();

  function take(): Worker {
    let worker = idle.pop();
    if (worker === undefined) {
      worker = new Worker(WORKER_SCRIPT);
      worker.on('message', writeConsole);
    }
    all.add(worker);
    return worker;
  }

  function retire(worker: Worker): void {
    all.delete(worker);
    void worker.terminate();
  }

  function ask(worker: Worker, request: RunRequest, signal: AbortSignal | undefined): Promise<PointSummary> {
    return new Promise<PointSummary>((resolve, reject) => {
      const settle = (): void => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        signal?.removeEventListener('abort', onAbort);
      };
      const onMessage = (reply: WorkerMessage): void => {
        if (isConsole(reply)) return;
        settle();
        idle.push(worker);
        if (reply.ok) resolve(reply.summary);
        else reject(new RunFailedError(reply.message, reply.exitCode));
      };
      const onError = (error: Error): void => {
        settle();
        retire(worker);
        reject(error);
      };
      const onExit = (code: number): void => {
        settle();
        all.delete(worker);
        reject(new Error(`a sweep worker thread exited with code ${code}`));
      };
      const onAbort = (): void => {
        settle();
        retire(worker);
        reject(new RunAborted());
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.postMessage(request);
    });
  }

  return {
    run: (request, signal) =>
      limit(async () => {
        if (signal?.aborted) throw new RunAborted();
        if (!thisThreadFree) return ask(take(), request, signal);
        thisThreadFree = false;
        try {
          return await simulateRequest(request, signal);
        } finally {
          thisThreadFree = true;
        }
      }),
    async close() {
      const workers = [...all];
      all.clear();
      idle.length = 0;
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
