import type { Palette, TextSink } from '../observe/sink.js';
import type { LogLine } from './snapshot.js';

/**
 * The last `capacity` lines of the text log, in a ring. It is both the sink and
 * the palette of a TextLog: as the palette it colours nothing but notes which
 * worker the line being formatted belongs to, so each stored line keeps its
 * worker's colour index without the log's formatting being repeated here.
 * Storing a line is O(1) and allocates nothing: the line the TextLog built is
 * kept as it is (with its newline, cut off only when a snapshot is taken).
 */
export class LogTail implements TextSink, Palette {
  readonly #texts: string[];
  readonly #colours: Int32Array;
  #next = 0;
  #length = 0;
  #pendingColour = -1;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a whole number >= 1, got ${capacity}`);
    this.#texts = new Array<string>(capacity).fill('');
    this.#colours = new Int32Array(capacity);
  }

  worker(index: number, text: string): string {
    this.#pendingColour = index;
    return text;
  }

  write(text: string): void {
    this.#texts[this.#next] = text;
    this.#colours[this.#next] = this.#pendingColour;
    this.#pendingColour = -1;
    this.#next = (this.#next + 1) % this.capacity;
    if (this.#length < this.capacity) this.#length++;
  }

  /** The stored lines, oldest first, without their newlines. */
  lines(): LogLine[] {
    const lines: LogLine[] = [];
    const first = (this.#next - this.#length + this.capacity) % this.capacity;
    for (let i = 0; i < this.#length; i++) {
      const index = (first + i) % this.capacity;
      const text = this.#texts[index] ?? '';
      lines.push({ text: text.endsWith('\n') ? text.slice(0, -1) : text, colour: this.#colours[index] ?? -1 });
    }
    return lines;
  }
}
