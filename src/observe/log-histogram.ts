/**
 * A streaming histogram of non-negative durations with logarithmic buckets
 * (the DDSketch layout, Masson et al., VLDB 2019), in fixed memory.
 *
 * Bucket i holds the values in (m·γ^(i-1), m·γ^i], with γ = (1+α)/(1−α) and m
 * the smallest value told apart from 0. Reporting a bucket by 2·m·γ^i/(γ+1)
 * is within a relative error α of every value in it, so a percentile read from
 * the buckets is within α of the exact one (same rank definition).
 *
 * Why not hdr-histogram-js: it counts integers, so durations would need a unit
 * chosen in advance (and lose precision below it), and it brings a WebAssembly
 * build we do not use. This file is the whole algorithm: one log and one
 * increment per value, no allocation after construction.
 *
 * With the defaults (α = 0.001, m = 1 ns, top = 1e15 s) there are about 27,600
 * buckets: 221 KB of counts. Values below m count as 0; values above the top
 * count in the last bucket (percentiles are clamped to the exact maximum).
 */
export interface LogHistogramOptions {
  /** Relative accuracy α of reported percentiles, 0 < α < 1. Default 0.001 (0.1 %). */
  relativeAccuracy?: number;
  /** Smallest value told apart from 0. Default 1e-9. */
  minValue?: number;
  /** Largest value with its own bucket. Default 1e15. */
  maxValue?: number;
}

export class LogHistogram {
  readonly relativeAccuracy: number;
  readonly #minValue: number;
  readonly #gamma: number;
  readonly #logGamma: number;
  readonly #counts: Float64Array;
  #zeroCount = 0;
  #count = 0;
  #max = 0;
  #min = Infinity;

  constructor(options: LogHistogramOptions = {}) {
    const alpha = options.relativeAccuracy ?? 0.001;
    const minValue = options.minValue ?? 1e-9;
    const maxValue = options.maxValue ?? 1e15;
    if (!(alpha > 0 && alpha < 1)) throw new RangeError(`relativeAccuracy must be in (0, 1), got ${alpha}`);
    if (!(minValue > 0 && maxValue > minValue)) throw new RangeError(`need 0 < minValue < maxValue, got ${minValue}, ${maxValue}`);
    this.relativeAccuracy = alpha;
    this.#minValue = minValue;
    this.#gamma = (1 + alpha) / (1 - alpha);
    this.#logGamma = Math.log(this.#gamma);
    this.#counts = new Float64Array(Math.ceil(Math.log(maxValue / minValue) / this.#logGamma) + 1);
  }

  get count(): number {
    return this.#count;
  }

  /** Records one value >= 0. */
  add(value: number): void {
    this.#count++;
    if (value > this.#max) this.#max = value;
    if (value < this.#min) this.#min = value;
    if (value < this.#minValue) {
      this.#zeroCount++;
      return;
    }
    const index = Math.ceil(Math.log(value / this.#minValue) / this.#logGamma);
    const last = this.#counts.length - 1;
    (this.#counts[index < last ? index : last] as number)++;
  }

  /**
   * The value of the given rank (1 = smallest) within the relative accuracy;
   * undefined when empty. The nearest-rank N-th percentile is rank ceil(N·count/100).
   */
  valueAtRank(rank: number): number | undefined {
    if (this.#count === 0) return undefined;
    let seen = this.#zeroCount;
    if (seen >= rank) return this.#min; // below minValue: within minValue of the truth
    const counts = this.#counts;
    for (let i = 0; i < counts.length; i++) {
      seen += counts[i] as number;
      if (seen >= rank) {
        const estimate = (2 * this.#minValue * Math.pow(this.#gamma, i)) / (this.#gamma + 1);
        return Math.min(this.#max, Math.max(this.#min, estimate));
      }
    }
    return this.#max;
  }
}
