import type { RunFinished, RunObserver, RunStarted, Worker } from '../model/events.js';
import type { Item } from '../model/item.js';
import type { StageSpec } from '../model/scenario.js';
import { displayWidth } from './display-width.js';
import { MAX_RESERVE, plainPalette, type ByteSink, type Palette, type TextSink } from './sink.js';

/**
 * Centres `text` in `width` terminal columns like Python's f"{text:^width}"
 * (the extra space goes right); a wide character counts as two columns.
 */
export function centre(text: string, width: number): string {
  const length = displayWidth(text);
  if (length >= width) return text;
  const left = Math.floor((width - length) / 2);
  return ' '.repeat(left) + text + ' '.repeat(width - length - left);
}

/** The narrowest name field, as in the original demo's f"{name:^6}". */
export const MIN_NAME_WIDTH = 6;

export function finalLine(finished: Pick<RunFinished, 'finalQueueSize'>): string {
  return `Queue size is now ${finished.finalQueueSize}\n`;
}

/**
 * The --timestamps prefix: simulated seconds with 3 decimals, right-aligned in
 * 7 columns ("t=  1.500s "), so lines align up to 999.999 s; longer times widen it.
 */
export function timestamp(time: number): string {
  return `t=${time.toFixed(3).padStart(7)}s `;
}

export interface TextLogOptions {
  palette?: Palette;
  /** Prefix each line with the simulated time (--timestamps). */
  timestamps?: boolean;
}

/**
 * The demo's log, one line per consumer event, each consumer in its colour:
 *   [ Fred ] Got item: 3 (size 2)
 *   [George] Done
 * ending with "Queue size is now N". With several stages the tag names the
 * stage too ([parse/worker-1]), and failures show as
 *   [enrich/Ann] Failed item: 9 (attempt 1 of 4)
 *   [enrich/Ann] Dead-lettered item: 9
 * When a queue can drop items (a drop policy with a capacity), each drop is a
 * line tagged with the worker whose put found the queue full, uncoloured:
 *   [producer-1] Dropped item: 7 (size 5)
 * and the name field is as wide as the longest name that can appear, from the
 * first line on, so the columns never shift. Tags are precomputed per worker,
 * so an event costs one string concatenation.
 */
export class TextLog implements RunObserver {
  readonly #sink: TextSink;
  readonly #palette: Palette;
  #consumerTags: string[] = [];
  #producerTags: string[] = [];
  #coloured: boolean;
  readonly #timestamps: boolean;
  /** The "Got item" line straight into the sink's bytes (see GotLineBytes); undefined when the sink has none. */
  #got: GotLineBytes | undefined;

  constructor(sink: TextSink, options: TextLogOptions = {}) {
    this.#sink = sink;
    this.#palette = options.palette ?? plainPalette;
    this.#coloured = this.#palette !== plainPalette;
    this.#timestamps = options.timestamps === true;
  }

  runStarted(event: RunStarted): void {
    const dropsAtFirstStage = canDrop(event.scenario.stages[0]);
    const tagged = dropsAtFirstStage ? [...event.consumers, ...event.producers] : event.consumers;
    const width = Math.max(MIN_NAME_WIDTH, ...tagged.map((w) => displayWidth(w.name)));
    this.#consumerTags = event.consumers.map((c) => `[${centre(c.name, width)}] `);
    this.#producerTags = dropsAtFirstStage ? event.producers.map((p) => `[${centre(p.name, width)}] `) : [];
    const bytes = this.#sink.bytes;
    this.#got = bytes && !this.#timestamps ? GotLineBytes.create(bytes, this.#consumerTags, this.#palette) : undefined;
  }

  itemDropped(time: number, worker: Worker, item: Item, size: number): void {
    const tags = worker.role === 'producer' ? this.#producerTags : this.#consumerTags;
    const line = `${tags[worker.index]}Dropped item: ${item.id} (size ${size})\n`;
    this.#sink.write(this.#timestamps ? timestamp(time) + line : line);
  }

  itemGot(time: number, consumer: Worker, item: Item, size: number): void {
    // One line per item: the hottest line of the log.
    if (this.#got !== undefined) this.#got.write(consumer.index, item.id, size);
    else this.#line(time, consumer, `Got item: ${item.id} (size ${size})`);
  }

  itemFailed(time: number, consumer: Worker, item: Item, _slot: number, attempt: number, attempts: number): void {
    this.#line(time, consumer, `Failed item: ${item.id} (attempt ${attempt} of ${attempts})`);
  }

  itemDeadLettered(time: number, consumer: Worker, item: Item): void {
    this.#line(time, consumer, `Dead-lettered item: ${item.id}`);
  }

  workerDone(time: number, worker: Worker): void {
    if (worker.role === 'consumer') this.#line(time, worker, 'Done');
  }

  runFinished(finished: RunFinished): void {
    this.#sink.write((this.#timestamps ? timestamp(finished.time) : '') + finalLine(finished));
  }

  #line(time: number, worker: Worker, message: string): void {
    const text = this.#consumerTags[worker.index] + message;
    const line = this.#coloured ? this.#palette.worker(worker.index, text) : text;
    this.#sink.write(this.#timestamps ? `${timestamp(time)}${line}\n` : line + '\n');
  }
}

/**
 * Writes "<tag>Got item: <id> (size <size>)" (coloured as the palette colours
 * it) as bytes: per consumer, the bytes before the id and after the size are
 * encoded once, so a line costs two copies and two numbers' digits and no
 * string. Made only when the palette colours a line by wrapping it (an opening
 * and a closing code, as chalk does), which is checked on a real line.
 */
class GotLineBytes {
  static readonly #middle = new TextEncoder().encode(' (size ');

  static create(sink: ByteSink, tags: readonly string[], palette: Palette): GotLineBytes | undefined {
    const encoder = new TextEncoder();
    const heads: Uint8Array[] = [];
    const tails: Uint8Array[] = [];
    for (let index = 0; index < tags.length; index++) {
      const [open, close] = palette.worker(index, '\u0000').split('\u0000');
      const sample = `${tags[index] as string}Got item: 12 (size 3)`;
      if (open === undefined || close === undefined || palette.worker(index, sample) !== open + sample + close) return undefined;
      heads.push(encoder.encode(`${open}${tags[index] as string}Got item: `));
      tails.push(encoder.encode(`)${close}\n`));
    }
    const longest = Math.max(0, ...heads.map((h) => h.length)) + Math.max(0, ...tails.map((t) => t.length)) + 2 * 16 + 7;
    return longest <= MAX_RESERVE ? new GotLineBytes(sink, heads, tails) : undefined;
  }

  private constructor(
    readonly sink: ByteSink,
    readonly heads: readonly Uint8Array[],
    readonly tails: readonly Uint8Array[],
  ) {}

  write(consumer: number, id: number, size: number): void {
    this.sink.line(this.heads[consumer] as Uint8Array, id, GotLineBytes.#middle, size, this.tails[consumer] as Uint8Array);
  }
}

function canDrop(stage: StageSpec | undefined): boolean {
  return stage !== undefined && stage.onFull !== 'block' && stage.capacity !== Infinity;
}

/** Only the final line (--quiet). */
export class FinalLineLog implements RunObserver {
  readonly #timestamps: boolean;

  constructor(
    readonly sink: TextSink,
    options: Pick<TextLogOptions, 'timestamps'> = {},
  ) {
    this.#timestamps = options.timestamps === true;
  }

  runFinished(finished: RunFinished): void {
    this.sink.write((this.#timestamps ? timestamp(finished.time) : '') + finalLine(finished));
  }
}
