import { hostTimers, type Timers } from '../core/timers.js';
import type { ByteSink, TextSink } from '../observe/sink.js';
import { ByteChunk } from './byte-chunk.js';

export interface WritableText {
  /** False when the stream buffers more than it wants to: wait for 'drain' before writing more. */
  write(chunk: string | Uint8Array): boolean;
  /** Node streams have it; without it the writer never waits. */
  once?(event: 'drain', listener: () => void): unknown;
}

/**
 * Output through one writer. In `batch` mode (instant runs) text gathers as
 * UTF-8 in a ByteChunk and goes out in large pieces; the text log writes its
 * per-item lines into the chunk directly (`bytes`), with no string per line.
 * In `line` mode (paced runs) each write goes out at once, so a live log is live.
 */
export class OutputWriter implements TextSink {
  /** Batch mode: the output gathered and not yet sent. */
  readonly #chunk: ByteChunk | undefined;
  /** The stream's last write returned false and 'drain' has not come yet. */
  #backedUp = false;
  #stream: WritableText;
  readonly bytes: ByteSink | undefined;

  constructor(stream: WritableText, mode: 'batch' | 'line', limit = 1 << 16) {
    this.#stream = stream;
    if (mode === 'batch') this.bytes = this.#chunk = new ByteChunk(limit, () => this.flush());
  }

  write(text: string): void {
    const chunk = this.#chunk;
    if (chunk === undefined) {
      this.#send(text);
      return;
    }
    if (!chunk.fits(text)) {
      this.flush();
      if (!chunk.canHold(text)) {
        this.#send(text);
        return;
      }
    }
    chunk.text(text);
    if (chunk.isFull) this.flush();
  }

  /** Drops what is buffered and everything written from now on (the reader has gone). */
  discard(): void {
    this.#chunk?.clear();
    this.#backedUp = false; // a closed stream never drains
    this.#stream = { write: () => true };
  }

  flush(): void {
    if (this.#chunk === undefined || this.#chunk.length === 0) return;
    this.#send(this.#chunk.take());
  }

  #send(chunk: string | Uint8Array): void {
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

