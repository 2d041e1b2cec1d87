/**
 * The arrival process a scenario's sources make at the first queue, in the
 * terms queueing theory needs: its rate, and whether it is Poisson, a renewal
 * process (independent, identically distributed gaps) or neither.
 *
 * Each producer waits an interval drawn from its own stream after each put, so
 * with an unbounded queue (puts never wait) one producer is a renewal process
 * with those gaps. Poisson streams superpose to a Poisson stream, so any number
 * of producers with exponential intervals is Poisson at the summed rate. Other
 * superpositions are not renewal processes: several producers with a constant
 * interval even put at the same instants, in bursts.
 */
import type { Distribution } from '../model/distribution.js';
import type { SourceSpec } from '../model/scenario.js';

export type ArrivalProcess =
  /** Exponential gaps: Poisson at `rate`. */
  | { readonly kind: 'poisson'; readonly rate: number }
  /** One producer: independent gaps drawn from `interval`. */
  | { readonly kind: 'renewal'; readonly rate: number; readonly interval: Distribution }
  /** Several producers whose gaps are not exponential; `bursts` when they put at the same instants. */
  | { readonly kind: 'superposition'; readonly rate: number; readonly producers: number; readonly bursts: boolean }
  /** A zero mean interval: every item is due at time 0 (rate Infinity). */
  | { readonly kind: 'all-at-once'; readonly rate: number };

/** Squared coefficient of variation, variance / mean²: 1 for exponential, 0 for constant (and for a mean of 0). */
export function scv(distribution: Distribution): number {
  const { mean, variance } = distribution;
  return mean > 0 ? variance / (mean * mean) : 0;
}

/** Kendall's letter for a distribution: M (exponential), D (constant), Ek (Erlang), U (uniform), G (other). */
export function kendallLetter(distribution: Distribution): string {
  const { spec } = distribution;
  switch (spec.kind) {
    case 'exp':
      return 'M';
    case 'const':
      return 'D';
    case 'erlang':
      return spec.shape === 1 ? 'M' : `E${spec.shape}`;
    case 'uniform':
      return 'U';
    default:
      return 'G';
  }
}

export function isExponential(distribution: Distribution): boolean {
  return kendallLetter(distribution) === 'M';
}

/** The sources that make items at all: a source with `items: 0` or `duration: 0` adds nothing to the arrivals. */
function makingSources(sources: readonly SourceSpec[]): SourceSpec[] {
  return sources.filter((source) => source.items > 0 && source.duration > 0);
}

/** Items per second over every producer that makes items: Σ producers / mean interval (Infinity when a mean is 0). */
export function arrivalRate(sources: readonly SourceSpec[]): number {
  let rate = 0;
  for (const source of makingSources(sources)) rate += source.interval.mean > 0 ? source.producers / source.interval.mean : Infinity;
  return rate;
}

export function arrivalProcess(all: readonly SourceSpec[]): ArrivalProcess {
  const making = makingSources(all);
  const rate = arrivalRate(making);
  // With no source making anything the rate is 0, and the shape is still the one the options describe.
  const sources = making.length > 0 ? making : all;
  const producers = sources.reduce((n, source) => n + source.producers, 0);
  if (rate === Infinity) return { kind: 'all-at-once', rate };
  if (sources.every((source) => isExponential(source.interval))) return { kind: 'poisson', rate };
  const [first] = sources;
  if (producers === 1 && first) return { kind: 'renewal', rate, interval: first.interval };
  const bursts = sources.length === 1 && first !== undefined && first.interval.spec.kind === 'const';
  return { kind: 'superposition', rate, producers, bursts };
}

/**
 * The Laplace–Stieltjes transform s ↦ E[e^(−sA)] of a gap A drawn from
 * `interval`, where it has a closed form (constant, exponential, uniform,
 * Erlang); undefined otherwise.
 */
export function laplaceTransform(interval: Distribution): ((s: number) => number) | undefined {
  const { spec } = interval;
  switch (spec.kind) {
    case 'const':
      return (s) => Math.exp(-s * spec.value);
    case 'exp':
      return (s) => 1 / (1 + s * spec.mean);
    case 'erlang':
      return (s) => (1 + (s * spec.mean) / spec.shape) ** -spec.shape;
    case 'uniform': {
      const { min, max } = spec;
      if (max === min) return (s) => Math.exp(-s * min);
      // (e^(−s·min) − e^(−s·max)) / (s(max − min)), written with expm1 so that small s loses no digits.
      return (s) => (s === 0 ? 1 : (Math.exp(-s * min) * -Math.expm1(-s * (max - min))) / (s * (max - min)));
    }
    default:
      return undefined;
  }
}
