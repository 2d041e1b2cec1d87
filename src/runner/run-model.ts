/**
 * Running a model: the model function builds on a fresh Sim with the run's
 * options, then the Sim runs. `simulateModel` is what `qsim run --model` calls
 * with its observers; `summarizeModel` is the whole run as one function of
 * (model file, options with the seed) to a summary, for sweeps and scripts.
 */
import type { Pacing } from '../core/pacing.js';
import type { Timers } from '../core/timers.js';
import type { ModelObserver } from '../api/model-events.js';
import type { ModelFunction, ModelOptions } from '../api/model.js';
import { Sim, type SimResult } from '../api/sim.js';
import { ModelStatistics } from '../observe/model-statistics.js';
import type { ModelSummary } from '../observe/model-summary.js';
import { buildErrorFor } from './build-errors.js';
import { loadModel } from './load-model.js';

export { ModelBuildError, ModelRefusedError } from './build-errors.js';

export interface ModelRunOptions {
  pacing?: Pacing;
  timers?: Timers;
  observers?: readonly ModelObserver[];
  /** Aborting stops the run where it stands. */
  signal?: AbortSignal;
}

/**
 * The options one build gets: its own `set` and `consumers`, so that a model
 * that changes them (`opts.set.batch ??= 10`) changes neither another run's
 * options (replications and sweep points in one thread share theirs) nor
 * what the summary reports.
 */
export function optionsForBuild(options: ModelOptions): ModelOptions {
  return { ...options, consumers: [...options.consumers], set: { ...options.set } };
}

/** Builds the model with `options` (its seed included) and runs it to its end. */
export async function simulateModel(build: ModelFunction, options: ModelOptions, run: ModelRunOptions = {}): Promise<SimResult> {
  const sim = await buildModel(build, options, run);
  return sim.run(run.signal ? { signal: run.signal } : {});
}

/**
 * Builds the model with `options` on a fresh Sim, ready to run (the live view
 * builds first, so a model that fails to build is reported before the screen is taken).
 * What the model function throws becomes a ModelRefusedError (it refused the
 * options: exit 2) or a ModelBuildError (a bug in it: exit 1); see build-errors.ts.
 */
export async function buildModel(build: ModelFunction, options: ModelOptions, run: Omit<ModelRunOptions, 'signal'> = {}): Promise<Sim> {
  const sim = new Sim({
    seed: options.seed,
    ...(run.pacing ? { pacing: run.pacing } : {}),
    ...(run.timers ? { timers: run.timers } : {}),
    observers: run.observers ?? [],
  });
  try {
    await build(sim, optionsForBuild(options));
  } catch (error) {
    throw buildErrorFor(error);
  }
  return sim;
}

const loaded = new Map<string, Promise<ModelFunction>>();

/**
 * Loads the model file `path` (once per path) and runs it instantly with
 * `options`; returns its summary, the object `qsim run --model … --format json` prints.
 * Aborting `run.signal` stops the run where it stands (the summary covers it up to then).
 */
export async function summarizeModel(path: string, options: ModelOptions, run: Pick<ModelRunOptions, 'signal'> = {}): Promise<ModelSummary> {
  let build = loaded.get(path);
  if (build === undefined) {
    build = loadModel(path);
    loaded.set(path, build);
    build.catch(() => loaded.delete(path));
  }
  const statistics = new ModelStatistics({ model: path, options });
  await simulateModel(await build, options, { observers: [statistics], ...(run.signal ? { signal: run.signal } : {}) });
  return statistics.summary();
}
