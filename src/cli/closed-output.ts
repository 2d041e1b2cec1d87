import { QsimError } from '../core/errors.js';

/** A stream the CLI writes to that can report a failed write (process.stdout can; test doubles need not). */
export interface ErrorEmitter {
  on?(event: 'error', listener: (error: Error) => void): unknown;
}

/** Writing the output failed for another reason than a closed pipe (a full disk, a lost terminal). */
export class OutputError extends QsimError {
  readonly exitCode = 1;
  readonly code = 'output';
  constructor(stream: string, cause: Error) {
    super(`cannot write to ${stream}: ${cause.message}`, { cause });
  }
}

/** True when the reader has gone: `qsim run | head -n 3` once head exits. */
export function isClosedPipe(error: Error): boolean {
  return (error as NodeJS.ErrnoException).code === 'EPIPE';
}

/**
 * Listens for write errors on `stream` and passes each to `onError`. Node
 * reports a failed write asynchronously, possibly after the run has ended (the
 * last flush can fail), so the listener stays attached for the life of the
 * stream: `stop()` only makes it quiet. Without a listener the error would crash
 * the process with a stack trace.
 */
export function watchWriteErrors(stream: ErrorEmitter, onError: (error: Error) => void): { stop(): void } {
  let handler: (error: Error) => void = onError;
  stream.on?.('error', (error) => handler(error));
  return {
    stop() {
      handler = () => {};
    },
  };
}
