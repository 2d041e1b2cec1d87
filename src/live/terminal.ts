/**
 * The live view's hold on the terminal: the alternate screen, a hidden cursor
 * and raw keyboard input while it is open, and everything put back when it
 * closes, on every path: a normal end, an error, a signal, or the process
 * exiting under it (the 'exit' hook). The few escape sequences are written
 * here rather than taken from a library: they are standard (xterm/VT100) and
 * stable, and owning them keeps restore ordering explicit.
 */

export const ENTER_ALT_SCREEN = '\u001b[?1049h';
export const LEAVE_ALT_SCREEN = '\u001b[?1049l';
export const HIDE_CURSOR = '\u001b[?25l';
export const SHOW_CURSOR = '\u001b[?25h';
const CLEAR_SCREEN = '\u001b[2J';
const RESET_STYLE = '\u001b[0m';
// Terminals that support it show a frame only once it is complete; the others ignore the mode.
const BEGIN_SYNC = '\u001b[?2026h';
const END_SYNC = '\u001b[?2026l';
const moveTo = (row: number): string => `\u001b[${row};1H`;

/** The keyboard side: process.stdin on a terminal. */
export interface TerminalInput {
  readonly isTTY?: boolean;
  readonly isRaw?: boolean;
  setRawMode(mode: boolean): unknown;
  setEncoding(encoding: 'utf8'): unknown;
  on(event: 'data', listener: (chunk: string) => void): unknown;
  off(event: 'data', listener: (chunk: string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

/** The screen side: process.stdout on a terminal. */
export interface TerminalOutput {
  readonly isTTY?: boolean;
  readonly columns?: number;
  readonly rows?: number;
  write(text: string): boolean;
  on(event: 'resize', listener: () => void): unknown;
  off(event: 'resize', listener: () => void): unknown;
}

export type TerminalSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';
export const TERMINAL_SIGNALS: readonly TerminalSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Process-wide hooks (process itself); injectable so tests can fire them. */
export interface ProcessHooks {
  on(event: 'exit' | TerminalSignal, listener: () => void): unknown;
  off(event: 'exit' | TerminalSignal, listener: () => void): unknown;
}

export interface SessionHandlers {
  /** A chunk of keyboard input (one or more keys). */
  onKeys(chunk: string): void;
  /** The terminal changed size. */
  onResize(): void;
  /** A signal arrived while the session is open; the handler must bring the run to an end. */
  onSignal(signal: TerminalSignal): void;
}

export class TerminalSession {
  #open = false;
  #closed = false;
  #wasRaw = false;
  #lastFrame = '';
  #handlers: SessionHandlers | undefined;
  readonly #onData = (chunk: string): void => this.#handlers?.onKeys(chunk);
  readonly #onResize = (): void => {
    this.#lastFrame = '';
    this.#handlers?.onResize();
  };
  readonly #onExit = (): void => this.close();
  readonly #onSignal = new Map<TerminalSignal, () => void>(
    TERMINAL_SIGNALS.map((signal) => [signal, () => this.#handlers?.onSignal(signal)]),
  );

  constructor(
    readonly input: TerminalInput,
    readonly output: TerminalOutput,
    readonly hooks: ProcessHooks,
  ) {}

  /** The screen's width; 80 when the terminal does not say (a pseudo-terminal of size 0 reports 0). */
  get columns(): number {
    return this.output.columns || 80;
  }

  get rows(): number {
    return this.output.rows || 24;
  }

  /** Takes over the terminal. A session opens once. */
  open(handlers: SessionHandlers): void {
    if (this.#open || this.#closed) throw new Error('a terminal session opens only once');
    this.#open = true;
    this.#handlers = handlers;
    // The restore hooks go in first, so that nothing after this point can leave the terminal changed.
    this.hooks.on('exit', this.#onExit);
    for (const [signal, listener] of this.#onSignal) this.hooks.on(signal, listener);
    this.output.write(ENTER_ALT_SCREEN + HIDE_CURSOR + CLEAR_SCREEN);
    this.#wasRaw = this.input.isRaw === true;
    this.input.setRawMode(true);
    this.input.setEncoding('utf8');
    this.input.on('data', this.#onData);
    this.input.resume();
    this.output.on('resize', this.#onResize);
  }

  /** Draws a frame (one line per row, each exactly as wide as the screen); an unchanged frame is not sent again. */
  draw(lines: readonly string[]): void {
    if (!this.#open || this.#closed) return;
    let frame = '';
    for (let i = 0; i < lines.length; i++) frame += moveTo(i + 1) + (lines[i] ?? '');
    if (frame === this.#lastFrame) return;
    const clear = this.#lastFrame === '' ? CLEAR_SCREEN : '';
    this.#lastFrame = frame;
    this.output.write(BEGIN_SYNC + clear + frame + RESET_STYLE + END_SYNC);
  }

  /** Gives the terminal back: main screen, cursor shown, input as it was. Safe to call more than once. */
  close(): void {
    if (!this.#open || this.#closed) return;
    this.#closed = true;
    this.#handlers = undefined;
    this.output.off('resize', this.#onResize);
    this.input.off('data', this.#onData);
    try {
      this.input.setRawMode(this.#wasRaw);
    } catch {
      // The terminal is gone (a hang-up): there is no mode left to restore, and the screen is still written below.
    }
    this.input.pause();
    this.output.write(RESET_STYLE + SHOW_CURSOR + LEAVE_ALT_SCREEN);
    this.hooks.off('exit', this.#onExit);
    for (const [signal, listener] of this.#onSignal) this.hooks.off(signal, listener);
  }
}
