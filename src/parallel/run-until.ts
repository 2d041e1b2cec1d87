/**
 * Runs every request through a runner until a signal says stop: the one rule
 * for replications (built-in and model alike) on Ctrl-C.
 */
import { LowestFailure } from './lowest-failure.js';

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
 * runs that had finished. When runs fail, the lowest-numbered failure rejects,
 * once the runs before it have finished (those after it are stopped), so the
 * failure reported does not depend on how many run at once; failures of runs
 * the signal stopped are not errors. `onResult` hears each result as it arrives, in completion order.
 */
export async function runEachUntil<Request, Result>(
  runner: StoppableRunner<Request, Result>,
  requests: readonly Request[],
  options: { readonly signal: AbortSignal; readonly onResult?: ((index: number, result: Result) => void) | undefined },
): Promise<PartialRuns<Result>> {
  const { signal } = options;
  const summaries: (Result | undefined)[] = requests.map(() => undefined);
  // A failed run stops the runs after it; the one reported is the lowest-numbered that failed.
  const failures = new LowestFailure(signal);
  try {
    await Promise.all(
      requests.map(async (request, index) => {
        let result: Result;
        try {
          result = await failures.run(index, (stop) => runner.run(request, stop));
        } catch {
          return; // failed (LowestFailure keeps the failure to report), or stopped by the signal or by a failure before it
        }
        // A result that arrived is a whole run, even if the signal came just after it.
        summaries[index] = result;
        options.onResult?.(index, result);
      }),
    );
  } finally {
    await runner.close();
  }
  if (failures.error !== undefined) throw failures.error;
  return { summaries, stopped: summaries.some((summary) => summary === undefined) };
}
