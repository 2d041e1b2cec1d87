import { randomInt } from 'node:crypto';
import { consumerNames, type RunConfig } from '../model/config.js';
import { consumerList, duration, speedFactor, wholeNumber } from './values.js';
import { UsageError } from './usage-error.js';

/** The strings commander hands over for `qsim run`; every field is unchecked user input. */
export interface RunFlags {
  producers?: string;
  consumers?: string;
  items?: string;
  interval?: string;
  maxDelay?: string;
  capacity?: string;
  seed?: string;
  speed?: string;
  instant?: boolean;
  quiet?: boolean;
  color?: boolean;
  debug?: boolean;
}

export const RUN_DEFAULTS = {
  producers: '1',
  consumers: 'Fred,George',
  items: '20',
  interval: '0.5s',
  maxDelay: '3s',
  speed: '1',
} as const;

export type PacingChoice = { readonly kind: 'instant' } | { readonly kind: 'wall-clock'; readonly speed: number };

/** A validated `qsim run`: the model's config plus how to present it. */
export interface RunInvocation {
  readonly config: RunConfig;
  /** True when no --seed was given and one was drawn at random. */
  readonly seedDrawn: boolean;
  readonly pacing: PacingChoice;
  readonly quiet: boolean;
  /** --color (true), --no-color (false), or neither. */
  readonly color: boolean | undefined;
  /** --debug: check the run's invariants and report findings on stderr. */
  readonly debug: boolean;
}

/** The largest seed drawn when none is given; any safe whole number is accepted with --seed. */
const DRAWN_SEED_LIMIT = 2 ** 32;

export function parseRunFlags(flags: RunFlags, drawSeed: () => number = () => randomInt(0, DRAWN_SEED_LIMIT)): RunInvocation {
  const producers = wholeNumber('--producers', flags.producers ?? RUN_DEFAULTS.producers, 1, 10000);
  const consumers = consumerList('--consumers', flags.consumers ?? RUN_DEFAULTS.consumers);
  const items = wholeNumber('--items', flags.items ?? RUN_DEFAULTS.items, 0);
  const interval = duration('--interval', flags.interval ?? RUN_DEFAULTS.interval);
  const maxDelay = duration('--max-delay', flags.maxDelay ?? RUN_DEFAULTS.maxDelay);
  const capacity = flags.capacity === undefined ? Infinity : wholeNumber('--capacity', flags.capacity, 1);
  const seed = flags.seed === undefined ? undefined : wholeNumber('--seed', flags.seed, 0);
  if (flags.instant && flags.speed !== undefined) {
    throw new UsageError('--speed and --instant cannot be used together: --instant runs in virtual time without waiting');
  }
  const pacing: PacingChoice = flags.instant
    ? { kind: 'instant' }
    : { kind: 'wall-clock', speed: speedFactor('--speed', flags.speed ?? RUN_DEFAULTS.speed) };
  return {
    config: {
      producers,
      consumers: typeof consumers === 'number' ? consumerNames(consumers) : consumers,
      items,
      interval,
      maxDelay,
      capacity,
      seed: seed ?? drawSeed(),
    },
    seedDrawn: seed === undefined,
    pacing,
    quiet: flags.quiet === true,
    color: flags.color,
    debug: flags.debug === true,
  };
}
