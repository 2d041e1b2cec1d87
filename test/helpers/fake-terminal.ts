import type { ProcessHooks, TerminalInput, TerminalOutput } from '../../src/live/terminal.js';

type Listener = () => void;

/** A keyboard that records its modes and lets a test type. */
export class FakeInput implements TerminalInput {
  readonly isTTY = true;
  isRaw = false;
  flowing = false;
  encoding: string | undefined;
  readonly #listeners = new Set<(chunk: string) => void>();

  setRawMode(mode: boolean): this {
    this.isRaw = mode;
    return this;
  }
  setEncoding(encoding: 'utf8'): this {
    this.encoding = encoding;
    return this;
  }
  on(_event: 'data', listener: (chunk: string) => void): this {
    this.#listeners.add(listener);
    return this;
  }
  off(_event: 'data', listener: (chunk: string) => void): this {
    this.#listeners.delete(listener);
    return this;
  }
  resume(): this {
    this.flowing = true;
    return this;
  }
  pause(): this {
    this.flowing = false;
    return this;
  }
  get listening(): number {
    return this.#listeners.size;
  }
  type(chunk: string): void {
    for (const listener of [...this.#listeners]) listener(chunk);
  }
}

/** A screen that records everything written to it. */
export class FakeOutput implements TerminalOutput {
  readonly isTTY = true;
  written = '';
  readonly #listeners = new Set<Listener>();
  constructor(
    public columns: number,
    public rows: number,
  ) {}

  write(text: string): boolean {
    this.written += text;
    return true;
  }
  on(_event: 'resize', listener: Listener): this {
    this.#listeners.add(listener);
    return this;
  }
  off(_event: 'resize', listener: Listener): this {
    this.#listeners.delete(listener);
    return this;
  }
  get listening(): number {
    return this.#listeners.size;
  }
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    for (const listener of [...this.#listeners]) listener();
  }
}

/** Process hooks a test can fire. */
export class FakeHooks implements ProcessHooks {
  readonly #listeners = new Map<string, Set<Listener>>();
  on(event: string, listener: Listener): this {
    const set = this.#listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    this.#listeners.set(event, set);
    return this;
  }
  off(event: string, listener: Listener): this {
    this.#listeners.get(event)?.delete(listener);
    return this;
  }
  count(event: string): number {
    return this.#listeners.get(event)?.size ?? 0;
  }
  emit(event: string): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) listener();
  }
}
