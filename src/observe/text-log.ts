import type { RunFinished, RunObserver, RunStarted, Worker } from '../model/events.js';
import type { Item } from '../model/item.js';
import { plainPalette, type Palette, type TextSink } from './sink.js';

/** Centres `text` in `width` columns like Python's f"{text:^width}" (the extra space goes right). */
export function centre(text: string, width: number): string {
  const length = [...text].length;
  if (length >= width) return text;
  const left = Math.floor((width - length) / 2);
  return ' '.repeat(left) + text + ' '.repeat(width - length - left);
}

/** The narrowest name field, as in the original demo's f"{name:^6}". */
export const MIN_NAME_WIDTH = 6;

export function finalLine(finished: RunFinished): string {
  return `Queue size is now ${finished.finalQueueSize}\n`;
}

export interface TextLogOptions {
  palette?: Palette;
}

/**
 * The demo's log, one line per consumer event, each consumer in its colour:
 *   [ Fred ] Got item: 3 (size 2)
 *   [George] Done
 * ending with "Queue size is now N". When the queue can drop items (a drop
 * policy with a capacity), each drop is a line tagged with the producer whose
 * put found the queue full, uncoloured:
 *   [producer-1] Dropped item: 7 (size 5)
 * and the name field is then as wide as the longest producer or consumer name
 * from the first line on, so the columns never shift. Tags are precomputed
 * per worker, so an event costs one string concatenation.
 */
export class TextLog implements RunObserver {
  readonly #sink: TextSink;
  readonly #palette: Palette;
  #consumerTags: string[] = [];
  #producerTags: string[] = [];
  #coloured: boolean;

  constructor(sink: TextSink, options: TextLogOptions = {}) {
    this.#sink = sink;
    this.#palette = options.palette ?? plainPalette;
    this.#coloured = this.#palette !== plainPalette;
  }

  runStarted(event: RunStarted): void {
    const { config } = event;
    const dropsPossible = config.onFull !== 'block' && config.capacity !== Infinity;
    const tagged = dropsPossible ? [...event.consumers, ...event.producers] : event.consumers;
    const width = Math.max(MIN_NAME_WIDTH, ...tagged.map((w) => [...w.name].length));
    this.#consumerTags = event.consumers.map((c) => `[${centre(c.name, width)}] `);
    this.#producerTags = dropsPossible ? event.producers.map((p) => `[${centre(p.name, width)}] `) : [];
  }

  itemDropped(_time: number, producer: Worker, item: Item, size: number): void {
    this.#sink.write(`${this.#producerTags[producer.index]}Dropped item: ${item.id} (size ${size})\n`);
  }

  itemGot(_time: number, consumer: Worker, item: Item, size: number): void {
    this.#line(consumer, `Got item: ${item.id} (size ${size})`);
  }

  workerDone(_time: number, worker: Worker): void {
    if (worker.role === 'consumer') this.#line(worker, 'Done');
  }

  runFinished(finished: RunFinished): void {
    this.#sink.write(finalLine(finished));
  }

  #line(worker: Worker, message: string): void {
    const text = this.#consumerTags[worker.index] + message;
    this.#sink.write((this.#coloured ? this.#palette.worker(worker.index, text) : text) + '\n');
  }
}

/** Only the final line (--quiet). */
export class FinalLineLog implements RunObserver {
  constructor(readonly sink: TextSink) {}

  runFinished(finished: RunFinished): void {
    this.sink.write(finalLine(finished));
  }
}
