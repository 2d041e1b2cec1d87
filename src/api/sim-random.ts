import { InvalidArgumentError } from '../core/errors.js';
import type { RandomStream } from '../core/random.js';
import { createDistribution, parseDistribution, type Distribution, type DistributionSpec } from '../model/distribution.js';
import { quote } from '../model/quote.js';

/**
 * A named random stream of the run: `sim.random(name)`, or `p.random` (the
 * stream named "process:NAME"). A stream's numbers depend only on the seed,
 * its name and the draws made from it, so adding a process or a stream does
 * not change the numbers another one draws.
 *
 * The distributions are the command line's (`--interval`, `--delay`), with
 * the same parameters and the same draws: durations in seconds, never
 * negative (normal is truncated at 0 by drawing again).
 *
 * @example
 * const arrivals = sim.random('arrivals');
 * await p.sleep(arrivals.exp(0.5));            // mean 0.5 s
 * await p.sleep(p.random.uniform(1, 3));       // 1 s to 3 s
 * await p.sleep(p.random.sample('erlang(3,1s)'));
 * await p.sleep(p.random.sample(opts.interval)); // the --interval of the run
 */
export interface SimRandom {
  readonly name: string;
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max): `min + (max - min) * next()`. */
  uniform(min: number, max: number): number;
  /** Exponential with mean `mean` (a rate λ is mean 1/λ). */
  exp(mean: number): number;
  /** Normal(mean, sd) truncated at 0 by drawing again, as `--delay normal(mean,sd)`. */
  normal(mean: number, sd: number): number;
  /** Log-normal whose own mean and standard deviation are `mean` and `sd`. */
  lognormal(mean: number, sd: number): number;
  /** Erlang: the sum of `k` exponentials, with mean `mean` in all. */
  erlang(k: number, mean: number): number;
  /** Always `value` (draws nothing). */
  const(value: number): number;
  /** A draw from a distribution object (e.g. `opts.delay`) or text in the command line's syntax ("exp(250ms)"). */
  sample(distribution: Distribution | string): number;
}

/** Internal: a SimRandom over one RandomStream; distributions are built once per parameter set in a row. */
export class SimRandomImpl implements SimRandom {
  readonly #stream: RandomStream;
  readonly #lastOfKind = new Map<string, { key: string; distribution: Distribution }>();
  readonly #parsed = new Map<string, Distribution>();

  constructor(
    readonly name: string,
    stream: RandomStream,
  ) {
    this.#stream = stream;
  }

  next(): number {
    return this.#stream.next();
  }

  uniform(min: number, max: number): number {
    return this.#draw({ kind: 'uniform', min, max }, `${min},${max}`);
  }

  exp(mean: number): number {
    return this.#draw({ kind: 'exp', mean }, `${mean}`);
  }

  normal(mean: number, sd: number): number {
    return this.#draw({ kind: 'normal', mu: mean, sigma: sd }, `${mean},${sd}`);
  }

  lognormal(mean: number, sd: number): number {
    return this.#draw({ kind: 'lognormal', mean, sd }, `${mean},${sd}`);
  }

  erlang(k: number, mean: number): number {
    return this.#draw({ kind: 'erlang', shape: k, mean }, `${k},${mean}`);
  }

  const(value: number): number {
    return this.#draw({ kind: 'const', value }, `${value}`);
  }

  sample(distribution: Distribution | string): number {
    if (typeof distribution !== 'string') return distribution.sample(this.#stream);
    let parsed = this.#parsed.get(distribution);
    if (parsed === undefined) {
      const result = parseDistribution(distribution);
      if (!result.ok) {
        throw new InvalidArgumentError(`invalid distribution ${quote(distribution)}${result.reason ? `: ${result.reason}` : ''}`);
      }
      parsed = result.distribution;
      this.#parsed.set(distribution, parsed);
    }
    return parsed.sample(this.#stream);
  }

  /** Draws from `spec`, reusing the distribution built for the same kind and parameters last time. */
  #draw(spec: DistributionSpec, key: string): number {
    const last = this.#lastOfKind.get(spec.kind);
    if (last !== undefined && last.key === key) return last.distribution.sample(this.#stream);
    const distribution = createDistribution(spec);
    this.#lastOfKind.set(spec.kind, { key, distribution });
    return distribution.sample(this.#stream);
  }
}
