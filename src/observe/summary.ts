/**
 * The summary of one run: a plain typed object that every renderer shares
 * (the JSON object, the NDJSON summary line, the --stats table, the charts).
 *
 * Field names are a stable, documented interface (README "Output formats",
 * schema/run-summary.schema.json). To extend it, add fields; never rename or
 * remove one. Times are in seconds of simulated time, full doubles here;
 * renderers decide how to round (see json-output.ts).
 *
 * A `qsim run` is a pipeline of one source and one stage; the top-level figures
 * describe the whole pipeline (all queues together), `stages` each stage.
 *
 * A quantity that is undefined for the run is null, never a made-up 0: the
 * mean wait of a run that moved no item, or a rate over a run that lasted 0 s.
 */
import type { RunConfig } from '../model/config.js';
import type { Distribution, DistributionSpec } from '../model/distribution.js';
import type { Scenario } from '../model/scenario.js';

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
  /** Items that made it through the last stage. */
  readonly consumed: number;
  /** The same as consumed: items that made it through the last stage (the name pipelines use). */
  readonly completed: number;
  /** Items neither consumed, dropped nor dead-lettered when the run ended. */
  readonly left: number;
  /** Items discarded by a drop policy. */
  readonly dropped: number;
  /** Items that failed every attempt at some stage. */
  readonly deadLettered: number;
}

export interface QueueSummary {
  /** The largest number of items waiting at any instant. */
  readonly maxSize: number;
  /** Time-weighted mean number of items waiting; null when the run lasted 0 s. */
  readonly meanSize: number | null;
}

export interface StageSummary {
  readonly name: string;
  /** Successful attempts at this stage (items passed on, or consumed at the last stage). */
  readonly processed: number;
  /** Failed attempts at this stage. */
  readonly failedAttempts: number;
  /** Failed attempts that were retried (failedAttempts = retries + deadLettered). */
  readonly retries: number;
  readonly deadLettered: number;
  /** Items discarded at this stage's full queue. */
  readonly dropped: number;
  /** Items waiting in this stage's queue when the run ended. */
  readonly finalQueueSize: number;
  readonly queue: QueueSummary;
  /** From entering this stage's queue to being taken by one of its workers (one sample per get). */
  readonly waitSeconds: DistributionSummary;
  /** From entering this stage's queue to the end of a successful attempt here (retries' waits and backoffs included). */
  readonly systemSeconds: DistributionSummary;
  /** busy time of its workers / (workers × concurrency × simulatedSeconds); null when the run lasted 0 s. */
  readonly utilization: number | null;
}

export interface ConsumerSummary {
  /** As in the log: `Fred`, or `stage/worker` when the pipeline has several stages. */
  readonly name: string;
  readonly stage: string;
  /** Successful attempts. */
  readonly processed: number;
  /** Failed attempts. */
  readonly failed: number;
  /**
   * Simulated seconds spent processing, summed over its items: with
   * concurrency n (n items at once) up to n × simulatedSeconds.
   */
  readonly busySeconds: number;
  /** busySeconds / (concurrency × simulatedSeconds), from 0 to 1; null when the run lasted 0 s. */
  readonly utilization: number | null;
  /** Simulated seconds its puts waited for room in a full queue (the next stage's, or its own for a retry). */
  readonly blockedSeconds: number;
}

export interface ProducerSummary {
  readonly name: string;
  readonly source: string;
  /** Items this producer made (put into the first queue, or discarded at once by drop-newest). */
  readonly produced: number;
  /** Items this producer made that a drop policy discarded, at any stage. */
  readonly dropped: number;
  /** Simulated seconds spent waiting for room in a full queue. */
  readonly blockedSeconds: number;
}

/** A distribution option as JSON: its written parameters (seconds) and its exact mean. */
export type DistributionOption = DistributionSpec & { readonly mean: number };

/**
 * A model option as JSON holds it: an unbounded number (Infinity: capacity,
 * items or duration without a limit) becomes null, a distribution its spec
 * and mean; arrays and records are converted member by member.
 */
export type Normalised<T> = T extends number
  ? number | null
  : T extends Distribution
    ? DistributionOption
    : T extends string | boolean | null | undefined
      ? T
      : T extends readonly (infer U)[]
        ? readonly Normalised<U>[]
        : { readonly [K in keyof T]: Normalised<T[K]> };

/** The scenario of a run as `options` holds it, with the seed the run used. */
export type ScenarioOptions = Normalised<Omit<Scenario, 'seed'>> & { readonly seed: number };

/**
 * The normalised options of the run: for `qsim run` with options, the options
 * (durations in seconds, consumers as names); with --scenario, the pipeline.
 * Pacing (--speed, --instant) is not among them: it changes no event, so the
 * summary is the same at any pacing.
 */
export type SummaryOptions = Normalised<RunConfig> | ScenarioOptions;

/** A figure predicted by queueing theory beside the simulated one. */
export interface TheoryComparison {
  /** null when no formula gives it. */
  readonly predicted: number | null;
  readonly simulated: number | null;
  /** (simulated − predicted) / predicted; null when either is null or the prediction is 0. */
  readonly relativeDifference: number | null;
}

/** Theory for one stage: see src/theory/predict.ts for which formula applies when. */
export interface StageTheory {
  readonly name: string;
  /** Kendall's notation: arrivals/service/servers[/places in the system], e.g. "M/M/4", "D/U/2", "M/M/2/7". */
  readonly model: string;
  /** "Erlang C", "Pollaczek–Khinchine", "G/M/1", "M/M/c/K", "Kingman" or "Allen–Cunneen"; null when none applies. */
  readonly method: string | null;
  /** True when the predicted figures come from an exact formula (false for approximations and for none). */
  readonly exact: boolean;
  /** One sentence: the formula used, or why there is none. */
  readonly note: string;
  /** Items per second offered to the stage; null when every item is due at time 0 (infinite rate). */
  readonly arrivalRatePerSecond: number | null;
  /** workers × concurrency. */
  readonly servers: number;
  /** Items per second the stage finishes when always busy: servers / (mean service × mean attempts); null when infinite. */
  readonly serviceRatePerSecond: number | null;
  /** ρ = arrival rate / service rate; null when infinite. */
  readonly offeredLoad: number | null;
  /** ρ >= 1: the stage cannot keep up. */
  readonly overloaded: boolean;
  /** When overloaded with an unbounded queue: arrival rate − service rate, the items per second the queue grows by. */
  readonly backlogGrowthPerSecond: number | null;
  readonly meanWaitSeconds: TheoryComparison;
  readonly meanQueueSize: TheoryComparison;
  readonly utilization: TheoryComparison;
  /** Share of the items arriving at the stage that are dropped (M/M/c/K). */
  readonly dropProbability: TheoryComparison;
}

/**
 * Queueing theory beside the simulation. The predictions are steady-state
 * means; the simulated figures are the summary's own (after any warm-up).
 * For a `qsim run` the top level repeats its one stage; for a pipeline it
 * covers the whole: offered load and backlog of the bottleneck, the mean of
 * every wait, all queues together and the time in system.
 */
export interface TheorySummary {
  readonly model: string;
  /** As in stages, or "Jackson network" for a pipeline of M/M/c stages. */
  readonly method: string | null;
  readonly exact: boolean;
  readonly note: string;
  /** Items per second into the first queue; null when infinite. */
  readonly arrivalRatePerSecond: number | null;
  /** The bottleneck stage's. */
  readonly offeredLoad: number | null;
  /** Some stage cannot keep up. */
  readonly overloaded: boolean;
  /** The bottleneck stage's. */
  readonly backlogGrowthPerSecond: number | null;
  readonly meanWaitSeconds: TheoryComparison;
  readonly meanQueueSize: TheoryComparison;
  readonly meanSystemSeconds: TheoryComparison;
  readonly stages: readonly StageTheory[];
}

/** The stage that limits the pipeline: the first that cannot keep up (ρ >= 1), else the one with the highest offered load. */
export interface BottleneckSummary {
  readonly stage: string;
  readonly index: number;
  /** ρ of the stage; null when infinite. */
  readonly offeredLoad: number | null;
  readonly overloaded: boolean;
  /** The simulated utilization of the stage. */
  readonly utilization: number | null;
}

/** The simulated part of a summary; theory and bottleneck are derived from it and the scenario. */
export type MeasuredSummary = Omit<RunSummary, 'bottleneck' | 'theory' | 'replications'>;

export interface RunSummary {
  readonly seed: number;
  /** Simulated time at the end of the run. */
  readonly simulatedSeconds: number;
  /** True when the run was stopped early (Ctrl-C, SIGTERM): the figures cover the run up to then. */
  readonly interrupted: boolean;
  /**
   * Simulated time left out of the statistics (--warmup; 0 without): waits,
   * times in system, queue sizes, busy and blocked time, utilization and
   * throughput cover only the time after it. Item counts cover the whole run.
   */
  readonly warmupSeconds: number;
  readonly items: ItemCounts;
  /** Items still waiting in the queues when the run ended. */
  readonly finalQueueSize: number;
  /** items.consumed / simulatedSeconds; null when the run lasted 0 s. */
  readonly throughputPerSecond: number | null;
  /** All queues together (the one queue of a `qsim run`). */
  readonly queue: QueueSummary;
  /** Every wait in a queue, at any stage: from entering it to being taken by a worker. */
  readonly waitSeconds: DistributionSummary;
  /** Of consumed items: from entering the first queue to the end of processing at the last stage. */
  readonly systemSeconds: DistributionSummary;
  readonly consumers: readonly ConsumerSummary[];
  readonly producers: readonly ProducerSummary[];
  readonly stages: readonly StageSummary[];
  readonly bottleneck: BottleneckSummary;
  readonly theory: TheorySummary;
  readonly options: SummaryOptions;
  /** Only with --replications: each key statistic as mean ± confidence interval over the replications. */
  readonly replications?: ReplicationsSummary;
}

/** One key statistic over the replications: mean ± halfWidth (Student t). */
export interface ReplicatedStatistic {
  /** Where the statistic is in each replication's summary, e.g. "waitSeconds.mean". */
  readonly path: string;
  readonly mean: number | null;
  /** Half-width of the confidence interval; null with fewer than 2 values. */
  readonly halfWidth: number | null;
  readonly low: number | null;
  readonly high: number | null;
  /** One per replication, in seed order (null where the replication had none). */
  readonly values: readonly (number | null)[];
  /** The theoretical value (theory.*.predicted), or null. */
  readonly predicted: number | null;
  /** Whether the predicted value lies in [low, high]; null without both. */
  readonly predictedInside: boolean | null;
}

export interface ReplicationsSummary {
  readonly count: number;
  /** The seed of each replication: seed, seed + 1, … */
  readonly seeds: readonly number[];
  /** 0.95. */
  readonly confidenceLevel: number;
  readonly meanWait: ReplicatedStatistic;
  readonly p95Wait: ReplicatedStatistic;
  readonly meanSystem: ReplicatedStatistic;
  readonly throughput: ReplicatedStatistic;
  readonly meanQueueSize: ReplicatedStatistic;
  /** Utilization of the bottleneck stage (the one stage of a qsim run). */
  readonly utilization: ReplicatedStatistic;
}

function isDistribution(value: unknown): value is Distribution {
  return typeof value === 'object' && value !== null && 'spec' in value && typeof (value as Distribution).sample === 'function';
}

/** `value` as JSON can hold it: see Normalised. */
export function normalise<T>(value: T): Normalised<T> {
  if (typeof value === 'number') return (Number.isFinite(value) ? value : null) as Normalised<T>;
  if (isDistribution(value)) return { ...value.spec, mean: value.mean } as Normalised<T>;
  if (Array.isArray(value)) return value.map((member: unknown) => normalise(member)) as Normalised<T>;
  if (typeof value === 'object' && value !== null) {
    const record: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) record[key] = normalise(member);
    return record as Normalised<T>;
  }
  return value as Normalised<T>;
}

/** The `options` of a run: the command line's config when there is one, else the scenario with its seed. */
export function summaryOptions(source: { config: RunConfig } | { scenario: Scenario; seed: number }): SummaryOptions {
  if ('config' in source) return normalise(source.config);
  const { sources, stages } = source.scenario;
  return { ...normalise({ sources, stages }), seed: source.seed };
}
