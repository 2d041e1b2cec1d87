import type { TextSink } from '../observe/sink.js';

export interface WritableText {
  write(chunk: string): boolean;
}

/**
 * Output through one writer. In `batch` mode (instant runs) text gathers in a
 * string and goes out in large chunks; in `line` mode (paced runs) each write
 * goes out at once, so a live log is live.
 */
export class OutputWriter implements TextSink {
  #buffer = '';
  #stream: WritableText;
  readonly #batch: boolean;
  readonly #limit: number;

  constructor(stream: WritableText, mode: 'batch' | 'line', limit = 1 << 16) {
    this.#stream = stream;
    this.#batch = mode === 'batch';
    this.#limit = limit;
  }

  write(text: string): void {
    if (!this.#batch) {
      this.#stream.write(text);
      return;
    }
    this.#buffer += text;
    if (this.#buffer.length >= this.#limit) this.flush();
  }

  /** Drops what is buffered and everything written from now on (the reader has gone). */
  discard(): void {
    this.#buffer = '';
    this.#stream = { write: () => true };
  }

  flush(): void {
    if (this.#buffer === '') return;
    const chunk = this.#buffer;
    this.#buffer = '';
    this.#stream.write(chunk);
  }
}
