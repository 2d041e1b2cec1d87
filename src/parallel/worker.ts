/**
 * The body of a RunPool worker thread: it answers each `{ id, request }`
 * message with `{ id, summary }` or, when the run fails, `{ id, error }`.
 */
import { parentPort } from 'node:worker_threads';
import { QsimError } from '../core/errors.js';
import { executeRunRequest, type RunRequest } from './run-request.js';
import type { WorkerReply, WorkerError } from './pool.js';

function describeError(error: unknown): WorkerError {
  if (error instanceof QsimError) return { message: error.message, lines: [...error.lines()], exitCode: error.exitCode, code: error.code };
  return { message: error instanceof Error ? error.message : String(error), lines: undefined, exitCode: 1, code: 'internal' };
}

const port = parentPort;
if (port === null) throw new Error('src/parallel/worker.ts runs only as a worker thread');

port.on('message', (message: { id: number; request: RunRequest }) => {
  executeRunRequest(message.request).then(
    (summary) => port.postMessage({ id: message.id, summary } satisfies WorkerReply),
    (error: unknown) => port.postMessage({ id: message.id, error: describeError(error) } satisfies WorkerReply),
  );
});
