/**
 * Errors carry the process exit code they map to, and a stable machine-readable
 * `code`, so that one place (the CLI's main) can turn any of them into an exit.
 */
export abstract class QsimError extends Error {
  abstract readonly exitCode: number;
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }

  /** The lines to show the user, one problem each; most errors have one. */
  lines(): readonly string[] {
    return [this.message];
  }
}

/** A process is described by its name and what it is waiting on, for diagnostics. */
export interface WaitingProcess {
  readonly name: string;
  readonly waitingOn: string;
}

function describe(waiting: readonly WaitingProcess[]): string {
  return waiting.map((w) => `${w.name} (${w.waitingOn})`).join(', ');
}

/** Every process waits and nothing is scheduled: the run can never go on. */
export class DeadlockError extends QsimError {
  readonly exitCode = 1;
  readonly code = 'deadlock';
  constructor(
    readonly waiting: readonly WaitingProcess[],
    readonly time: number,
  ) {
    super(`deadlock at t=${time}s: every process is waiting and nothing is scheduled: ${describe(waiting)}`);
  }
}

/**
 * A process stopped at an `await` that the engine does not own (a plain Promise,
 * a timer, I/O). Virtual time cannot go on without it, so the run is stopped.
 */
export class StalledError extends QsimError {
  readonly exitCode = 1;
  readonly code = 'stalled';
  constructor(
    readonly stalled: readonly string[],
    readonly time: number,
  ) {
    super(
      `stalled at t=${time}s: ${stalled.join(', ')} awaited something outside the engine ` +
        `(a plain Promise, timer or I/O); processes may wait only through the engine's primitives`,
    );
  }
}

/** A process threw (its async function rejected). */
export class ProcessFailedError extends QsimError {
  readonly exitCode = 1;
  readonly code = 'process-failed';
  constructor(
    readonly processName: string,
    readonly time: number,
    cause: unknown,
  ) {
    super(`process ${processName} failed at t=${time}s: ${describeThrown(cause)}`, {
      cause,
    });
  }
}

/** Characters of a thrown object's JSON shown in a one-line error. */
const SHOWN_JSON = 200;

/**
 * What a process threw, in words: an Error's message; an object's own
 * toString() when it has one, else its JSON, cut short ({"code":42}, not
 * [object Object]); anything else as String() writes it.
 */
export function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message;
  try {
    if (typeof thrown === 'object' && thrown !== null && thrown.toString === Object.prototype.toString) {
      const json = JSON.stringify(thrown);
      if (json !== undefined && json !== '{}') return json.length > SHOWN_JSON ? `${json.slice(0, SHOWN_JSON - 1)}…` : json;
    }
    return String(thrown);
  } catch {
    // A cycle, a toJSON or toString that throws: say what it is instead of failing to say anything.
    return `${typeof thrown === 'object' ? 'an object' : `a ${typeof thrown}`} that cannot be shown`;
  }
}

/** `put` on a queue that has been shut down. */
export class QueueShutDownError extends QsimError {
  readonly exitCode = 1;
  readonly code = 'queue-shut-down';
  constructor(queueName: string) {
    super(`queue ${queueName} is shut down; nothing more can be put into it`);
  }
}

/** A primitive was called with a value it cannot accept (a programming error in a model). */
export class InvalidArgumentError extends QsimError {
  readonly exitCode = 1;
  readonly code = 'invalid-argument';
}

/**
 * Thrown into a process by `Process.interrupt()` at the primitive it waits on
 * (a sleep is cut short, a queue wait is given up). A process may catch it and
 * go on; one that lets it escape ends as finished, not failed, as a cancelled
 * asyncio task does.
 */
export class Interrupt extends QsimError {
  readonly exitCode = 1;
  readonly code = 'interrupt';
  constructor(cause?: unknown) {
    super(cause === undefined ? 'interrupted' : `interrupted: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

/** A run stopped at once by its caller (a second Ctrl-C, a closed output): it did not finish. */
export class RunAbortedError extends QsimError {
  readonly exitCode = 1;
  readonly code = 'aborted';
  constructor(reason = 'the run was aborted') {
    super(reason);
  }
}
