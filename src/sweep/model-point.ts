/**
 * A point of a model sweep (`qsim sweep --model FILE`) as plain data, to send
 * to a worker thread: the model file and the options its function gets as
 * `opts` (the run options with each distribution as its spec, and the --set
 * parameters), without the seed, which each run adds. A worker loads the file
 * itself (summarizeModel: tsx for .ts, in that thread too) and runs it.
 */
import type { ModelOptions, ModelParameter } from '../api/model.js';
import type { RunConfig } from '../model/config.js';
import { createDistribution, type DistributionSpec } from '../model/distribution.js';
import { summarizeModel } from '../runner/run-model.js';
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

/** One instant run of the point's model with `seed`. */
export function simulateModelPoint(model: ModelPointData, seed: number, signal?: AbortSignal): Promise<ModelSummary> {
  return summarizeModel(model.path, modelOptionsFromData(model.options, seed), signal ? { signal } : {});
}
