/**
 * A run as plain data, so it can cross a thread boundary (structured clone):
 * the scenario and the command line's options with each distribution as its
 * spec, the seed, and the warm-up. runRequest() makes one; executeRunRequest()
 * runs one to its summary, in whatever thread it is called.
 */
import { createDistribution, type Distribution, type DistributionSpec } from '../model/distribution.js';
import type { RunConfig } from '../model/config.js';
import { simulateScenario } from '../model/run.js';
import type { Scenario } from '../model/scenario.js';
import { RunStatistics } from '../observe/statistics.js';
import type { RunSummary } from '../observe/summary.js';

/** `T` with every Distribution replaced by its spec (Infinity and the rest survive structured cloning). */
export type Plain<T> = T extends Distribution
  ? DistributionSpec
  : T extends readonly (infer U)[]
    ? readonly Plain<U>[]
    : T extends object
      ? { readonly [K in keyof T]: Plain<T[K]> }
      : T;

export interface RunRequest {
  readonly scenario: Plain<Scenario>;
  /** The command line's options, reported as the summary's `options`; absent for a scenario file. */
  readonly config?: Plain<RunConfig>;
  readonly seed: number;
  /** Simulated seconds left out of the statistics. */
  readonly warmup: number;
}

export interface RunRequestOptions {
  readonly config?: RunConfig;
  readonly warmup?: number;
}

function plainScenario(scenario: Scenario): Plain<Scenario> {
  return {
    seed: scenario.seed,
    sources: scenario.sources.map((source) => ({ ...source, interval: source.interval.spec })),
    stages: scenario.stages.map((stage) => ({ ...stage, delay: stage.delay.spec, backoff: stage.backoff.spec })),
  };
}

function revivedScenario(plain: Plain<Scenario>): Scenario {
  return {
    seed: plain.seed,
    sources: plain.sources.map((source) => ({ ...source, interval: createDistribution(source.interval) })),
    stages: plain.stages.map((stage) => ({
      ...stage,
      delay: createDistribution(stage.delay),
      backoff: createDistribution(stage.backoff),
    })),
  };
}

/** The request for one run of `scenario` with `seed`. */
export function runRequest(scenario: Scenario, seed: number, options: RunRequestOptions = {}): RunRequest {
  const { config } = options;
  return {
    scenario: plainScenario(scenario),
    ...(config ? { config: { ...config, interval: config.interval.spec, delay: config.delay.spec, seed } } : {}),
    seed,
    warmup: options.warmup ?? 0,
  };
}

/** Simulates the request in virtual time and returns its summary (theory included). */
export async function executeRunRequest(request: RunRequest): Promise<RunSummary> {
  const { config } = request;
  const statistics = new RunStatistics({
    ...(config
      ? { config: { ...config, interval: createDistribution(config.interval), delay: createDistribution(config.delay) } }
      : {}),
    warmup: request.warmup,
  });
  await simulateScenario(revivedScenario(request.scenario), request.seed, { observers: statistics.observers() });
  return statistics.summary();
}
