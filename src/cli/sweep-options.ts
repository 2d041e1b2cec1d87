/**
 * `qsim sweep` flags → a validated sweep: the grid of --vary values over the
 * model (qsim run's options, a scenario file, or a model file with --model),
 * the SLOs, replications, jobs, shard and output. Every point of the grid is
 * built and validated here, before anything runs; a bad value is reported with
 * the --vary it came from. (A model file's own checks of its parameters run
 * when it is built: sweep-model.ts, before the runs too.)
 */
import { createHash, randomInt } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { formatPath } from '../scenario/schema.js';
import { readScenarioDocument, readScenarioText, scenarioDocumentValue, scenarioFromDocument } from '../scenario/load.js';
import { ScenarioError } from '../scenario/scenario-error.js';
import type { ModelParameter } from '../api/model.js';
import type { RunConfig } from '../model/config.js';
import { inShard, type Shard } from '../sweep/execute.js';
import { describePoint, expandGrid, gridSize, type Axis } from '../sweep/grid.js';
import { MODEL_METRIC_NAMES } from '../sweep/metrics.js';
import { modelOptionsData, type ModelPointData } from '../sweep/model-point.js';
import { planSweep, type PlanInput, type SweepPlan } from '../sweep/plan.js';
import { PATH_SYNTAX, resolveScenarioPath, scenarioValue } from '../sweep/scenario-paths.js';
import { parseSlo, SLO_SYNTAX, type Slo } from '../sweep/slo.js';
import { MAX_VALUES, parseValues, VALUES_SYNTAX } from '../sweep/values.js';
import { isParameterName, parseModelFlags, parameterValue, type ModelChoice } from './model-options.js';
import { MAX_JOBS, MODEL_FLAGS, parseRunFlags, type RunFlags } from './run-options.js';
import { invalidValue, quote, UsageError } from './usage-error.js';
import { fileName, MAX_CONSUMERS, SCENARIO_FILE, wholeNumber } from './values.js';

/** The strings commander hands over for `qsim sweep`; unchecked user input. */
export interface SweepFlags extends Pick<RunFlags, keyof typeof MODEL_FLAGS | 'seed' | 'instant' | 'scenario' | 'model' | 'set'> {
  vary?: string[];
  slo?: string[];
  replications?: string;
  jobs?: string;
  shard?: string;
  format?: string;
  chart?: boolean;
}

export const SWEEP_FORMATS = ['text', 'json', 'csv', 'ndjson'] as const;
export type SweepFormat = (typeof SWEEP_FORMATS)[number];

export const MAX_REPLICATIONS = 1000;

/** Options a --vary may set for a command-line sweep, and the flag each is. */
const VARIABLE_OPTIONS: Readonly<Record<string, keyof typeof MODEL_FLAGS>> = Object.fromEntries(
  Object.entries(MODEL_FLAGS).map(([key, option]) => [option.slice(2), key as keyof typeof MODEL_FLAGS]),
);

export interface SweepInvocation {
  readonly plan: SweepPlan;
  readonly jobs: number;
  readonly shard: Shard | undefined;
  readonly format: SweepFormat;
  readonly chart: boolean;
  /** True when the seed was drawn at random. */
  readonly seedDrawn: boolean;
  /** --model: the file and its fixed --set parameters; the sweep checks the file before running (sweep-model.ts). */
  readonly model: ModelChoice | undefined;
}

const DRAWN_SEED_LIMIT = 2 ** 32;

export function parseSweepFlags(
  flags: SweepFlags,
  version: string,
  drawSeed: () => number = () => randomInt(0, DRAWN_SEED_LIMIT),
): SweepInvocation {
  const givenFormat = flags.format ?? 'text';
  const format = SWEEP_FORMATS.find((name) => name === givenFormat.trim().toLowerCase());
  if (format === undefined) throw invalidValue('--format', `one of ${SWEEP_FORMATS.join(', ')}`, givenFormat);
  const chart = flags.chart === true;
  if (chart && format !== 'text') throw new UsageError(`--chart draws in the terminal, so it cannot be used with --format ${format} (use --format text)`);
  const jobs = flags.jobs === undefined ? Math.min(availableParallelism(), MAX_JOBS) : wholeNumber('--jobs', flags.jobs, 1, MAX_JOBS);
  const replications = flags.replications === undefined ? 1 : wholeNumber('--replications', flags.replications, 1, MAX_REPLICATIONS);
  const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
  const seedFlag = flags.seed === undefined ? undefined : wholeNumber('--seed', flags.seed, 0);
  const modelChoice = parseModelFlags({ model: flags.model, set: flags.set, scenario: flags.scenario });
  const slos = parseSlos(flags.slo ?? [], modelChoice !== undefined);
  if (chart && slos.length === 0) throw new UsageError('--chart draws an SLO\'s metric against the first --vary: give --slo too');
  const varies = flags.vary ?? [];
  if (varies.length === 0) throw new UsageError('qsim sweep needs at least one --vary NAME=VALUES (e.g. --vary consumers=1..8)');
  const specs = varies.map(parseVarySyntax);
  const size = gridSize(specs);
  if (size > MAX_VALUES) {
    throw invalidValue('--vary', `a grid of at most ${MAX_VALUES} points`, varies.join(' '), `${specs.map((s) => s.values.length).join(' x ')} = ${size} points`);
  }
  const grid = expandGrid(specs);
  const model =
    modelChoice !== undefined ? modelFileModel(flags, specs, modelChoice) : flags.scenario !== undefined ? scenarioModel(flags, specs) : optionsModel(flags, specs);
  const work = grid.map((values) => model(values));
  if (shard && seedFlag === undefined && model.fileSeed === undefined) {
    throw new UsageError('--shard needs --seed: every shard of a sweep must use the same seed, or their points would not belong together');
  }
  const seed = seedFlag ?? model.fileSeed ?? drawSeed();
  const plan = planSweep({
    version,
    seed,
    replications,
    axes: specs.map(({ name, values }) => ({ name, values })),
    slos,
    work,
    values: grid,
    ...(model.file ? { model: model.file } : {}),
  });
  // No more threads than runs: a thread per run at most.
  const runs = plan.points.filter((point) => inShard(point.index, shard)).length * replications;
  return {
    plan,
    jobs: Math.max(1, Math.min(jobs, runs)),
    shard,
    format,
    chart,
    seedDrawn: seedFlag === undefined && model.fileSeed === undefined,
    model: modelChoice,
  };
}

function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || !(count >= 1 && count <= MAX_VALUES && index >= 1 && index <= count)) {
    throw invalidValue('--shard', `K/N: shard K of N, with 1 <= K <= N <= ${MAX_VALUES} (e.g. 2/4)`, text);
  }
  return { index, count };
}

function parseSlos(texts: readonly string[], model: boolean): Slo[] {
  const seen = new Set<string>();
  return texts.map((text) => {
    const parsed = parseSlo(text);
    if (!parsed.ok) throw invalidValue('--slo', SLO_SYNTAX, text, parsed.reason);
    if (model && parsed.slo.metric.readModel === undefined) {
      throw invalidValue(
        '--slo',
        `a metric a model run measures (${MODEL_METRIC_NAMES.join(', ')}: its first queue's)`,
        text,
        `a model's run does not measure ${parsed.slo.metric.name}`,
      );
    }
    if (seen.has(parsed.slo.text)) throw invalidValue('--slo', 'each objective once', text, `${parsed.slo.text} is given twice`);
    seen.add(parsed.slo.text);
    return parsed.slo;
  });
}

interface VarySpec extends Axis {
  /** As written, for messages. */
  readonly text: string;
  /** The values a range gave (1..4/3 gives 1, 2.5 and 4), as opposed to those listed. */
  readonly fromRange: ReadonlySet<string>;
}

/** The NAME of NAME=VALUES (a leading -- is allowed), or undefined without "=". */
function varyName(text: string): string | undefined {
  const equals = text.indexOf('=');
  return equals < 0 ? undefined : text.slice(0, equals).trim().replace(/^--/, '');
}

function parseVarySyntax(text: string, _i: number, all: readonly string[]): VarySpec {
  const name = varyName(text);
  const expected = `NAME=VALUES with VALUES ${VALUES_SYNTAX}`;
  if (name === undefined) throw invalidValue('--vary', expected, text, 'no "=" between the name and the values');
  if (name === '') throw invalidValue('--vary', expected, text, 'the name before "=" is missing');
  const parsed = parseValues(text.slice(text.indexOf('=') + 1));
  if (!parsed.ok) throw invalidValue('--vary', expected, text, parsed.reason);
  if (all.filter((other) => varyName(other) === name).length > 1) {
    throw invalidValue('--vary', 'each NAME once (list every value in one --vary)', text, `${quote(name)} is varied twice`);
  }
  return { name, values: parsed.values, text, fromRange: parsed.fromRange };
}

type PointWork = PlanInput['work'][number];

/**
 * Builds what a point simulates from its values; `fileSeed` is the scenario
 * file's seed, if it has one; `file` is the --model file and its digest.
 */
type Model = ((values: readonly string[]) => PointWork) & { fileSeed?: number | undefined; file?: PlanInput['model'] };

/** Points of a command-line sweep: qsim run's options with each --vary's value in place, validated as qsim run does. */
function optionsModel(flags: SweepFlags, specs: readonly VarySpec[]): Model {
  const options = runOptionsAt(flags, specs);
  return (values) => ({ scenario: options(values).scenario });
}

/** qsim run's options at a point, each --vary's value in place (the specs must all name options), validated as qsim run does. */
function runOptionsAt(flags: SweepFlags, specs: readonly VarySpec[], allowed = 'NAME one of'): (values: readonly string[]) => ReturnType<typeof parseRunFlags> {
  const keys = specs.map((spec) => {
    const key = VARIABLE_OPTIONS[spec.name];
    if (key === undefined) {
      const hint =
        spec.name === 'seed'
          ? '; for runs with several seeds use --replications'
          : spec.name.startsWith(SET_PREFIX)
            ? '; set.NAME varies a parameter of a model, so it needs --model FILE'
            : '';
      throw invalidValue('--vary', `NAME=VALUES with ${allowed} ${Object.keys(VARIABLE_OPTIONS).join(', ')}`, spec.text, `unknown option ${quote(spec.name)}${hint}`);
    }
    if (flags[key] !== undefined) {
      throw new UsageError(`--${spec.name} cannot be used with --vary ${spec.name}=…: the sweep sets it at each point (list every value in --vary)`);
    }
    return key;
  });
  const base: RunFlags = Object.fromEntries(Object.keys(MODEL_FLAGS).map((key) => [key, flags[key as keyof typeof MODEL_FLAGS]]));
  /** Whether the options without any --vary are valid on their own (asked once, when a point fails). */
  let baseValid: boolean | undefined;
  const baseIsValid = (): boolean => {
    if (baseValid === undefined) {
      try {
        parseRunFlags({ ...base, seed: '0', instant: true });
        baseValid = true;
      } catch {
        baseValid = false;
      }
    }
    return baseValid;
  };
  return (values) => {
    const point: RunFlags = { ...base, seed: '0', instant: true };
    keys.forEach((key, a) => {
      point[key] = values[a];
    });
    checkRangeCounts(specs, keys, values);
    try {
      return parseRunFlags(point);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      // A bad value of a varied option names the --vary it came from; a problem the base options have on
      // their own is theirs; one that only the varied values bring (--consumers producer-2 once
      // producers=2) names the point.
      const a = specs.findIndex((spec) => new RegExp(`(^|[^\\w-])--${spec.name}(?![\\w-])`).test(error.message));
      if (a >= 0) throw blame(specs, a, values, error.message);
      if (!baseIsValid()) throw error;
      const varied = specs.map((spec) => `--vary ${spec.text}`).join(' ');
      throw new UsageError(`${varied}: at ${describePoint(specs, values)}: ${error.message}`);
    }
  };
}

/** --vary set.NAME=VALUES: a parameter of a --model, opts.set.NAME. */
export const SET_PREFIX = 'set.';

/**
 * Points of a model sweep: the model file with qsim run's options as its
 * opts (each --vary of an option in place, validated as qsim run does) and
 * its --set parameters with each --vary set.NAME's value in place, read as
 * --set reads it (a number, a duration in seconds, true/false, or the text).
 */
function modelFileModel(flags: SweepFlags, specs: readonly VarySpec[], choice: ModelChoice): Model {
  const parameters: { readonly name: string; readonly a: number }[] = [];
  const options: number[] = [];
  specs.forEach((spec, a) => {
    if (!spec.name.startsWith(SET_PREFIX)) {
      options.push(a);
      return;
    }
    const name = spec.name.slice(SET_PREFIX.length);
    if (!isParameterName(name)) {
      throw invalidValue('--vary', 'set.NAME=VALUES with NAME a letter or _ then letters, digits or _, not __proto__ (a --set parameter)', spec.text, `${quote(name)} is not a parameter name`);
    }
    if (Object.hasOwn(choice.set, name)) {
      throw new UsageError(`--set ${name}=… cannot be used with --vary set.${name}=…: the sweep sets it at each point (list every value in --vary)`);
    }
    parameters.push({ name, a });
  });
  const runOptions = runOptionsAt(
    flags,
    options.map((a) => specs[a] as VarySpec),
    'set.NAME (a model parameter) or NAME one of',
  );
  const path = resolve(choice.path);
  const model: Model = (values) => {
    const config = runOptions(options.map((a) => values[a] ?? '')).config as RunConfig;
    const set: Record<string, ModelParameter> = { ...choice.set };
    for (const { name, a } of parameters) {
      try {
        set[name] = parameterValue(values[a] ?? '');
      } catch (error) {
        // The value came from a --vary, not a --set: name the --vary.
        if (error instanceof UsageError) throw blame(specs, a, values, error.message);
        throw error;
      }
    }
    const point: ModelPointData = { file: choice.path, path, options: modelOptionsData(config, set) };
    return { model: point };
  };
  // A missing or unreadable file is reported when the sweep loads it, before anything runs (sweep-model.ts).
  const readable = existsSync(path) && statSync(path).isFile();
  model.file = { file: choice.path, digest: readable ? createHash('sha256').update(readFileSync(path)).digest('hex') : '' };
  return model;
}

const WHOLE = /^\d+$/;

/**
 * A range gives --consumers counts: 1..4/3 gives 2.5 and 1s..3s/3 gives 1s,
 * which --consumers would otherwise take for a consumer's name. Names are
 * listed with | (consumers=Ann,Bo|Cy).
 */
function checkRangeCounts(specs: readonly VarySpec[], keys: readonly (keyof typeof MODEL_FLAGS)[], values: readonly string[]): void {
  keys.forEach((key, a) => {
    const value = values[a] ?? '';
    // consumers=1,2,3 is one point of three consumers named 1, 2 and 3: surely meant as three points.
    if (key === 'consumers' && value.includes(',') && value.split(',').every((name) => WHOLE.test(name.trim()))) {
      const expected = 'a count, or names that are not all numbers (list several values with |: consumers=1|2|3)';
      throw blame(specs, a, values, invalidValue('--consumers', expected, value).message);
    }
    if (key !== 'consumers' || !(specs[a] as VarySpec).fromRange.has(value) || WHOLE.test(value)) return;
    const expected = `a whole number from 1 to ${MAX_CONSUMERS} (a range gives consumer counts; list names with |)`;
    throw blame(specs, a, values, invalidValue('--consumers', expected, value).message);
  });
}

function blame(specs: readonly VarySpec[], a: number, values: readonly string[], message: string): UsageError {
  const spec = specs[a] as VarySpec;
  const value = values[a] ?? '';
  return new UsageError(`--vary ${spec.text}: at ${describePoint([spec], [value])}: ${message}${commaListHint(spec, value)}`);
}

/** A refused value with a comma outside parentheses (exp(1s),exp(2s)) was most likely meant as a list. */
function commaListHint(spec: VarySpec, value: string): string {
  // Consumer names are a comma-separated list themselves (checked in checkRangeCounts).
  if (spec.name === 'consumers') return '';
  let depth = 0;
  for (const character of value) {
    if (character === '(') depth++;
    else if (character === ')') depth--;
    else if (character === ',' && depth === 0) return '; --vary separates values with |, not a comma: a|b|c';
  }
  return '';
}

/** Points of a scenario sweep: the file with each --vary's path set to its value, validated as qsim run --scenario does. */
function scenarioModel(flags: SweepFlags, specs: readonly VarySpec[]): Model {
  for (const [key, option] of Object.entries(MODEL_FLAGS)) {
    if (flags[key as keyof typeof MODEL_FLAGS] !== undefined) {
      throw new UsageError(`${option} cannot be used with --scenario: the file describes the pipeline (vary a field of it with --vary stages.NAME.FIELD=…)`);
    }
  }
  const file = fileName('--scenario', flags.scenario ?? '', SCENARIO_FILE);
  const source = readScenarioDocument(readScenarioText(file), file);
  const raw = scenarioDocumentValue(source, file);
  const paths = specs.map((spec) => {
    const resolved = resolveScenarioPath(spec.name, raw);
    if (!resolved.ok) throw invalidValue('--vary', `NAME=VALUES with NAME ${PATH_SYNTAX}`, spec.text, resolved.reason);
    return resolved.path;
  });
  const shown = paths.map((path) => formatPath(path));
  /** Whether the file is valid as it is (asked once, when a point fails). */
  let fileValid: boolean | undefined;
  const fileIsValid = (): boolean => {
    if (fileValid === undefined) {
      try {
        scenarioFromDocument(source, file);
        fileValid = true;
      } catch {
        fileValid = false;
      }
    }
    return fileValid;
  };
  const model: Model = (values) => {
    const doc = source.doc.clone();
    paths.forEach((path, a) => doc.setIn(path, scenarioValue(values[a] ?? '')));
    try {
      return { scenario: scenarioFromDocument({ doc, lineCounter: source.lineCounter }, file) };
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      for (const problem of error.problems) {
        const a = shown.findIndex((path) => problem.includes(`: ${path}: `) || problem.includes(`: ${path}[`) || problem.includes(`: ${path}.`));
        if (a >= 0) throw blame(specs, a, values, problem);
      }
      // A problem found elsewhere than the fields varied (two workers under one name once a source has two
      // producers) comes from the point's values when the file is valid as it is.
      if (fileIsValid()) {
        const varied = specs.map((spec) => `--vary ${spec.text}`).join(' ');
        throw new UsageError(`${varied}: at ${describePoint(specs, values)}: ${error.problems.join('; ')}`);
      }
      throw error;
    }
  };
  const seed = (raw as Record<string, unknown> | null)?.['seed'];
  model.fileSeed = typeof seed === 'number' && Number.isSafeInteger(seed) && seed >= 0 ? seed : undefined;
  return model;
}
