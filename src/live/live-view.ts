/**
 * The live view: draws frames from the live state on a timer (never per
 * event, so drawing costs the simulation nothing however fast it runs), on
 * resize and after each key, and turns keys into pacing changes.
 */
import type { WallClockPacing } from '../core/pacing.js';
import { renderFrame, plainStyle, type FrameStyle } from './frame.js';
import { keyAction, splitKeys } from './keys.js';
import type { LiveSource } from './snapshot.js';
import type { TerminalSession, TerminalSignal } from './terminal.js';

/** Wall milliseconds between frames: about seven a second, smooth enough for bars, cheap for the run. */
export const FRAME_MS = 150;

export interface FrameTimer {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

type IntervalHandle = Parameters<typeof globalThis.clearInterval>[0];
const hostFrameTimer: FrameTimer = {
  setInterval: (callback, ms) => globalThis.setInterval(callback, ms),
  clearInterval: (handle) => globalThis.clearInterval(handle as IntervalHandle),
};

export interface LiveViewOptions {
  /** The run's live state (the pipeline's LiveState, or a model's ModelLiveState). */
  readonly state: LiveSource;
  readonly pacing: WallClockPacing;
  readonly session: TerminalSession;
  readonly style?: FrameStyle;
  /** q or Ctrl-C was pressed (`key` says which). */
  readonly onQuit: (key: 'q' | 'Ctrl-C') => void;
  /** A signal arrived while the view was open. */
  readonly onSignal: (signal: TerminalSignal) => void;
  /** Drawing failed: the view cannot go on. */
  readonly onError: (error: unknown) => void;
  readonly frameMs?: number;
  readonly timer?: FrameTimer;
}

export class LiveView {
  readonly #options: LiveViewOptions;
  readonly #timer: FrameTimer;
  #interval: unknown;
  #running = false;

  constructor(options: LiveViewOptions) {
    this.#options = options;
    this.#timer = options.timer ?? hostFrameTimer;
  }

  /** Takes over the terminal and starts drawing. */
  open(): void {
    const { session } = this.#options;
    this.#running = true;
    session.open({
      onKeys: (chunk) => this.#guard(() => this.#keys(chunk)),
      onResize: () => this.#guard(() => this.draw()),
      onSignal: (signal) => this.#options.onSignal(signal),
    });
    this.#interval = this.#timer.setInterval(() => this.#guard(() => this.draw()), this.#options.frameMs ?? FRAME_MS);
    this.draw();
  }

  /** Draws the current state now. */
  draw(): void {
    const { state, pacing, session } = this.#options;
    const snapshot = state.snapshot({ time: pacing.virtualTime(), speed: pacing.speed, paused: pacing.paused });
    session.draw(renderFrame(snapshot, { columns: session.columns, rows: session.rows, style: this.#options.style ?? plainStyle }));
  }

  /** Draws the last frame and gives the terminal back. Safe to call more than once. */
  close(): void {
    if (this.#running) {
      this.#running = false;
      this.#timer.clearInterval(this.#interval);
      try {
        this.draw();
      } catch {
        // The terminal is given back below whatever happened; a failed last frame is not worth an error.
      }
    }
    this.#options.session.close();
  }

  #keys(chunk: string): void {
    const { pacing } = this.#options;
    // After a quit, keys in the same chunk do nothing but another quit (qq typed fast, or pasted, stops at once).
    let quit = false;
    for (const key of splitKeys(chunk)) {
      const action = keyAction(key, { paused: pacing.paused, speed: pacing.speed });
      if (quit && action.kind !== 'quit') continue;
      switch (action.kind) {
        case 'pause':
          pacing.pause();
          break;
        case 'resume':
          pacing.resume();
          break;
        case 'speed':
          pacing.setSpeed(action.speed, pacing.virtualTime());
          break;
        case 'quit':
          quit = true;
          this.#options.onQuit(action.key);
          break;
        case 'none':
          break;
      }
    }
    if (!quit) this.draw();
  }

  #guard(action: () => void): void {
    if (!this.#running) return;
    try {
      action();
    } catch (error) {
      this.#options.onError(error);
    }
  }
}
