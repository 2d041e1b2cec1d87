/**
 * The body of a sweep's worker thread (see thread-runner.ts): simulates each
 * request it is sent and posts back the summary, or the failure as plain data.
 */
import { parentPort } from 'node:worker_threads';
import { QsimError } from '../core/errors.js';
import { simulateRequest, type RunRequest } from './point-runner.js';
import type { WorkerReply } from './thread-runner.js';

const port = parentPort;
if (port === null) throw new Error('point-worker.js runs only as a worker thread');

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
