/** A validated, normalised description of one single-stage run (the demo's shape). */
export interface RunConfig {
  /** Number of producers, >= 1. Named producer-1..producer-n. */
  readonly producers: number;
  /** Consumer names, unique, at least one. */
  readonly consumers: readonly string[];
  /** Items produced in total across producers, >= 0. */
  readonly items: number;
  /** Seconds each producer waits after each put. */
  readonly interval: number;
  /** Processing time is uniform in [0, maxDelay) seconds. */
  readonly maxDelay: number;
  /** Queue capacity; Infinity when unbounded. */
  readonly capacity: number;
  /** Seed of every random stream of the run. */
  readonly seed: number;
}

export function producerName(index: number): string {
  return `producer-${index + 1}`;
}

export function consumerNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `consumer-${i + 1}`);
}
