/**
 * The summary of a model run (`qsim run --model`): one entry per queue and per
 * process the model created, in creation order. Like RunSummary, field names
 * are a stable interface (README "Writing a model", schema/model-summary.schema.json):
 * fields may be added, never renamed or removed. Times are simulated seconds;
 * a quantity undefined for the run is null.
 */
import type { QueueKind } from '../api/model-events.js';
import type { ModelOptions } from '../api/model.js';
import type { DistributionSummary, Normalised, QueueSummary } from './summary.js';

export interface ModelQueueSummary extends QueueSummary {
  readonly name: string;
  readonly kind: QueueKind;
  /** Most items held at once; Infinity (null in JSON) when unbounded. */
  readonly capacity: number;
  /** Items that entered the queue. */
  readonly puts: number;
  /** Items that left it (get, getNowait, takeNowait, for await). */
  readonly gets: number;
  /** Items in it when the run ended. */
  readonly finalSize: number;
  /** From entering the queue to leaving it, one sample per item that left. */
  readonly waitSeconds: DistributionSummary;
  /** Puts that found the queue full and waited for room. */
  readonly blockedPuts: number;
  /** Seconds those puts waited, summed (for the puts whose item went in). */
  readonly blockedSeconds: number;
}

export interface ModelProcessSummary {
  readonly name: string;
  /** When its body began; null when it never started (the run stopped first). */
  readonly startedAt: number | null;
  /** When its body returned; null when it did not. */
  readonly finishedAt: number | null;
  /** Seconds spent in p.sleep. */
  readonly sleepingSeconds: number;
  /** Seconds spent waiting on queues and events. */
  readonly waitingSeconds: number;
  /** Lines it logged with p.log. */
  readonly logLines: number;
}

export interface ModelSummary {
  /** The model file, as given to --model. */
  readonly model: string;
  readonly seed: number;
  /** Simulated time at the end of the run (when the last process finished). */
  readonly simulatedSeconds: number;
  /** True when the run was stopped early (Ctrl-C, SIGTERM): the figures cover the run up to then. */
  readonly interrupted: boolean;
  /** Items left in all the queues when the run ended. */
  readonly finalQueueSize: number;
  readonly queues: readonly ModelQueueSummary[];
  readonly processes: readonly ModelProcessSummary[];
  /** The run's options as the model saw them (`opts`), with the --set parameters under `set`. */
  readonly options: Normalised<ModelOptions>;
}
