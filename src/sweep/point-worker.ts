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
import { poolPort, serveRequests } from '../parallel/serve-requests.js';
import { threadFailure, type ThreadMessage } from '../parallel/thread-pool.js';
import { failStrayErrorsInWorker, modelConsole } from '../runner/model-host.js';
import { simulateRequest } from './point-runner.js';

const port = poolPort();
globalThis.console = modelConsole({ write: (text) => port.postMessage({ console: text } satisfies ThreadMessage<never>) });

failStrayErrorsInWorker((error) => port.postMessage({ ok: false, failure: threadFailure(error) } satisfies ThreadMessage<never>));
serveRequests(simulateRequest);
