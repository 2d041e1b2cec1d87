/**
 * The body of a sweep's worker thread (see thread-runner.ts): simulates each
 * request it is sent and posts back the summary, or the failure as plain data.
 *
 * A worker's stdout is the main thread's stdout, which holds the sweep's
 * output: model code loaded here (its top level, its function, its processes,
 * a callback it left behind) writes its console output to stderr instead.
 * Not through the worker's own process.stderr, which reaches the main thread
 * asynchronously and loses what is still on its way when the worker is
 * terminated: each piece goes as a message on the port, ahead of the reply
 * to the request that printed it, and the main thread writes it to stderr.
 */
import { parentPort } from 'node:worker_threads';
import { modelConsole } from '../runner/model-host.js';
import { QsimError } from '../core/errors.js';
import { simulateRequest, type RunRequest } from './point-runner.js';
import type { WorkerMessage, WorkerReply } from './thread-runner.js';

const port = parentPort;
if (port === null) throw new Error('point-worker.js runs only as a worker thread');
globalThis.console = modelConsole({ write: (text) => port.postMessage({ console: text } satisfies WorkerMessage) });

port.on('message', (request: RunRequest) => {
  simulateRequest(request).then(
    (summary) => port.postMessage({ ok: true, summary } satisfies WorkerReply),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      const exitCode = error instanceof QsimError ? error.exitCode : 1;
      port.postMessage({ ok: false, message, exitCode } satisfies WorkerReply);
    },
  );
});
