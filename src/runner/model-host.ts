/**
 * Hosting a model file's code in the CLI (`qsim run --model`, its
 * replications, `qsim sweep --model` and the sweep's worker threads): what
 * keeps the model's own code from hanging qsim or writing into its output.
 *
 * - **Building must finish.** The model function may be async, but what it
 *   awaits must settle. A build still pending when the event loop has nothing
 *   else to do (it awaited a promise nothing can settle: without this, Node
 *   ends the process with exit code 13 and no word) or after
 *   BUILD_LIMIT_SECONDS of wall time (a long timer, I/O that does not end) is
 *   stopped with a ModelBuildStalledError. The same holds for loading the file
 *   (a top-level await that never settles), as a ModelFileError. The first
 *   check is made in the main thread only (a worker's loop is kept alive by
 *   its message port); the time limit holds everywhere.
 * - **Console output goes to stderr.** While model code runs, `console` writes
 *   to stderr (`withModelConsole`), so stdout holds only qsim's output
 *   (json, ndjson and csv stay parseable); the sweep's check build, which
 *   precedes the real runs, is silent.
 * - **Leftovers do not keep qsim alive.** A timer the model started and
 *   qsim gave up on (a stalled build or process) would hold the process open
 *   after qsim has finished: `exitOnceCliDone` ends it then.
 * - **Errors outside processes are one line.** What model code throws where
 *   no process awaits it (a timer's callback, a promise nobody handles) would
 *   end Node with a stack trace: `catchStrayErrors` makes it one line, exit 1,
 *   and stops the run it happened in.
 */
import { Console } from 'node:console';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { isMainThread } from 'node:worker_threads';
import { QsimError, describeThrown } from '../core/errors.js';
import { quote } from '../model/quote.js';
import { prepareDisplayWidths } from '../observe/display-width.js';
import { loadModel, ModelFileError } from './load-model.js';
import type { ModelFunction } from '../api/model.js';

/** Wall seconds a model function (or a model file's top-level code) has to finish. */
export const BUILD_LIMIT_SECONDS = 10;

const ADVICE = 'a model function creates queues, processes and events and returns, and only processes wait (p.sleep, queues, events)';

/** The model function's promise did not settle: it awaited something outside qsim's API that does not end. */
export class ModelBuildStalledError extends QsimError {
  readonly exitCode = 1;
  readonly code = 'model-build-stalled';
}

type Stall = 'idle' | 'late';

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

/**
 * `work`, or a rejection with `stalled(…)` once the event loop has nothing
 * else to do while it is pending ('idle': nothing can settle it any more;
 * main thread only) or after `limitSeconds` ('late'). The timer is unref'd:
 * it keeps nothing alive.
 */
function settleOrStall<T>(work: PromiseLike<T>, limitSeconds: number, stalled: (how: Stall) => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const finish = (): boolean => {
      if (done) return false;
      done = true;
      clearTimeout(timer);
      if (isMainThread) process.off('beforeExit', onIdle);
      return true;
    };
    const onIdle = (): void => {
      if (finish()) reject(stalled('idle'));
    };
    const timer = setTimeout(() => {
      if (finish()) reject(stalled('late'));
    }, limitSeconds * 1000);
    timer.unref();
    if (isMainThread) process.once('beforeExit', onIdle);
    work.then(
      (value) => {
        if (finish()) resolve(value);
      },
      (error: unknown) => {
        if (finish()) reject(error);
      },
    );
  });
}

/** `build`, made to fail with a ModelBuildStalledError when its promise does not settle (see above); a synchronous build is left as it is. */
export function guardBuild(build: ModelFunction, limitSeconds = BUILD_LIMIT_SECONDS): ModelFunction {
  return (sim, opts) => {
    const result = build(sim, opts);
    if (!isThenable(result)) return result;
    return settleOrStall(result, limitSeconds, (how) =>
      how === 'idle'
        ? new ModelBuildStalledError(`it did not finish building the model: it awaited a promise that nothing settles (nothing else was left to run); ${ADVICE}`)
        : new ModelBuildStalledError(
            `it did not finish building the model within ${limitSeconds} s: it awaits something outside qsim's API (a timer, I/O, a promise that does not settle); ${ADVICE}`,
          ),
    ).then(() => undefined);
  };
}

/** The model files this thread has loaded, by absolute path. */
const loaded = new Map<string, Promise<ModelFunction>>();

/**
 * loadModel, once per file and thread (Node evaluates a .mjs once anyway, but
 * tsx would compile and evaluate a .ts again at every load, running its
 * top-level code twice), failing with a ModelFileError (exit 2) when the
 * file's top-level code does not finish (see above). A load that failed is
 * forgotten.
 */
export function loadModelGuarded(path: string, limitSeconds = BUILD_LIMIT_SECONDS): Promise<ModelFunction> {
  const key = resolve(path);
  let model = loaded.get(key);
  if (model === undefined) {
    model = settleOrStall(loadModel(path), limitSeconds, (how) => {
      const why = how === 'idle' ? 'it awaited a promise that nothing settles' : `it had not finished after ${limitSeconds} s`;
      return new ModelFileError(`--model ${quote(path)} could not be loaded: its top-level code did not finish (${why}); a model file's top-level code must not wait`);
    });
    loaded.set(key, model);
    model.catch(() => loaded.delete(key));
  }
  return model;
}

/** What model output is written to: a Node stream, or any object with write(text) (the CLI's io.stderr). */
export interface ConsoleTarget {
  write(chunk: string): unknown;
}

/** The consoles made by modelConsole. */
const modelConsoles = new WeakSet<Console>();

/** A Console writing both its streams to `target`; undefined: one that discards everything. */
export function modelConsole(target: ConsoleTarget | undefined): Console {
  const stream =
    target instanceof Writable
      ? target
      : new Writable({
          decodeStrings: false,
          write(chunk: unknown, _encoding, callback): void {
            target?.write(typeof chunk === 'string' ? chunk : String(chunk));
            callback();
          },
        });
  const created = new Console({ stdout: stream, stderr: stream });
  modelConsoles.add(created);
  return created;
}

let stderrConsole: Console | undefined;

/** The console in place when it is already a model console (a command's, writing to its stderr), else one writing to process.stderr. */
export function modelConsoleInPlace(): Console {
  if (modelConsoles.has(globalThis.console)) return globalThis.console;
  stderrConsole ??= modelConsole(process.stderr);
  return stderrConsole;
}

/**
 * Runs `work` with the global `console` replaced by `replacement` (see
 * modelConsole), then puts back what was there — unless something else has
 * replaced it meanwhile. A module that keeps `console.log` (bound to the
 * console of its load) keeps writing where it wrote then.
 */
export async function withModelConsole<T>(replacement: Console, work: () => Promise<T>): Promise<T> {
  const previous = globalThis.console;
  globalThis.console = replacement;
  try {
    return await work();
  } finally {
    if (globalThis.console === replacement) globalThis.console = previous;
  }
}

/** What a model's code threw outside any process: a timer's callback, a rejection nobody handled. */
export class StrayModelError extends QsimError {
  readonly exitCode = 1;
  readonly code = 'model-stray-error';
  constructor(thrown: unknown) {
    super(`the model's code threw outside any process: ${describeThrown(thrown).replace(/\s*[\n\r\u2028\u2029]+\s*/g, ' ')}`, { cause: thrown });
  }
}

/** Hears a stray error while runs go on (to fail them); undefined between runs. */
let strayListener: ((error: StrayModelError) => void) | undefined;
let strayStderr: { write(text: string): unknown } = process.stderr;
let strayHandled = false;

/**
 * From now on, an error thrown outside any process (an uncaught exception or
 * an unhandled rejection: in a model, a timer's callback or a promise nobody
 * handled) is a StrayModelError instead of Node's stack trace and crash:
 * `listener` hears it until the returned function is called (the runs it
 * fails have ended); after that it is one line on `stderr` and exit code 1,
 * since a model's timer may fire after its run. For a process qsim owns, in
 * its main thread; a worker thread has its own (failStrayErrorsInWorker).
 */
export function catchStrayErrors(stderr: { write(text: string): unknown }, listener: (error: StrayModelError) => void): () => void {
  if (!isMainThread) return () => {};
  strayListener = listener;
  strayStderr = stderr;
  if (!strayHandled) {
    strayHandled = true;
    const report = (thrown: unknown): void => {
      const error = new StrayModelError(thrown);
      if (strayListener) return strayListener(error);
      strayStderr.write(`qsim: ${error.message}\n`);
      process.exitCode = 1;
    };
    process.on('uncaughtException', report);
    process.on('unhandledRejection', report);
  }
  return () => {
    if (strayListener === listener) strayListener = undefined;
  };
}

/**
 * `work()`, failed by the first StrayModelError while it goes on (`onStray`
 * hears it first, to stop what work() started): for commands that run a
 * model's code in this thread among others (replications, sweeps).
 */
export async function failOnStrayErrors<T>(stderr: { write(text: string): unknown }, work: () => Promise<T>, onStray: () => void): Promise<T> {
  let fail: (error: StrayModelError) => void = () => {};
  const stray = new Promise<never>((_, reject) => {
    fail = reject;
  });
  const release = catchStrayErrors(stderr, (error) => {
    onStray();
    fail(error);
  });
  try {
    return await Promise.race([work(), stray]);
  } finally {
    release();
  }
}

/**
 * In a worker thread: a stray error of the model's fails the run in progress
 * (`fail` posts its failure) and ends the thread, so that nothing the broken
 * run left behind can answer for a later one.
 */
export function failStrayErrorsInWorker(fail: (error: StrayModelError) => void): void {
  const report = (thrown: unknown): void => {
    fail(new StrayModelError(thrown));
    process.exit(1);
  };
  process.on('uncaughtException', report);
  process.on('unhandledRejection', report);
}

let exitScheduled = false;

/**
 * Model code can leave work qsim cannot cancel: a timer that a stalled process
 * or an unfinished model function waits on. Once the CLI has finished
 * (bin/qsim.js has set process.exitCode) and stdout and stderr are written,
 * that work must not keep qsim alive, so this ends the process. The checks run
 * on an unref'd timer: they happen only while something else keeps the event
 * loop alive, and never in a process whose exit code nobody set (an in-process
 * caller of main(), such as a test), where they give up after a few seconds.
 */
export function exitOnceCliDone(): void {
  if (exitScheduled || !isMainThread) return;
  exitScheduled = true;
  let tries = 0;
  const check = (): void => {
    const finished = process.exitCode !== undefined;
    if (finished && process.stdout.writableLength === 0 && process.stderr.writableLength === 0) {
      process.exit();
    }
    if (finished || ++tries < 20) setTimeout(check, 250).unref();
    else exitScheduled = false;
  };
  setTimeout(check, 250).unref();
}

/**
 * Loads the terminal width tables when the model's names may need them: its
 * process and queue names are known only once it is built, after its log's
 * tags are laid out, so the file's text and the options' (`texts`) are looked
 * at instead: any text that is not ASCII loads them.
 */
export async function prepareModelWidths(path: string, texts: readonly string[]): Promise<void> {
  let source = '';
  try {
    source = readFileSync(path, 'utf8');
  } catch {
    // Reported when the file is loaded.
  }
  await prepareDisplayWidths([source, ...texts]);
}
