/**
 * `--format ndjson`: one JSON object per line for each event, as it happens.
 * Field order is fixed; times are simulated seconds under the rounding policy
 * of json-output.ts.
 *
 *   {"t":0,"type":"put","worker":"producer-1","item":0,"size":1}
 *   {"t":0,"type":"got","worker":"Fred","item":0,"size":0,"wait":0}
 *   {"t":1.5,"type":"blocked","worker":"producer-1"}
 *   {"t":1.5,"type":"dropped","worker":"producer-1","item":7,"size":5}
 *   {"t":2.25,"type":"processed","worker":"Fred","item":0,"system":2.25}
 *   {"t":10,"type":"done","worker":"producer-1","role":"producer"}
 *
 * With --concurrency above 1, got and processed also carry "slot" (0-based).
 * The summary line ({"type":"summary",…}) is written by the caller after the
 * run, from the statistics observer. Per-worker prefixes are built once, so
 * an event costs one string concatenation.
 */
import type { RunObserver, RunStarted, Worker } from '../model/events.js';
import type { Item } from '../model/item.js';
import { jsonNumber } from './json-output.js';
import type { TextSink } from './sink.js';

interface Prefixes {
  put: string;
  blocked: string;
  dropped: string;
  got: string;
  processed: string;
  done: string;
}

function prefixes(worker: Worker): Prefixes {
  const name = JSON.stringify(worker.name);
  return {
    put: `,"type":"put","worker":${name},"item":`,
    blocked: `,"type":"blocked","worker":${name}}\n`,
    dropped: `,"type":"dropped","worker":${name},"item":`,
    got: `,"type":"got","worker":${name},"item":`,
    processed: `,"type":"processed","worker":${name},"item":`,
    done: `,"type":"done","worker":${name},"role":"${worker.role}"}\n`,
  };
}

export class NdjsonLog implements RunObserver {
  readonly #sink: TextSink;
  #producers: Prefixes[] = [];
  #consumers: Prefixes[] = [];
  #slots = false;

  constructor(sink: TextSink) {
    this.#sink = sink;
  }

  runStarted(event: RunStarted): void {
    this.#producers = event.producers.map(prefixes);
    this.#consumers = event.consumers.map(prefixes);
    this.#slots = event.config.concurrency > 1;
  }

  producerBlocked(time: number, producer: Worker): void {
    this.#sink.write(`{"t":${jsonNumber(time)}${this.#of(producer).blocked}`);
  }

  itemPut(time: number, producer: Worker, item: Item, size: number): void {
    this.#sink.write(`{"t":${jsonNumber(time)}${this.#of(producer).put}${item.id},"size":${size}}\n`);
  }

  /** Under drop-newest `item` never entered the queue; under drop-oldest it is the one pushed out. */
  itemDropped(time: number, producer: Worker, item: Item, size: number): void {
    this.#sink.write(`{"t":${jsonNumber(time)}${this.#of(producer).dropped}${item.id},"size":${size}}\n`);
  }

  itemGot(time: number, consumer: Worker, item: Item, size: number, slot: number): void {
    const wait = jsonNumber(time - item.enteredAt);
    const end = this.#slots ? `,"slot":${slot}}\n` : '}\n';
    this.#sink.write(`{"t":${jsonNumber(time)}${this.#of(consumer).got}${item.id},"size":${size},"wait":${wait}${end}`);
  }

  itemProcessed(time: number, consumer: Worker, item: Item, slot: number): void {
    const system = jsonNumber(time - item.enteredAt);
    const end = this.#slots ? `,"slot":${slot}}\n` : '}\n';
    this.#sink.write(`{"t":${jsonNumber(time)}${this.#of(consumer).processed}${item.id},"system":${system}${end}`);
  }

  workerDone(time: number, worker: Worker): void {
    this.#sink.write(`{"t":${jsonNumber(time)}${this.#of(worker).done}`);
  }

  #of(worker: Worker): Prefixes {
    return (worker.role === 'producer' ? this.#producers : this.#consumers)[worker.index] as Prefixes;
  }
}
