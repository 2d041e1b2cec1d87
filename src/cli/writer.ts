import { hostTimers, type Timers } from '../core/timers.js';
import type { TextSink } from '../observe/sink.js';

export interface WritableText {
  /** False when the stream buffers more than it wants to: wait for 'drain' before writing more. */
  write(chunk: string): boolean;
  /** Node streams have it; without it the writer never waits. */
  once?(event: 'drain', listener: () => void): unknown;
}

/**
 * Output through one writer. In `batch` mode (instant runs) text gathers in a
 * string and goes out in large chunks; in `line` mode (paced runs) each write
 * goes out at once, so a live log is live.
 */
export class OutputWriter implements TextSink {
  #buffer = '';
  /** The stream's last write returned false and 'drain' has not come yet. */
  #backedUp = false;
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
      this.#send(text);
      return;
    }
    this.#buffer += text;
    if (this.#buffer.length >= this.#limit) this.flush();
  }

  /** Drops what is buffered and everything written from now on (the reader has gone). */
  discard(): void {
    this.#buffer = '';
    this.#backedUp = false; // a closed stream never drains
    this.#stream = { write: () => true };
  }

  flush(): void {
    if (this.#buffer === '') return;
    const chunk = this.#buffer;
    this.#buffer = '';
    this.#send(chunk);
  }

  #send(chunk: string): void {
    if (!this.#stream.write(chunk) && this.#stream.once && !this.#backedUp) {
      this.#backedUp = true;
      this.#stream.once('drain', () => {
        this.#backedUp = false;
      });
    }
  }

  /** Calls `callback` once the stream has taken in what was written (at once, through setImmediate, unless it is backed up). */
  whenDrained(callback: () => void, timers: Timers = hostTimers): void {
    if (!this.#backedUp || !this.#stream.once) {
      timers.setImmediate(callback);
      return;
    }
    this.#stream.once('drain', () => timers.setImmediate(callback));
  }
}

/**
 * Host timers whose setImmediate waits while `writer`'s stream is backed up.
 * The engine yields to the event loop through setImmediate every few thousand
 * events in instant runs; with these timers it also waits there for a slow
 * reader (`qsim … | jq`), so the output never piles up in memory.
 */
export function drainAwareTimers(writer: OutputWriter, base: Timers = hostTimers): Timers {
  return { ...base, setImmediate: (callback) => writer.whenDrained(callback, base) };
}
