/**
 * Which failure to report when many numbered runs go at once: the one of the
 * lowest-numbered run that fails, whatever order they finish in, so the
 * message (which names the run's seed) does not depend on --jobs or timing.
 *
 * A failure at run k stops the runs after k (their signals abort, and those
 * not started yet do not start: they can only fail higher); the runs before k
 * go on, since one of them may fail lower. Each run gets its signal when it
 * starts, so only the runs in progress hold one.
 */
import { RunAborted } from './thread-pool.js';

export class LowestFailure {
  readonly #outer: AbortSignal | undefined;
  readonly #running = new Map<number, AbortController>();
  #lowest: { readonly key: number; readonly error: unknown } | undefined;

  /** `outer` (Ctrl-C) stops every run. */
  constructor(outer?: AbortSignal) {
    this.#outer = outer;
    outer?.addEventListener('abort', () => this.#abortAbove(-1), { once: true });
  }

  /** The failure to report, once every run has settled; undefined when none failed. */
  get error(): unknown {
    return this.#lowest?.error;
  }

  /**
   * Runs `run` as run number `key` with the signal that stops it; rejects with
   * RunAborted when it was stopped, before or while it ran. A failure is
   * recorded here (see error), never thrown.
   */
  async run<T>(key: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.#outer?.aborted || this.#stoppedFor(key)) throw new RunAborted();
    const controller = new AbortController();
    this.#running.set(key, controller);
    try {
      return await run(controller.signal);
    } catch (error) {
      if (controller.signal.aborted || this.#outer?.aborted) throw new RunAborted();
      if (!this.#stoppedFor(key)) {
        this.#lowest = { key, error };
        this.#abortAbove(key);
      }
      throw new RunAborted();
    } finally {
      this.#running.delete(key);
    }
  }

  #stoppedFor(key: number): boolean {
    return this.#lowest !== undefined && key > this.#lowest.key;
  }

  #abortAbove(key: number): void {
    for (const [running, controller] of this.#running) if (running > key) controller.abort();
  }
}
