/**
 * A queue's recent sizes for a sparkline, sampled in virtual time: one sample
 * per `step` seconds, holding the largest size seen within that step (so a
 * short spike still shows). The last `capacity` samples are kept in a ring.
 * Recording is O(1) amortised: a sample is written once per step that passes,
 * and at most `capacity` of them after a long quiet spell.
 */
export class SizeHistory {
  readonly #ring: Float64Array;
  #next = 0;
  #length = 0;
  /** Index of the step being filled: floor(time / step). */
  #step = 0;
  /** Largest size within the current step. */
  #peak = 0;
  /** Size after the last change. */
  #size = 0;

  constructor(
    readonly step: number,
    readonly capacity: number,
  ) {
    if (!(step > 0) || !Number.isFinite(step)) throw new RangeError(`step must be a finite number above 0, got ${step}`);
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a whole number >= 1, got ${capacity}`);
    this.#ring = new Float64Array(capacity);
  }

  /** The queue has `size` items from virtual time `time` on. */
  record(time: number, size: number): void {
    this.advance(time);
    this.#size = size;
    if (size > this.#peak) this.#peak = size;
  }

  /** Closes the steps that have ended by `time`; a step with no change holds the size that stood through it. */
  advance(time: number): void {
    const step = Math.floor(time / this.step);
    if (step <= this.#step) return; // the same step, or a time the display had already run past
    this.#push(this.#peak);
    const quiet = Math.min(step - this.#step - 1, this.capacity);
    for (let i = 0; i < quiet; i++) this.#push(this.#size);
    this.#step = step;
    this.#peak = this.#size;
  }

  /** The samples, oldest first, ending with the step being filled. */
  samples(): number[] {
    const samples: number[] = [];
    const first = (this.#next - this.#length + this.capacity) % this.capacity;
    for (let i = 0; i < this.#length; i++) samples.push(this.#ring[(first + i) % this.capacity] ?? 0);
    samples.push(this.#peak);
    return samples.length > this.capacity ? samples.slice(samples.length - this.capacity) : samples;
  }

  #push(value: number): void {
    this.#ring[this.#next] = value;
    this.#next = (this.#next + 1) % this.capacity;
    if (this.#length < this.capacity) this.#length++;
  }
}
