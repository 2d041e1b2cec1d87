import type { Worker } from './events.js';
import type { Item } from './item.js';

/** An item of the pipeline as its queues hold it: an index into the ItemStore. */
export type ItemRef = number;

/**
 * The pipeline's items, column by column (struct of arrays): an item is an
 * index, its fields are entries of typed arrays, and the queues hold the
 * indexes. A deep backlog is then a ring of small integers, which the garbage
 * collector never looks into; as objects, each waiting item (and each of its
 * time fields, which V8 keeps as separate heap numbers) would be copied by
 * every young-generation collection until it was promoted. Measured on the
 * overloaded demo (a backlog of 330,000 items): objects made the run about
 * twice as slow.
 *
 * Observers still receive `Item` objects: `view(ref)` points the store's one
 * view at `ref` and returns it, so it reads that item's fields until the next
 * view. That is the contract RunObserver already states (an item passed to an
 * event is valid during the event; copy what you keep).
 *
 * Indexes are reused once released (completed, dead-lettered or dropped items),
 * unless `reuse` is off (debug mode: every item keeps its own index, so a model
 * that mishandles an item cannot make two items look like one).
 */
export class ItemStore {
  #ids = new Float64Array(1024);
  #producers = new Int32Array(1024);
  #bornAt = new Float64Array(1024);
  #enteredAt = new Float64Array(1024);
  #failures = new Int32Array(1024);
  #putBy: (Worker | undefined)[] = [];
  #free: ItemRef[] = [];
  #count = 0;
  readonly #reuse: boolean;
  readonly #view: ItemView;

  constructor(reuse = true) {
    this.#reuse = reuse;
    this.#view = new ItemView(this);
  }

  /** A new item (a released index when there is one), with both times and its failures 0. */
  create(id: number, producer: number, putBy: Worker): ItemRef {
    const ref = this.#free.pop() ?? this.#add();
    this.#ids[ref] = id;
    this.#producers[ref] = producer;
    this.#bornAt[ref] = 0;
    this.#enteredAt[ref] = 0;
    this.#failures[ref] = 0;
    this.#putBy[ref] = putBy;
    return ref;
  }

  /** The item has left the pipeline: its index may be reused. */
  release(ref: ItemRef): void {
    if (this.#reuse) this.#free.push(ref);
  }

  /** The store's view, pointed at `ref` (valid until the next call). */
  view(ref: ItemRef): Item {
    const view = this.#view;
    view.ref = ref;
    return view;
  }

  id(ref: ItemRef): number {
    return this.#ids[ref] as number;
  }

  producer(ref: ItemRef): number {
    return this.#producers[ref] as number;
  }

  bornAt(ref: ItemRef): number {
    return this.#bornAt[ref] as number;
  }

  setBornAt(ref: ItemRef, time: number): void {
    this.#bornAt[ref] = time;
  }

  enteredAt(ref: ItemRef): number {
    return this.#enteredAt[ref] as number;
  }

  setEnteredAt(ref: ItemRef, time: number): void {
    this.#enteredAt[ref] = time;
  }

  failures(ref: ItemRef): number {
    return this.#failures[ref] as number;
  }

  setFailures(ref: ItemRef, failures: number): void {
    this.#failures[ref] = failures;
  }

  putBy(ref: ItemRef): Worker {
    return this.#putBy[ref] as Worker;
  }

  setPutBy(ref: ItemRef, worker: Worker): void {
    this.#putBy[ref] = worker;
  }

  #add(): ItemRef {
    const ref = this.#count++;
    if (ref === this.#ids.length) {
      const size = ref * 2;
      this.#ids = grown(this.#ids, new Float64Array(size));
      this.#producers = grown(this.#producers, new Int32Array(size));
      this.#bornAt = grown(this.#bornAt, new Float64Array(size));
      this.#enteredAt = grown(this.#enteredAt, new Float64Array(size));
      this.#failures = grown(this.#failures, new Int32Array(size));
    }
    return ref;
  }
}

function grown<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** An Item read from the store at `ref`. */
class ItemView implements Item {
  ref: ItemRef = 0;

  constructor(readonly store: ItemStore) {}

  get id(): number {
    return this.store.id(this.ref);
  }

  get producer(): number {
    return this.store.producer(this.ref);
  }

  get bornAt(): number {
    return this.store.bornAt(this.ref);
  }

  get enteredAt(): number {
    return this.store.enteredAt(this.ref);
  }

  get failures(): number {
    return this.store.failures(this.ref);
  }

  get putBy(): Worker {
    return this.store.putBy(this.ref);
  }
}
