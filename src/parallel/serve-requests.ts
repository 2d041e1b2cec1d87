/**
 * The body of a ThreadPool worker (thread-pool.ts): answers each request it
 * is sent with `{ ok: true, result }` or, when answering throws,
 * `{ ok: false, failure }` (plain data: a message, lines, an exit code).
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { threadFailure, type ThreadMessage } from './thread-pool.js';

/** This worker's port to the pool; throws outside a worker thread. */
export function poolPort(): MessagePort {
  if (parentPort === null) throw new Error('this module runs only as a worker thread of a ThreadPool');
  return parentPort;
}

export function serveRequests<Request, Result>(answer: (request: Request) => Promise<Result>): void {
  const port = poolPort();
  port.on('message', (request: Request) => {
    answer(request).then(
      (result) => port.postMessage({ ok: true, result } satisfies ThreadMessage<Result>),
      (error: unknown) => port.postMessage({ ok: false, failure: threadFailure(error) } satisfies ThreadMessage<Result>),
    );
  });
}
