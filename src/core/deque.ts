/**
 * A double-ended queue on a ring buffer. push/shift/unshift/pop are O(1)
 * amortised; the buffer doubles when full and never shifts elements, so a
 * backlog of millions costs the same per operation as an empty queue.
 * Invariant: the capacity of `#ring` is a power of two, so `& #mask` wraps.
 */
export class Deque<T> {
  #ring: (T | undefined)[];
  #mask: number;
  #head = 0;
  #length = 0;

  constructor(initialCapacity = 16) {
    let capacity = 1;
    while (capacity < initialCapacity) capacity *= 2;
    this.#ring = new Array<T | undefined>(capacity);
    this.#mask = capacity - 1;
  }

  get length(): number {
    return this.#length;
  }

  push(value: T): void {
    if (this.#length > this.#mask) this.#grow();
    this.#ring[(this.#head + this.#length) & this.#mask] = value;
    this.#length++;
  }

  unshift(value: T): void {
    if (this.#length > this.#mask) this.#grow();
    this.#head = (this.#head - 1) & this.#mask;
    this.#ring[this.#head] = value;
    this.#length++;
  }

  /** Removes and returns the first element; undefined when empty. */
  shift(): T | undefined {
    if (this.#length === 0) return undefined;
    const value = this.#ring[this.#head];
    this.#ring[this.#head] = undefined; // let the element be collected
    this.#head = (this.#head + 1) & this.#mask;
    this.#length--;
    return value;
  }

  /** Removes and returns the last element; undefined when empty. */
  pop(): T | undefined {
    if (this.#length === 0) return undefined;
    const index = (this.#head + this.#length - 1) & this.#mask;
    const value = this.#ring[index];
    this.#ring[index] = undefined;
    this.#length--;
    return value;
  }

  peekFirst(): T | undefined {
    return this.#length === 0 ? undefined : this.#ring[this.#head];
  }

  /** The element at `index` from the front (0 = first); undefined when out of range. */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.#length) return undefined;
    return this.#ring[(this.#head + index) & this.#mask];
  }

  /** Index of the first element identical to `value` (===), or -1. O(n). */
  indexOf(value: T): number {
    for (let i = 0; i < this.#length; i++) if (this.#ring[(this.#head + i) & this.#mask] === value) return i;
    return -1;
  }

  /** Removes the element at `index`, keeping the others in order; false when out of range. O(n). */
  removeAt(index: number): boolean {
    if (index < 0 || index >= this.#length) return false;
    for (let i = index; i < this.#length - 1; i++) {
      this.#ring[(this.#head + i) & this.#mask] = this.#ring[(this.#head + i + 1) & this.#mask];
    }
    this.pop();
    return true;
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = 0; i < this.#length; i++) yield this.#ring[(this.#head + i) & this.#mask] as T;
  }

  #grow(): void {
    const old = this.#ring;
    const capacity = old.length * 2;
    const ring = new Array<T | undefined>(capacity);
    for (let i = 0; i < this.#length; i++) ring[i] = old[(this.#head + i) & this.#mask];
    this.#ring = ring;
    this.#mask = capacity - 1;
    this.#head = 0;
  }
}
