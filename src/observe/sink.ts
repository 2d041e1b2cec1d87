/** Where observers write text. The CLI's buffered writer implements it. */
export interface TextSink {
  write(text: string): void;
}

/** Colours a worker's log line; the CLI supplies one (plain when colour is off). */
export interface Palette {
  worker(index: number, text: string): string;
}

export const plainPalette: Palette = {
  worker: (_index, text) => text,
};
