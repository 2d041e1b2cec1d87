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
 *   {"t":2.5,"type":"failed","worker":"Fred","item":4,"attempt":1,"attempts":3}
 *   {"t":9,"type":"dead-lettered","worker":"Fred","item":4}
 *   {"t":10,"type":"done","worker":"producer-1","role":"producer"}
 *
 * With several stages every event but done also carries "stage" (the queue's
 * stage for put, blocked and dropped; the worker's for the others); with
 * concurrency above 1 somewhere, got, processed and failed carry "slot"
 * (0-based). "system" is the time since the item entered the first queue.
 *
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
  abandoned: string;
  dropped: string;
  got: string;
  processed: string;
  failed: string;
  deadLettered: string;
  done: string;
}

function prefixes(worker: Worker): Prefixes {
  const name = JSON.stringify(worker.name);
  const prefix = (type: string): string => `,"type":"${type}","worker":${name}`;
  return {
    put: prefix('put'),
    blocked: prefix('blocked'),
    abandoned: prefix('abandoned'),
    dropped: prefix('dropped'),
    got: prefix('got'),
    processed: prefix('processed'),
    failed: prefix('failed'),
    deadLettered: prefix('dead-lettered'),
    done: `${prefix('done')},"role":"${worker.role}"}\n`,
  };
}

export class NdjsonLog implements RunObserver {
  readonly #sink: TextSink;
  #producers: Prefixes[] = [];
  #consumers: Prefixes[] = [];
  /** `,"stage":"name"` per stage when there are several, else empty. */
  #stageFields: string[] = [];
  #slots = false;

  constructor(sink: TextSink) {
    this.#sink = sink;
  }

  runStarted(event: RunStarted): void {
    const { stages } = event.scenario;
    this.#producers = event.producers.map(prefixes);
    this.#consumers = event.consumers.map(prefixes);
    this.#stageFields = stages.map((stage) => (stages.length > 1 ? `,"stage":${JSON.stringify(stage.name)}` : ''));
    this.#slots = stages.some((stage) => stage.concurrency > 1);
  }

  putBlocked(time: number, worker: Worker, stage: number): void {
    this.#sink.write(`{"t":${jsonNumber(time)}${this.#of(worker).blocked}${this.#stageFields[stage]}}\n`);
  }

  putAbandoned(time: number, worker: Worker, stage: number): void {
    this.#sink.write(`{"t":${jsonNumber(time)}${this.#of(worker).abandoned}${this.#stageFields[stage]}}\n`);
  }

  itemPut(time: number, worker: Worker, item: Item, size: number, stage: number): void {
    this.#sink.write(`{"t":${jsonNumber(time)}${this.#of(worker).put},"item":${item.id},"size":${size}${this.#stageFields[stage]}}\n`);
  }

  /** Under drop-newest `item` never entered the queue; under drop-oldest it is the one pushed out. */
  itemDropped(time: number, worker: Worker, item: Item, size: number, stage: number): void {
    this.#sink.write(`{"t":${jsonNumber(time)}${this.#of(worker).dropped},"item":${item.id},"size":${size}${this.#stageFields[stage]}}\n`);
  }

  itemGot(time: number, consumer: Worker, item: Item, size: number, slot: number): void {
    const wait = jsonNumber(time - item.enteredAt);
    const fields = `,"item":${item.id},"size":${size},"wait":${wait}${this.#stageFields[consumer.group]}`;
    this.#sink.write(`{"t":${jsonNumber(time)}${this.#of(consumer).got}${fields}${this.#slot(slot)}`);
  }

  itemProcessed(time: number, consumer: Worker, item: Item, slot: number): void {
    const fields = `,"item":${item.id},"system":${jsonNumber(time - item.bornAt)}${this.#stageFields[consumer.group]}`;
    this.#sink.write(`{"t":${jsonNumber(time)}${this.#of(consumer).processed}${fields}${this.#slot(slot)}`);
  }

  itemFailed(time: number, consumer: Worker, item: Item, slot: number, attempt: number, attempts: number): void {
    const fields = `,"item":${item.id},"attempt":${attempt},"attempts":${attempts}${this.#stageFields[consumer.group]}`;
    this.#sink.write(`{"t":${jsonNumber(time)}${this.#of(consumer).failed}${fields}${this.#slot(slot)}`);
  }

  itemDeadLettered(time: number, consumer: Worker, item: Item): void {
    this.#sink.write(`{"t":${jsonNumber(time)}${this.#of(consumer).deadLettered},"item":${item.id}${this.#stageFields[consumer.group]}}\n`);
  }

  workerDone(time: number, worker: Worker): void {
    this.#sink.write(`{"t":${jsonNumber(time)}${this.#of(worker).done}`);
  }

  #slot(slot: number): string {
    return this.#slots ? `,"slot":${slot}}\n` : '}\n';
  }

  #of(worker: Worker): Prefixes {
    return (worker.role === 'producer' ? this.#producers : this.#consumers)[worker.index] as Prefixes;
  }
}
