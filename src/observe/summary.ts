/**
 * The summary of one run: a plain typed object that every renderer shares
 * (the JSON object, the NDJSON summary line, the --stats table, the charts).
 *
 * Field names are a stable, documented interface (README "Output formats",
 * schema/run-summary.schema.json). To extend it, add fields; never rename or
 * remove one. Times are in seconds of simulated time, full doubles here;
 * renderers decide how to round (see json-output.ts).
 *
 * A quantity that is undefined for the run is null, never a made-up 0: the
 * mean wait of a run that moved no item, or a rate over a run that lasted 0 s.
 */
import type { RunConfig } from '../model/config.js';
import type { Distribution, DistributionSpec } from '../model/distribution.js';

/** Mean, percentiles and maximum of one duration (seconds); all null when count is 0. */
export interface DistributionSummary {
  /** Number of samples. */
  readonly count: number;
  readonly mean: number | null;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

export interface ItemCounts {
  /** Items made by producers. */
  readonly produced: number;
  /** Items whose processing finished. */
  readonly consumed: number;
  /** Items neither consumed nor dropped when the run ended (produced - consumed - dropped). */
  readonly left: number;
  /** Items discarded by a drop policy; always 0 until drop policies exist. */
  readonly dropped: number;
}

export interface QueueSummary {
  /** The largest number of items waiting in the queue at any instant. */
  readonly maxSize: number;
  /** Time-weighted mean of the queue size over the run; null when the run lasted 0 s. */
  readonly meanSize: number | null;
}

export interface ConsumerSummary {
  readonly name: string;
  /** Items this consumer finished processing. */
  readonly processed: number;
  /**
   * Simulated seconds spent processing, summed over its items: with
   * --concurrency n (n items at once) up to n × simulatedSeconds.
   */
  readonly busySeconds: number;
  /** busySeconds / (concurrency × simulatedSeconds), from 0 to 1; null when the run lasted 0 s. */
  readonly utilization: number | null;
}

export interface ProducerSummary {
  readonly name: string;
  /** Items this producer made (put into the queue, or discarded at once by drop-newest). */
  readonly produced: number;
  /** Items this producer made that a drop policy discarded. */
  readonly dropped: number;
  /** Simulated seconds spent waiting for room in a full queue. */
  readonly blockedSeconds: number;
}

/** A distribution option as JSON: its written parameters (seconds) and its exact mean. */
export type DistributionOption = DistributionSpec & { readonly mean: number };

/**
 * RunConfig as JSON can hold it: an unbounded number (Infinity: capacity,
 * items or duration without a limit) becomes null, a distribution its spec and mean.
 */
export type SummaryOptions = {
  readonly [K in keyof RunConfig]: RunConfig[K] extends number
    ? number | null
    : RunConfig[K] extends Distribution
      ? DistributionOption
      : RunConfig[K];
};

export interface RunSummary {
  readonly seed: number;
  /** Simulated time at the end of the run. */
  readonly simulatedSeconds: number;
  readonly items: ItemCounts;
  /** Items still waiting in the queue when the run ended. */
  readonly finalQueueSize: number;
  /** items.consumed / simulatedSeconds; null when the run lasted 0 s. */
  readonly throughputPerSecond: number | null;
  readonly queue: QueueSummary;
  /** From entering the queue to being taken by a consumer. */
  readonly waitSeconds: DistributionSummary;
  /** From entering the queue to the end of processing. */
  readonly systemSeconds: DistributionSummary;
  readonly consumers: readonly ConsumerSummary[];
  readonly producers: readonly ProducerSummary[];
  /**
   * The normalised options of the run: everything that decides its events
   * (durations in seconds, consumers as names). Pacing (--speed, --instant) is
   * not among them: it changes no event, so the summary is the same at any pacing.
   */
  readonly options: SummaryOptions;
}

function isDistribution(value: unknown): value is Distribution {
  return typeof value === 'object' && value !== null && 'spec' in value && typeof (value as Distribution).sample === 'function';
}

/** Every field of the config: non-finite numbers as null, distributions as their spec and mean. */
export function summaryOptions(config: RunConfig): SummaryOptions {
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (typeof value === 'number' && !Number.isFinite(value)) options[key] = null;
    else if (isDistribution(value)) options[key] = { ...value.spec, mean: value.mean };
    else options[key] = value;
  }
  return options as SummaryOptions;
}
