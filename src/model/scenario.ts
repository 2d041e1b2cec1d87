import type { FullPolicy } from '../core/queue.js';
import type { Distribution } from './distribution.js';

/** Where items come from: `producers` producers that share the source's item count. */
export interface SourceSpec {
  readonly name: string;
  readonly producers: number;
  /** Items this source produces in total; Infinity when only `duration` limits it. */
  readonly items: number;
  /** Producers stop at this virtual time (seconds): an item is made only before it; Infinity when unbounded. */
  readonly duration: number;
  /** Time each producer waits after each put. */
  readonly interval: Distribution;
}

/** A stage: a queue plus its workers. */
export interface StageSpec {
  readonly name: string;
  readonly workers: readonly string[];
  /** Items each worker handles at once (its slots). */
  readonly concurrency: number;
  /** Processing time of one attempt. */
  readonly delay: Distribution;
  /** Capacity of the queue in front of the stage; Infinity when unbounded. */
  readonly capacity: number;
  /** What a put into the full queue does; 'block' whenever capacity is Infinity. */
  readonly onFull: FullPolicy;
  /** Probability that one attempt fails. */
  readonly failure: number;
  /** Attempts after the first before an item is dead-lettered. */
  readonly retries: number;
  /** Wait before a retry; the item holds no worker meanwhile. */
  readonly backoff: Distribution;
}

/**
 * A validated pipeline: items flow from every source into the first stage,
 * then stage to stage. A `qsim run` is the pipeline of one source and one stage.
 */
export interface Scenario {
  readonly seed: number | undefined;
  readonly sources: readonly SourceSpec[];
  readonly stages: readonly StageSpec[];
}
