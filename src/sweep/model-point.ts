/**
 * A point of a model sweep (`qsim sweep --model FILE`) as plain data, to send
 * to a worker thread: the model file and the options its function gets as
 * `opts` (the run options with each distribution as its spec, and the --set
 * parameters), without the seed, which each run adds. A worker loads the file
 * itself (once per thread: tsx for .ts, in that thread too) and runs it.
 *
 * Each run is hosted as `qsim run --model` hosts it (src/runner/model-host.ts):
 * the model's console writes to stderr, a model function that does not finish
 * building fails the run instead of hanging it, and in the main thread a
 * failed run's leftovers (a timer the model was waiting on) do not keep qsim
 * alive once it has finished.
 */
import { isMainThread } from 'node:worker_threads';
import { exitOnceCliDone, guardBuild, loadModelGuarded, modelConsoleInPlace, withModelConsole } from '../runner/model-host.js';
import type { ModelOptions, ModelParameter } from '../api/model.js';
import type { RunConfig } from '../model/config.js';
import { createDistribution, type DistributionSpec } from '../model/distribution.js';
import { simulateModel } from '../runner/run-model.js';
import { ModelStatistics } from '../observe/model-statistics.js';
import type { ModelSummary } from '../observe/model-summary.js';

export interface ModelOptionsData extends Omit<RunConfig, 'interval' | 'delay' | 'seed'> {
  readonly interval: DistributionSpec;
  readonly delay: DistributionSpec;
  readonly set: Readonly<Record<string, ModelParameter>>;
}

export interface ModelPointData {
  /** The model file as given to --model: what the sweep's fingerprint holds, so shards on other machines match. */
  readonly file: string;
  /** The file's absolute path: what the runs load. */
  readonly path: string;
  readonly options: ModelOptionsData;
}

export function modelOptionsData(config: RunConfig, set: Readonly<Record<string, ModelParameter>>): ModelOptionsData {
  const { seed: _seed, ...rest } = config;
  return { ...rest, interval: config.interval.spec, delay: config.delay.spec, set };
}

export function modelOptionsFromData(data: ModelOptionsData, seed: number): ModelOptions {
  return { ...data, interval: createDistribution(data.interval), delay: createDistribution(data.delay), seed };
}

/** One instant run of the point's model with `seed`: its summary, the object `qsim run --model … --format json` prints. */
export async function simulateModelPoint(model: ModelPointData, seed: number, signal?: AbortSignal): Promise<ModelSummary> {
  const options = modelOptionsFromData(model.options, seed);
  try {
    return await withModelConsole(modelConsoleInPlace(), async () => {
      const build = guardBuild(await loadModelGuarded(model.path));
      const statistics = new ModelStatistics({ model: model.path, options });
      await simulateModel(build, options, { observers: [statistics], ...(signal ? { signal } : {}) });
      return statistics.summary();
    });
  } catch (error) {
    if (isMainThread) exitOnceCliDone();
    throw error;
  }
}
