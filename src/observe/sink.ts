/** Where observers write text. The CLI's buffered writer implements it. */
export interface TextSink {
  write(text: string): void;
  /**
   * The same output as UTF-8 bytes, in order with `write`, when the sink can
   * take them (the CLI's batch writer): the text log writes its per-item lines
   * through it without building a string per line.
   */
  readonly bytes?: ByteSink | undefined;
}

/** The longest line a ByteSink takes (bytes). */
export const MAX_RESERVE = 1024;

export interface ByteSink {
  /**
   * Appends a whole line of the shape `head` `first` `middle` `second` `tail`
   * (two whole numbers from 0 to 2^53 between three runs of UTF-8 bytes, at
   * most MAX_RESERVE bytes in all): the text log's per-item line in one call.
   */
  line(head: Uint8Array, first: number, middle: Uint8Array, second: number, tail: Uint8Array): void;
}

/** Colours a worker's log line; the CLI supplies one (plain when colour is off). */
export interface Palette {
  worker(index: number, text: string): string;
}

export const plainPalette: Palette = {
  worker: (_index, text) => text,
};
