/**
 * Which model process is running now, for waits made without naming their
 * process (`await q.get()`). An AsyncLocalStorage holds the process around
 * its body, and async/await carries it into every continuation of that body.
 *
 * It is created on first use and entered only by model processes: in Node 20
 * an entered AsyncLocalStorage installs promise hooks that tax every promise
 * of the Node process, so the built-in `qsim run` models, which pass their
 * process explicitly, never touch it and keep their speed.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ProcessRuntime } from './process-runtime.js';

let storage: AsyncLocalStorage<ProcessRuntime> | undefined;

/** Runs `body` (a process's body) with `runtime` as the current process, in it and in its continuations. */
export function runAsProcess<R>(runtime: ProcessRuntime, body: () => R): R {
  storage ??= new AsyncLocalStorage<ProcessRuntime>();
  return storage.run(runtime, body);
}

/** The model process whose code is running now, of any simulation; undefined outside every process. */
export function runningProcess(): ProcessRuntime | undefined {
  return storage?.getStore();
}
