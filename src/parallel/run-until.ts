/**
 * Runs every request through a runner until a signal says stop: the one rule
 * for replications (built-in and model alike) on Ctrl-C.
 */

/** Where requests run: a ThreadPool, or anything with its run/close. */
export interface StoppableRunner<Request, Result> {
  /** Rejects (with any error) when `signal` stops the request. */
  run(request: Request, signal: AbortSignal): Promise<Result>;
  close(): Promise<void>;
}

/** Every run that finished, in request order. */
export interface PartialRuns<Result> {
  /** One entry per request: its result, or undefined for a run the signal stopped or kept from starting. */
  readonly summaries: readonly (Result | undefined)[];
  /** True when the signal stopped some runs before they finished. */
  readonly stopped: boolean;
}

/**
 * Runs every request through `runner` and closes it. Aborting `signal` starts
 * no more runs and stops those in progress, and the promise resolves with the
 * runs that had finished. A run that fails before the abort rejects at once,
 * the others stopped behind it; failures after the abort (the stopped runs)
 * are not errors. `onResult` hears each result as it arrives, in completion order.
 */
export async function runEachUntil<Request, Result>(
  runner: StoppableRunner<Request, Result>,
  requests: readonly Request[],
  options: { readonly signal: AbortSignal; readonly onResult?: ((index: number, result: Result) => void) | undefined },
): Promise<PartialRuns<Result>> {
  const { signal } = options;
  const summaries: (Result | undefined)[] = requests.map(() => undefined);
  // Aborted by the signal, or once the runs are over (after a failure: the others are not needed).
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) stop.abort();
  try {
    await Promise.all(
      requests.map(async (request, index) => {
        let result: Result;
        try {
          result = await runner.run(request, stop.signal);
        } catch (error) {
          if (signal.aborted) return; // stopped by the signal, or failing while it stopped everything
          throw error;
        }
        // A result that arrived is a whole run, even if the signal came just after it.
        summaries[index] = result;
        options.onResult?.(index, result);
      }),
    );
  } finally {
    signal.removeEventListener('abort', onAbort);
    stop.abort();
    await runner.close();
  }
  return { summaries, stopped: summaries.some((summary) => summary === undefined) };
}
