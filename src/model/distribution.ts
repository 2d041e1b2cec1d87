/**
 * Distributions of durations (inter-arrival times, processing times): one
 * syntax for every option and scenario file, each with its exact mean and
 * variance (for queueing theory) and a sampler that draws only from a
 * RandomStream, so a seed fixes every value.
 *
 *   2s, 250ms              a bare duration: always that value (const)
 *   const(0.5s)            always 0.5 s; draws nothing from the stream
 *   uniform(0.2s,3s)       uniform in [min, max)
 *   exp(1s)                exponential with mean 1 s
 *   normal(1s,200ms)       normal(mean, sd) truncated at 0 by resampling
 *   lognormal(1s,500ms)    log-normal whose own mean and sd are 1 s and 0.5 s
 *   erlang(3,1s)           Erlang with shape k = 3 and mean 1 s (sum of 3 exp(1s/3))
 */
import { InvalidArgumentError } from '../core/errors.js';
import type { RandomStream } from '../core/random.js';
import { durationReason, formatDuration, parseDuration } from './duration.js';
import { countTextReason } from './number-text.js';
import { quote } from './quote.js';

// Bound once for the samplers (see src/core/random.ts: a global lookup per call is slow under jest).
const { exp, log } = Math;

export type DistributionSpec =
  | { readonly kind: 'const'; readonly value: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'exp'; readonly mean: number }
  /** mu and sigma of the normal before truncation at 0 (the written parameters). */
  | { readonly kind: 'normal'; readonly mu: number; readonly sigma: number }
  /** The mean and standard deviation of the log-normal values themselves. */
  | { readonly kind: 'lognormal'; readonly mean: number; readonly sd: number }
  | { readonly kind: 'erlang'; readonly shape: number; readonly mean: number };

export type DistributionKind = DistributionSpec['kind'];

/** A distribution of non-negative durations in seconds. */
export interface Distribution {
  readonly spec: DistributionSpec;
  /** Exact mean of the values sample() returns (after any truncation), in seconds. */
  readonly mean: number;
  /** Exact variance of the values sample() returns, in seconds². */
  readonly variance: number;
  /** Draws one value >= 0, using only `stream`. */
  sample(stream: RandomStream): number;
}

/** Largest Erlang shape: a sample costs k uniform draws, and k = 1000 is already nearly constant (cv 3%). */
export const MAX_ERLANG_SHAPE = 1000;

const PARAMETERS: Readonly<Record<DistributionKind, readonly string[]>> = {
  const: ['value'],
  uniform: ['min', 'max'],
  exp: ['mean'],
  normal: ['mean', 'sd'],
  lognormal: ['mean', 'sd'],
  erlang: ['k', 'mean'],
};

const KINDS = Object.keys(PARAMETERS) as DistributionKind[];

export const DISTRIBUTION_SYNTAX =
  'a duration or a distribution: const(d), uniform(min,max), exp(mean), normal(mean,sd), lognormal(mean,sd) or erlang(k,mean)';

// ---------------------------------------------------------------- samplers

class Constant implements Distribution {
  readonly variance = 0;
  readonly mean: number;
  constructor(readonly spec: { readonly kind: 'const'; readonly value: number }) {
    this.mean = spec.value;
  }
  sample(): number {
    return this.spec.value;
  }
}

class Uniform implements Distribution {
  readonly mean: number;
  readonly variance: number;
  readonly #min: number;
  readonly #width: number;
  constructor(readonly spec: { readonly kind: 'uniform'; readonly min: number; readonly max: number }) {
    this.#min = spec.min;
    this.#width = spec.max - spec.min;
    this.mean = (spec.min + spec.max) / 2;
    this.variance = (this.#width * this.#width) / 12;
  }
  sample(stream: RandomStream): number {
    // With min 0 this is exactly stream.next() * max, the demo's processing time.
    return this.#min + this.#width * stream.next();
  }
}

class Exponential implements Distribution {
  readonly mean: number;
  readonly variance: number;
  constructor(readonly spec: { readonly kind: 'exp'; readonly mean: number }) {
    this.mean = spec.mean;
    this.variance = spec.mean * spec.mean;
  }
  sample(stream: RandomStream): number {
    return stream.exponential(this.spec.mean);
  }
}

/** erfc(x) to a relative error below 1.2e-7 everywhere (Numerical Recipes' erfcc, a Chebyshev fit). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(-z * z + poly);
  return x >= 0 ? r : 2 - r;
}

/**
 * Normal(mu, sigma) truncated at 0 by resampling: a negative draw is thrown
 * away and drawn again, so the shape above 0 is the normal's, renormalised
 * (clamping would instead pile the negative mass up at exactly 0). Since
 * mu >= 0, at least half the draws are kept. With alpha = -mu/sigma and
 * lambda = phi(alpha) / (1 - Phi(alpha)), the mean becomes mu + sigma*lambda
 * and the variance sigma^2 (1 + alpha*lambda - lambda^2); for mu >= 3 sigma
 * that differs from (mu, sigma^2) by less than 0.5% of sigma.
 */
class TruncatedNormal implements Distribution {
  readonly mean: number;
  readonly variance: number;
  constructor(readonly spec: { readonly kind: 'normal'; readonly mu: number; readonly sigma: number }) {
    const { mu, sigma } = spec;
    if (sigma === 0) {
      this.mean = mu;
      this.variance = 0;
      return;
    }
    const alpha = -mu / sigma;
    const density = Math.exp((-alpha * alpha) / 2) / Math.sqrt(2 * Math.PI);
    const kept = 0.5 * erfc(alpha / Math.SQRT2); // 1 - Phi(alpha), >= 0.5
    const lambda = density / kept;
    this.mean = mu + sigma * lambda;
    this.variance = sigma * sigma * (1 + alpha * lambda - lambda * lambda);
  }
  sample(stream: RandomStream): number {
    const { mu, sigma } = this.spec;
    let x: number;
    do x = mu + sigma * stream.normal();
    while (x < 0);
    return x;
  }
}

/** exp(N(m, s^2)) with m and s chosen so the values have the written mean and sd. */
class LogNormal implements Distribution {
  readonly mean: number;
  readonly variance: number;
  readonly #mu: number;
  readonly #sigma: number;
  constructor(readonly spec: { readonly kind: 'lognormal'; readonly mean: number; readonly sd: number }) {
    const { mean, sd } = spec;
    const logVariance = Math.log1p((sd * sd) / (mean * mean));
    this.#sigma = Math.sqrt(logVariance);
    this.#mu = Math.log(mean) - logVariance / 2;
    this.mean = mean;
    this.variance = sd * sd;
  }
  sample(stream: RandomStream): number {
    return exp(this.#mu + this.#sigma * stream.normal());
  }
}

/** The sum of k independent exponentials of mean mean/k. */
class Erlang implements Distribution {
  readonly mean: number;
  readonly variance: number;
  readonly #phaseMean: number;
  constructor(readonly spec: { readonly kind: 'erlang'; readonly shape: number; readonly mean: number }) {
    this.#phaseMean = spec.mean / spec.shape;
    this.mean = spec.mean;
    this.variance = (spec.mean * spec.mean) / spec.shape;
  }
  sample(stream: RandomStream): number {
    // -phaseMean * ln(u1 * ... * uk) with one logarithm per ~600 factors; the
    // product is folded into the sum before it can underflow (each factor is >= 2^-53).
    let logSum = 0;
    let product = 1;
    for (let i = 0; i < this.spec.shape; i++) {
      product *= 1 - stream.next();
      if (product < 1e-280) {
        logSum += log(product);
        product = 1;
      }
    }
    return -this.#phaseMean * (logSum + log(product));
  }
}

// ---------------------------------------------------------------- construction and text

/** Why `spec` is not a valid distribution, or undefined when it is. */
export function specProblem(spec: DistributionSpec): string | undefined {
  const values = Object.entries(spec).filter(([key]) => key !== 'kind' && key !== 'shape');
  for (const [key, value] of values) {
    if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
      return `${spec.kind}'s ${key} must be a finite number of seconds >= 0`;
    }
  }
  switch (spec.kind) {
    case 'uniform':
      return spec.min > spec.max ? `uniform's min ${formatDuration(spec.min)} is above its max ${formatDuration(spec.max)}` : undefined;
    case 'lognormal':
      return spec.mean > 0 ? undefined : "lognormal's mean must be above 0";
    case 'erlang':
      return Number.isSafeInteger(spec.shape) && spec.shape >= 1 && spec.shape <= MAX_ERLANG_SHAPE
        ? undefined
        : `erlang's shape k must be a whole number from 1 to ${MAX_ERLANG_SHAPE}`;
    default:
      return undefined;
  }
}

/** Builds the distribution `spec` describes; throws InvalidArgumentError when it is invalid. */
/**
 * The distribution of `spec`, frozen with it: one distribution is shared by
 * every run that uses it (replications, sweep points and a model's builds in
 * one thread), so code that changed it (a model's `opts.delay.spec.max += 1`)
 * would make later runs depend on earlier ones, and results on --jobs.
 */
export function createDistribution(spec: DistributionSpec): Distribution {
  const problem = specProblem(spec);
  if (problem !== undefined) throw new InvalidArgumentError(`invalid distribution ${formatDistribution(spec)}: ${problem}`);
  return Object.freeze(distributionOf(Object.freeze({ ...spec })));
}

function distributionOf(spec: DistributionSpec): Distribution {
  switch (spec.kind) {
    case 'const':
      return new Constant(spec);
    case 'uniform':
      return new Uniform(spec);
    case 'exp':
      return new Exponential(spec);
    case 'normal':
      return new TruncatedNormal(spec);
    case 'lognormal':
      return new LogNormal(spec);
    case 'erlang':
      return new Erlang(spec);
  }
}

/** The canonical text of `spec`, which parseDistribution reads back: 0.5s, uniform(0s,3s), erlang(3,1s). */
export function formatDistribution(spec: DistributionSpec): string {
  const d = formatDuration;
  switch (spec.kind) {
    case 'const':
      return d(spec.value);
    case 'uniform':
      return `uniform(${d(spec.min)},${d(spec.max)})`;
    case 'exp':
      return `exp(${d(spec.mean)})`;
    case 'normal':
      return `normal(${d(spec.mu)},${d(spec.sigma)})`;
    case 'lognormal':
      return `lognormal(${d(spec.mean)},${d(spec.sd)})`;
    case 'erlang':
      return `erlang(${spec.shape},${d(spec.mean)})`;
  }
}

export type DistributionParse = { readonly ok: true; readonly distribution: Distribution } | { readonly ok: false; readonly reason?: string };

function fail(reason?: string): DistributionParse {
  return reason === undefined ? { ok: false } : { ok: false, reason };
}

function isKind(name: string): name is DistributionKind {
  return (KINDS as string[]).includes(name);
}

function signature(kind: DistributionKind): string {
  return `${kind}(${PARAMETERS[kind].join(',')})`;
}

const KNOWN = `known: ${KINDS.join(', ')}`;
const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/**
 * Reads a distribution: a bare duration (const) or name(p1,p2) with durations
 * as parameters (Erlang's k is a whole number). Spaces around names and
 * parameters are allowed. On failure, `reason` points at the bad part:
 * missing ")", an unknown name (listing the known ones), a wrong number of
 * parameters, a parameter that is not a duration (and why, as durationReason
 * says), or a value out of range.
 */
export function parseDistribution(text: string): DistributionParse {
  const trimmed = text.trim();
  if (trimmed === '') return fail('it is empty');
  const value = parseDuration(trimmed);
  if (value !== undefined) return { ok: true, distribution: new Constant({ kind: 'const', value }) };

  const open = trimmed.indexOf('(');
  if (open < 0) {
    // A duration written wrongly (1e3, 1000000001s, 5 sec) says why, as the duration options do.
    const reason = durationReason(trimmed);
    if (reason !== undefined) return fail(reason);
    if (!NAME.test(trimmed)) return fail();
    const name = trimmed.toLowerCase();
    return isKind(name)
      ? fail(`${name} needs its parameters in parentheses: ${signature(name)}`)
      : fail(`unknown distribution ${quote(trimmed)}; ${KNOWN}`);
  }
  const written = trimmed.slice(0, open).trim();
  if (written === '') return fail('the distribution name before "(" is missing');
  const name = written.toLowerCase();
  if (!isKind(name)) return fail(`unknown distribution ${quote(written)}; ${KNOWN}`);
  const close = trimmed.indexOf(')', open);
  if (close < 0) return fail('missing ")"');
  if (close !== trimmed.length - 1) return fail(`unexpected ${quote(trimmed.slice(close + 1))} after ")"`);

  const inside = trimmed.slice(open + 1, close).trim();
  const args = inside === '' ? [] : inside.split(',').map((arg) => arg.trim());
  const names = PARAMETERS[name];
  if (args.length !== names.length) {
    const takes = `${names.length} parameter${names.length === 1 ? '' : 's'}`;
    return fail(`${name} takes ${takes}, ${signature(name)}, got ${args.length}`);
  }
  const numbers: number[] = [];
  for (const [i, arg] of args.entries()) {
    const parameter = names[i] as string;
    if (name === 'erlang' && parameter === 'k') {
      const k = /^\d+$/.test(arg) ? Number(arg) : NaN;
      const howWritten = countTextReason(arg);
      if (howWritten !== undefined) return fail(`erlang's k ${quote(arg)}: ${howWritten}`);
      if (!(k >= 1 && k <= MAX_ERLANG_SHAPE)) {
        return fail(`erlang's k must be a whole number from 1 to ${MAX_ERLANG_SHAPE}, got ${quote(arg)}`);
      }
      numbers.push(k);
      continue;
    }
    const seconds = parseDuration(arg);
    if (seconds === undefined) {
      const reason = durationReason(arg);
      return fail(`${name}'s ${parameter} ${quote(arg)}${reason === undefined ? ' is not a duration' : `: ${reason}`}`);
    }
    numbers.push(seconds);
  }
  const spec = toSpec(name, numbers);
  const problem = specProblem(spec);
  return problem === undefined ? { ok: true, distribution: createDistribution(spec) } : fail(problem);
}

function toSpec(kind: DistributionKind, [a = 0, b = 0]: readonly number[]): DistributionSpec {
  switch (kind) {
    case 'const':
      return { kind, value: a };
    case 'uniform':
      return { kind, min: a, max: b };
    case 'exp':
      return { kind, mean: a };
    case 'normal':
      return { kind, mu: a, sigma: b };
    case 'lognormal':
      return { kind, mean: a, sd: b };
    case 'erlang':
      return { kind, shape: a, mean: b };
  }
}
