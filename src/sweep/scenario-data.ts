/**
 * A scenario as plain data, to send to a worker thread: each distribution as
 * its spec (a Distribution is an object with a sampler, which cannot cross).
 * Rebuilding it takes no parsing and no schema, so a worker loads only the
 * engine, the model and the statistics.
 */
import { createDistribution, type DistributionSpec } from '../model/distribution.js';
import type { Scenario, SourceSpec, StageSpec } from '../model/scenario.js';

type Plain<T> = { readonly [K in keyof T]: T[K] extends { readonly spec: DistributionSpec } ? DistributionSpec : T[K] };

export interface ScenarioData {
  readonly sources: readonly Plain<SourceSpec>[];
  readonly stages: readonly Plain<StageSpec>[];
}

export function scenarioData(scenario: Scenario): ScenarioData {
  return {
    sources: scenario.sources.map((source) => ({ ...source, interval: source.interval.spec })),
    stages: scenario.stages.map((stage) => ({ ...stage, delay: stage.delay.spec, backoff: stage.backoff.spec })),
  };
}

export function scenarioFromData(data: ScenarioData): Scenario {
  return {
    seed: undefined,
    sources: data.sources.map((source) => ({ ...source, interval: createDistribution(source.interval) })),
    stages: data.stages.map((stage) => ({ ...stage, delay: createDistribution(stage.delay), backoff: createDistribution(stage.backoff) })),
  };
}
