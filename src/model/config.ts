import type { FullPolicy } from '../core/queue.js';
import { createDistribution } from './distribution.js';
import type { Scenario } from './scenario.js';
import type { Distribution } from './distribution.js';

/** A validated, normalised description of one single-stage run (the demo's shape). */
export interface RunConfig {
  /** Number of producers, >= 1. Named producer-1..producer-n. */
  readonly producers: number;
  /** Consumer names, unique, at least one. */
  readonly consumers: readonly string[];
  /**
   * Items produced in total across producers, >= 0; Infinity when only
   * `duration` ends production. With both, whichever comes first ends it.
   */
  readonly items: number;
  /** Seconds each producer waits after each put, drawn from the producer's own stream. */
  readonly interval: Distribution;
  /** Processing time of an item, drawn from the consumer's own stream. */
  readonly delay: Distribution;
  /** Items each consumer processes at once (its slots), >= 1. */
  readonly concurrency: number;
  /** Queue capacity; Infinity when unbounded. */
  readonly capacity: number;
  /** What a put into a full queue does; only 'block' when capacity is Infinity. */
  readonly onFull: FullPolicy;
  /**
   * Virtual time (seconds) at which producers stop: an item is made only
   * before it; Infinity when unbounded.
   */
  readonly duration: number;
  /** Seed of every random stream of the run. */
  readonly seed: number;
}

export function consumerNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `consumer-${i + 1}`);
}

/** Names of the one source and one stage that a `qsim run` command line describes. */
export const RUN_SOURCE_NAME = 'producers';
export const RUN_STAGE_NAME = 'consumers';

/** The pipeline a `qsim run` command line describes: one source feeding one stage. */
export function scenarioFromRunConfig(config: RunConfig): Scenario {
  return {
    seed: config.seed,
    sources: [
      {
        name: RUN_SOURCE_NAME,
        producers: config.producers,
        items: config.items,
        duration: config.duration,
        interval: config.interval,
      },
    ],
    stages: [
      {
        name: RUN_STAGE_NAME,
        workers: config.consumers,
        concurrency: config.concurrency,
        delay: config.delay,
        capacity: config.capacity,
        onFull: config.onFull,
        failure: 0,
        retries: 0,
        backoff: createDistribution({ kind: 'const', value: 0 }),
      },
    ],
  };
}
