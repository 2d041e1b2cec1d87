import { LogHistogram } from './log-histogram.js';
import type { DistributionSummary } from './summary.js';

/** Samples kept exactly before switching to the histogram: 80 KB. */
export const EXACT_SAMPLE_LIMIT = 10_000;

/** In whole percent, so the rank ceil(N·count/100) is computed exactly. */
const PERCENTILES = [50, 95, 99] as const;

/** The nearest rank of the N-th percentile among `count` samples, 1-based. */
export function nearestRank(percent: number, count: number): number {
  return Math.max(1, Math.ceil((percent * count) / 100));
}

/**
 * Mean, percentiles and maximum of a stream of durations in bounded memory.
 * The first EXACT_SAMPLE_LIMIT values are kept, so small runs get exact
 * percentiles; past that they move into a LogHistogram (0.1 % relative
 * accuracy) and the memory stays fixed. Mean, count and max are always exact.
 * Percentiles use the nearest-rank definition: pN is the smallest sample with
 * at least N % of the samples at or below it.
 */
export class DurationStats {
  readonly #exact = new Float64Array(EXACT_SAMPLE_LIMIT);
  #histogram: LogHistogram | undefined;
  #count = 0;
  #sum = 0;
  #max = 0;

  get count(): number {
    return this.#count;
  }

  /** Whether percentiles are still exact. */
  get exact(): boolean {
    return this.#histogram === undefined;
  }

  /** Records one duration >= 0. Allocation-free except once, at the switch. */
  add(value: number): void {
    this.#sum += value;
    if (value > this.#max) this.#max = value;
    if (this.#count < EXACT_SAMPLE_LIMIT) {
      this.#exact[this.#count++] = value;
      return;
    }
    this.#count++;
    let histogram = this.#histogram;
    if (histogram === undefined) {
      histogram = this.#histogram = new LogHistogram();
      for (const kept of this.#exact) histogram.add(kept);
    }
    histogram.add(value);
  }

  summary(): DistributionSummary {
    const count = this.#count;
    if (count === 0) return { count, mean: null, p50: null, p95: null, p99: null, max: null };
    const [p50, p95, p99] = this.#percentiles();
    return { count, mean: this.#sum / count, p50, p95, p99, max: this.#max };
  }

  #percentiles(): [number, number, number] {
    const histogram = this.#histogram;
    if (histogram !== undefined) {
      return PERCENTILES.map((p) => histogram.valueAtRank(nearestRank(p, this.#count)) ?? 0) as [number, number, number];
    }
    const sorted = this.#exact.slice(0, this.#count).sort();
    return PERCENTILES.map((p) => sorted[nearestRank(p, sorted.length) - 1] ?? 0) as [number, number, number];
  }
}
