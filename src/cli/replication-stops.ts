/**
 * Ctrl-C and SIGTERM during replications (of the built-in pipeline or of a
 * model), as a sweep handles them: the first signal says so on stderr and
 * aborts `signal` (no new replication starts, those running are dropped, the
 * finished ones are reported); a second one settles `atOnce`, after which the
 * command exits with `exitAtOnce()` and writes nothing more.
 */
import { isClosedPipe, watchWriteErrors } from './closed-output.js';
import type { CliIo } from './io.js';
import { handleStopSignals, SIGNAL_EXIT_CODES, type StopSignal } from './signals.js';

export const AT_ONCE: unique symbol = Symbol('stopped at once');

export interface ReplicationStops {
  /** Aborted by the first signal. */
  readonly signal: AbortSignal;
  /** Settles with AT_ONCE on a second signal. */
  readonly atOnce: Promise<typeof AT_ONCE>;
  /** The first signal, if any. */
  signalled(): StopSignal | undefined;
  /** The exit code after a second signal. */
  exitAtOnce(): number;
  /** The exit code of a run the first signal stopped (130/143), or 0. */
  exitCode(stopped: boolean): number;
  /** True once stdout's reader has gone (`| head`): the runs were stopped, and nothing more is written. */
  readonly closed: () => boolean;
  /** Removes the handlers; the defaults apply again. */
  remove(): void;
}

/**
 * Installs the handlers (none when `io` has no signal source); `discard` drops
 * output not yet written, on a second signal. A closed stdout stops the runs
 * too, quietly (the lines stream, so `| head -n 1` needs only the first run).
 */
export function handleReplicationStops(io: CliIo, discard: () => void): ReplicationStops {
  const stop = new AbortController();
  let settle = (): void => {};
  const atOnce = new Promise<typeof AT_ONCE>((resolve) => {
    settle = () => resolve(AT_ONCE);
  });
  let signalled: StopSignal | undefined;
  let exitAtOnce = 0;
  const remove = io.signals
    ? handleStopSignals(io.signals, (signal, count) => {
        if (count > 1) {
          exitAtOnce = SIGNAL_EXIT_CODES[signal];
          discard();
          settle();
          return;
        }
        signalled = signal;
        io.stderr.write(
          `qsim: ${signal}: stopping; no new replication starts, those running are dropped, the finished ones are reported (${signal === 'SIGINT' ? 'Ctrl-C' : 'signal'} again to stop at once)\n`,
        );
        stop.abort();
      })
    : () => {};
  let closed = false;
  const stdoutErrors = watchWriteErrors(io.stdout, (error) => {
    if (!isClosedPipe(error)) return; // reported by main() once the command returns
    closed = true;
    discard();
    stop.abort();
  });
  return {
    signal: stop.signal,
    atOnce,
    signalled: () => signalled,
    exitAtOnce: () => exitAtOnce,
    exitCode: (stopped) => (stopped && signalled ? SIGNAL_EXIT_CODES[signalled] : 0),
    closed: () => closed,
    remove: () => {
      remove();
      stdoutErrors.stop();
    },
  };
}

/** How replications came out: the finished runs, or only the exit code to end with now. */
export type ReplicationsEnd<S> =
  | { readonly runs: readonly S[]; readonly interrupted: boolean; readonly exitCode: number }
  | { readonly runs?: undefined; readonly exitCode: number };

/**
 * Waits for `work` (the runs, which `stops.signal` stops) or a second signal,
 * then removes the handlers. Ends with an exit code alone after a second
 * signal (what is left runs down in the background), once stdout's reader has
 * gone, or when no run finished (text then says so; json and ndjson print nothing).
 */
export async function replicationsOutcome<S>(
  work: Promise<{ readonly summaries: readonly (S | undefined)[]; readonly stopped: boolean }>,
  stops: ReplicationStops,
  nothingFinished: { readonly out: { write(text: string): unknown; flush(): void }; readonly text: boolean; readonly count: number },
): Promise<ReplicationsEnd<S>> {
  let outcome: { readonly summaries: readonly (S | undefined)[]; readonly stopped: boolean };
  try {
    const first = await Promise.race([work, stops.atOnce]);
    if (first === AT_ONCE) {
      work.catch(() => {}); // a failure there no longer matters
      return { exitCode: stops.exitAtOnce() };
    }
    outcome = first;
  } finally {
    stops.remove();
  }
  if (stops.closed()) return { exitCode: 0 }; // the reader has gone: nothing more to say
  const runs = outcome.summaries.filter((summary): summary is S => summary !== undefined);
  const exitCode = stops.exitCode(outcome.stopped);
  if (runs.length === 0) {
    const { out, text, count } = nothingFinished;
    if (text) out.write(`interrupted: 0 of ${count} replications finished: nothing to report\n`);
    out.flush();
    return { exitCode };
  }
  return { runs, interrupted: outcome.stopped, exitCode };
}
