import { randomInt } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { consumerNames, scenarioFromRunConfig, type RunConfig } from '../model/config.js';
import type { Scenario } from '../model/scenario.js';
import { createDistribution } from '../model/distribution.js';
import { MAX_CONCURRENCY, MAX_PRODUCERS, MAX_SLOTS } from '../model/limits.js';
import { consumerNamedAsProducer } from '../model/names.js';
import { parseModelFlags, type ModelChoice } from './model-options.js';
import { parseOutputFlags, type OutputChoice, type OutputFlags } from './output-options.js';
import { consumerList, distribution, duration, fileName, fullPolicy, SCENARIO_FILE, speedFactor, wholeNumber } from './values.js';
import { invalidValue, quote, UsageError } from './usage-error.js';
import { RUN_DEFAULTS } from './run-defaults.js';

/** The strings commander hands over for `qsim run`; every field is unchecked user input. */
export interface RunFlags extends OutputFlags {
  producers?: string;
  consumers?: string;
  items?: string;
  interval?: string;
  delay?: string;
  maxDelay?: string;
  concurrency?: string;
  capacity?: string;
  onFull?: string;
  duration?: string;
  seed?: string;
  speed?: string;
  instant?: boolean;
  quiet?: boolean;
  color?: boolean;
  scenario?: string;
  printScenario?: boolean;
  live?: boolean;
  debug?: boolean;
  warmup?: string;
  replications?: string;
  jobs?: string;
  model?: string;
  set?: string[];
}

/** The flags that describe the pipeline itself; a scenario file takes their place. */
export const MODEL_FLAGS = {
  producers: '--producers',
  consumers: '--consumers',
  items: '--items',
  interval: '--interval',
  delay: '--delay',
  maxDelay: '--max-delay',
  concurrency: '--concurrency',
  capacity: '--capacity',
  onFull: '--on-full',
  duration: '--duration',
} as const satisfies Partial<Record<keyof RunFlags, string>>;


export { MAX_CONCURRENCY, MAX_SLOTS } from '../model/limits.js';
export const MAX_REPLICATIONS = 10000;
export const MAX_JOBS = 256;

export type PacingChoice = { readonly kind: 'instant' } | { readonly kind: 'wall-clock'; readonly speed: number };

/** A validated `qsim run`: the pipeline to simulate plus how to present it. */
export interface RunInvocation {
  readonly scenario: Scenario;
  /** The command line's model options; undefined with --scenario. */
  readonly config: RunConfig | undefined;
  /** The seed of the run: --seed, else the scenario file's, else drawn at random. */
  readonly seed: number;
  /** True when the seed was drawn at random. */
  readonly seedDrawn: boolean;
  /** --print-scenario: print the scenario as YAML and exit. */
  readonly printScenario: boolean;
  readonly pacing: PacingChoice;
  readonly quiet: boolean;
  /** --color (true), --no-color (false), or neither. */
  readonly color: boolean | undefined;
  /** --format, --stats, --chart, --timestamps. */
  readonly output: OutputChoice;
  /** --live: the full-screen view instead of the log (paced runs only). */
  readonly live: boolean;
  /** --debug: check the run's invariants and report findings on stderr. */
  readonly debug: boolean;
  /** --warmup: simulated seconds left out of the statistics; 0 without. */
  readonly warmup: number;
  /** --replications and --jobs: independent runs with seeds seed, seed + 1, … on worker threads. */
  readonly replications: ReplicationChoice | undefined;
  /** --model and its --set parameters; the run's options (config) become the model's opts. */
  readonly model: ModelChoice | undefined;
}

export interface ReplicationChoice {
  readonly count: number;
  /** Worker threads at most: --jobs, else the number of cores. */
  readonly jobs: number;
}

/** The largest seed drawn when none is given; any safe whole number is accepted with --seed. */
const DRAWN_SEED_LIMIT = 2 ** 32;

/**
 * Validates `flags`. `loadScenario` reads --scenario's file; it is passed in so
 * that the YAML and schema libraries are loaded only for runs that use a file.
 */
export function parseRunFlags(
  flags: RunFlags,
  drawSeed: () => number = () => randomInt(0, DRAWN_SEED_LIMIT),
  loadScenario?: (file: string) => Scenario,
): RunInvocation {
  const seedFlag = flags.seed === undefined ? undefined : wholeNumber('--seed', flags.seed, 0);
  if (flags.printScenario) refuseWithPrintScenario(flags);
  if (flags.instant && flags.speed !== undefined) {
    throw new UsageError('--speed and --instant cannot be used together: --instant runs in virtual time without waiting');
  }
  if (flags.instant && flags.live) {
    throw new UsageError('--live and --instant cannot be used together: --live shows the run as it goes, in paced time');
  }
  const pacing: PacingChoice = flags.instant
    ? { kind: 'instant' }
    : { kind: 'wall-clock', speed: speedFactor('--speed', flags.speed ?? RUN_DEFAULTS.speed) };
  const output = parseOutputFlags(flags);
  const model = parseModelFlags(flags);
  let config: RunConfig | undefined;
  let scenario: Scenario;
  if (flags.scenario !== undefined) {
    for (const [key, option] of Object.entries(MODEL_FLAGS)) {
      if (flags[key as keyof typeof MODEL_FLAGS] !== undefined) {
        throw new UsageError(
          `${option} cannot be used with --scenario: the file describes the pipeline (edit it, or start from a command line with --print-scenario)`,
        );
      }
    }
    if (loadScenario === undefined) throw new Error('parseRunFlags needs loadScenario for --scenario');
    scenario = loadScenario(fileName('--scenario', flags.scenario, SCENARIO_FILE));
  } else {
    config = parseRunConfig(flags, seedFlag ?? 0);
    scenario = { ...scenarioFromRunConfig(config), seed: seedFlag };
  }
  const fixedSeed = seedFlag ?? scenario.seed;
  const seed = fixedSeed ?? drawSeed();
  const replications = parseReplications(flags, output, seed);
  return {
    scenario: { ...scenario, seed: fixedSeed },
    config: config && { ...config, seed },
    seed,
    seedDrawn: fixedSeed === undefined,
    printScenario: flags.printScenario === true,
    pacing,
    quiet: flags.quiet === true,
    color: flags.color,
    output,
    live: flags.live === true,
    debug: flags.debug === true,
    warmup: parseWarmup(flags),
    replications,
    model,
  };
}

/** What shapes a run's output or statistics has no place in a scenario file: --print-scenario would drop it unsaid. */
const NOT_IN_A_SCENARIO_FILE = {
  format: '--format',
  quiet: '--quiet',
  timestamps: '--timestamps',
  stats: '--stats',
  chart: '--chart',
  explain: '--explain',
  live: '--live',
  debug: '--debug',
  warmup: '--warmup',
  replications: '--replications',
  jobs: '--jobs',
  speed: '--speed',
} as const satisfies Partial<Record<keyof RunFlags, string>>;

function refuseWithPrintScenario(flags: RunFlags): void {
  for (const [key, option] of Object.entries(NOT_IN_A_SCENARIO_FILE)) {
    if (flags[key as keyof typeof NOT_IN_A_SCENARIO_FILE] !== undefined) {
      throw new UsageError(
        `${option} cannot be used with --print-scenario: it prints the pipeline as a scenario file and runs nothing (give ${option} to the run of that file)`,
      );
    }
  }
}

function parseWarmup(flags: RunFlags): number {
  if (flags.warmup === undefined) return 0;
  const warmup = duration('--warmup', flags.warmup);
  if (flags.live) throw new UsageError('--warmup cannot be used with --live: the live view shows the whole run');
  return warmup;
}

/**
 * --replications n (and --jobs): n runs, each in virtual time, reported
 * together as means with confidence intervals, so there is no single log to
 * print, watch or check: --live, --speed, --chart, --timestamps and --debug are refused.
 */
function parseReplications(flags: RunFlags, output: OutputChoice, seed: number): ReplicationChoice | undefined {
  if (flags.replications === undefined) {
    if (flags.jobs !== undefined) throw new UsageError('--jobs needs --replications: it sets how many replications run at once');
    return undefined;
  }
  const count = wholeNumber('--replications', flags.replications, 2, MAX_REPLICATIONS);
  const jobs = flags.jobs === undefined ? availableParallelism() : wholeNumber('--jobs', flags.jobs, 1, MAX_JOBS);
  // Compared this way round: seed + count − 1 could round down past the limit.
  if (seed > Number.MAX_SAFE_INTEGER - (count - 1)) {
    throw invalidValue('--seed', `a whole number up to ${Number.MAX_SAFE_INTEGER - count + 1} with --replications ${count} (seeds seed..seed+${count - 1})`, String(seed));
  }
  const refuse = (option: string, why: string): never => {
    throw new UsageError(`${option} cannot be used with --replications: ${why}`);
  };
  if (flags.live) refuse('--live', 'the replications run at once in virtual time, with no single run to watch');
  if (flags.speed !== undefined) refuse('--speed', 'the replications always run in virtual time, as with --instant');
  if (output.chart) refuse('--chart', 'it draws one run; use --stats for the figures merged over the replications');
  if (output.timestamps) refuse('--timestamps', 'replications print no log, only the merged figures');
  if (flags.debug) refuse('--debug', 'the checks watch one run; run one replication with --seed S --debug');
  return { count, jobs: Math.min(jobs, count) };
}

/** The single-stage pipeline described by the command line's model options. */
function parseRunConfig(flags: RunFlags, seed: number): RunConfig {
  const producers = wholeNumber('--producers', flags.producers ?? RUN_DEFAULTS.producers, 1, MAX_PRODUCERS);
  const consumers = consumerList('--consumers', flags.consumers ?? RUN_DEFAULTS.consumers);
  const consumerCount = typeof consumers === 'number' ? consumers : consumers.length;
  const clash = typeof consumers === 'number' ? undefined : consumerNamedAsProducer([{ name: 'producers', producers }], consumers);
  if (clash !== undefined) {
    const last = producers === 1 ? 'producer-1' : `producer-1 to producer-${producers}`;
    throw invalidValue('--consumers', `names other than the producers' (${last})`, flags.consumers ?? '', `${quote(clash)} is a producer's name`);
  }
  // --items and --duration each end production, whichever comes first; with neither, the default item count.
  const productionTime = flags.duration === undefined ? Infinity : duration('--duration', flags.duration);
  const items =
    flags.items !== undefined || flags.duration === undefined
      ? wholeNumber('--items', flags.items ?? RUN_DEFAULTS.items, 0)
      : Infinity;
  const interval = distribution('--interval', flags.interval ?? RUN_DEFAULTS.interval);
  const delay =
    flags.delay !== undefined
      ? distribution('--delay', flags.delay)
      : createDistribution({ kind: 'uniform', min: 0, max: duration('--max-delay', flags.maxDelay ?? RUN_DEFAULTS.maxDelay) });
  const concurrencyText = flags.concurrency ?? RUN_DEFAULTS.concurrency;
  const concurrency = wholeNumber('--concurrency', concurrencyText, 1, MAX_CONCURRENCY);
  if (consumerCount * concurrency > MAX_SLOTS) {
    throw invalidValue(
      '--concurrency',
      `a whole number from 1 to ${MAX_CONCURRENCY} with at most ${MAX_SLOTS} slots in all`,
      concurrencyText,
      `${consumerCount} consumers x ${concurrency} = ${consumerCount * concurrency} slots`,
    );
  }
  const capacity = flags.capacity === undefined ? Infinity : wholeNumber('--capacity', flags.capacity, 1);
  const onFull = fullPolicy('--on-full', flags.onFull ?? RUN_DEFAULTS.onFull);
  if (flags.delay !== undefined && flags.maxDelay !== undefined) {
    throw new UsageError('--delay and --max-delay cannot be used together: --max-delay X is shorthand for --delay uniform(0,X)');
  }
  if (onFull !== 'block' && capacity === Infinity) {
    throw new UsageError(`--on-full ${onFull} needs --capacity: an unbounded queue is never full, so nothing would be dropped`);
  }
  if (items === Infinity && interval.mean === 0) {
    throw new UsageError(
      '--duration without --items needs an --interval above 0: every item would be due at time 0 and production would never end',
    );
  }
  return {
    producers,
    consumers: typeof consumers === 'number' ? consumerNames(consumers) : consumers,
    items,
    interval,
    delay,
    concurrency,
    capacity,
    onFull,
    duration: productionTime,
    seed,
  };
}
