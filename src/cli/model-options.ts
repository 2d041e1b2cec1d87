/**
 * `--model FILE` and `--set NAME=VALUE` of `qsim run`. A model takes the
 * command line's run options as its `opts`, so those stay allowed; what
 * describes a pipeline some other way (--scenario, --print-scenario) does not
 * go with it.
 */
import type { ModelParameter } from '../api/model.js';
import { DURATION_SYNTAX, durationReason, parseDuration } from '../model/duration.js';
import { invalidValue, quote, UsageError } from './usage-error.js';

export interface ModelFlags {
  model?: string;
  set?: string[];
  scenario?: string;
  printScenario?: boolean;
  warmup?: string;
  debug?: boolean;
  explain?: boolean;
}

/** Options of the built-in pipeline that a model run does not offer (yet), with what to use instead. */
const NOT_FOR_MODELS: readonly { flag: keyof ModelFlags; option: string; instead: string }[] = [
  { flag: 'warmup', option: '--warmup', instead: 'leave the warm-up out in the model itself, or read the per-queue figures in --format json' },
  { flag: 'debug', option: '--debug', instead: 'a model that deadlocks, stalls or throws is reported without it' },
  { flag: 'explain', option: '--explain', instead: 'queueing theory needs the built-in pipeline, whose arrivals and services qsim knows' },
];

/** A validated --model: the file and its parameters. */
export interface ModelChoice {
  readonly path: string;
  readonly set: Readonly<Record<string, ModelParameter>>;
}

const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Whether `name` can name a model parameter (opts.set.NAME): an identifier,
 * other than __proto__, which an object would take for its prototype and drop.
 */
export function isParameterName(name: string): boolean {
  return PARAMETER_NAME.test(name) && name !== '__proto__';
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
const EXPECTED = 'NAME=VALUE, NAME a letter or _ then letters, digits or _ (not __proto__)';

const WHOLE = /^[+-]?\d+$/;
const DURATION_UNIT = /\d(ms|s|m|h)$/i;

/**
 * A parameter's value: a number, a duration in seconds, true/false, or the text itself.
 * A number the model would not get as written is refused (`given`, the --set assignment, is
 * what the message shows): a whole number beyond 2^53 - 1, which a double rounds
 * (9007199254740993 would arrive as 9007199254740992), or one beyond the largest double (1e400);
 * so is a duration that --duration would refuse (2000000000s, 1e3s), rather than passed on as text.
 */
export function parameterValue(text: string, given = text): ModelParameter {
  const trimmed = text.trim();
  if (NUMBER.test(trimmed)) {
    const value = Number(trimmed);
    const expected = 'NAME=VALUE with a number a model gets as written';
    if (WHOLE.test(trimmed) && !Number.isSafeInteger(value)) {
      throw invalidValue('--set', expected, given, `a whole number is held exactly only from ${Number.MIN_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER}`);
    }
    if (!Number.isFinite(value)) throw invalidValue('--set', expected, given, `numbers go up to ${Number.MAX_VALUE} either way`);
    return value;
  }
  const seconds = parseDuration(trimmed);
  if (seconds !== undefined) return seconds;
  const reason = DURATION_UNIT.test(trimmed) ? durationReason(trimmed) : undefined;
  if (reason !== undefined) throw invalidValue('--set', `NAME=VALUE with ${DURATION_SYNTAX}`, given, reason);
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  return text;
}

/** Why a NAME=VALUE whose "=" is at `equals` (-1: none) and whose name is `name` names no parameter. */
function setNameProblem(equals: number, name: string): string {
  if (equals < 0) return 'no "=" between the name and the value';
  if (name === '') return 'the name before "=" is missing';
  return `${quote(name)} is not a parameter name`;
}

export function parseModelFlags(flags: ModelFlags): ModelChoice | undefined {
  const given = flags.set ?? [];
  if (flags.model === undefined) {
    if (given.length > 0) throw new UsageError('--set gives parameters to a model, so it needs --model FILE');
    return undefined;
  }
  if (flags.model.trim() === '') throw invalidValue('--model', 'a .mjs, .js or .ts model file', flags.model);
  if (flags.scenario !== undefined) throw new UsageError('--model and --scenario cannot be used together: each describes what to simulate');
  if (flags.printScenario) throw new UsageError('--print-scenario cannot be used with --model: a model is code, not a scenario file');
  for (const { flag, option, instead } of NOT_FOR_MODELS) {
    if (flags[flag] !== undefined && flags[flag] !== false) throw new UsageError(`${option} cannot be used with --model yet: ${instead}`);
  }
  const set: Record<string, ModelParameter> = {};
  for (const assignment of given) {
    const equals = assignment.indexOf('=');
    const name = equals < 0 ? '' : assignment.slice(0, equals).trim();
    if (!isParameterName(name)) throw invalidValue('--set', EXPECTED, assignment, setNameProblem(equals, name));
    if (Object.hasOwn(set, name)) throw invalidValue('--set', `${EXPECTED}, each name once`, assignment, `${quote(name)} is set twice`);
    set[name] = parameterValue(assignment.slice(equals + 1), assignment);
  }
  return { path: flags.model, set };
}
