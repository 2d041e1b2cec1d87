/**
 * The debug mode's collector (qsim run --debug, like asyncio's -X dev): the
 * instrumented engine pieces (DebugSimulation, DebugQueue, the model's item
 * ledger) report what breaks an invariant here, and register checks to run when
 * the run is over. Nothing of this is attached to a run that did not ask for it.
 */

export type FindingKind =
  /** An event was put on the calendar before the current virtual time. */
  | 'scheduled-in-the-past'
  /** Virtual time seen by a process or callback was earlier than before. */
  | 'time-went-backwards'
  /** A callback or a process step held the host event loop longer than the limit. */
  | 'blocked-event-loop'
  /** A process had not finished when the run ended. */
  | 'process-pending'
  /** A queue's size left [0, capacity] or changed by an amount no single operation explains. */
  | 'queue-size'
  /** An item left a queue more often than it entered it, or was got by consumers more than once. */
  | 'item-got-twice'
  /** The same item entered the queue again before it was processed. */
  | 'item-put-twice'
  /** taskDone() was called more times than items were got. */
  | 'task-done-excess'
  /** At the end, items got from a queue had not all been marked done with taskDone(). */
  | 'task-done-missing'
  /** At the end, items were still waiting in a queue that was not closed at once. */
  | 'item-never-got'
  /** At the end, an item had entered the queue but was never processed, or was processed without being got. */
  | 'item-never-processed';

export interface Finding {
  readonly kind: FindingKind;
  /** Virtual time of the observation, in seconds. */
  readonly time: number;
  /** One line naming what broke: the process, queue or item, and the numbers. */
  readonly message: string;
}

export interface DebugOptions {
  /** Steps that hold the host event loop longer than this many wall milliseconds are reported. Default 100. */
  blockingMs?: number;
  /** A monotonic wall clock in milliseconds; `performance.now` by default. */
  wallClock?: () => number;
  /** Findings kept per kind; later ones are only counted. Default 10. */
  keepPerKind?: number;
}

export class DebugMonitor {
  readonly blockingMs: number;
  readonly wallClock: () => number;
  readonly #keepPerKind: number;
  readonly #findings: Finding[] = [];
  readonly #perKind = new Map<FindingKind, number>();
  readonly #endChecks: (() => void)[] = [];
  #virtualNow: () => number = () => 0;
  #ended = false;

  constructor(options: DebugOptions = {}) {
    this.blockingMs = options.blockingMs ?? 100;
    this.wallClock = options.wallClock ?? (() => performance.now());
    this.#keepPerKind = options.keepPerKind ?? 10;
  }

  /** Where findings read virtual time from (the DebugSimulation sets itself). */
  useClock(now: () => number): void {
    this.#virtualNow = now;
  }

  report(kind: FindingKind, message: string): void {
    const seen = (this.#perKind.get(kind) ?? 0) + 1;
    this.#perKind.set(kind, seen);
    if (seen <= this.#keepPerKind) this.#findings.push({ kind, time: this.#virtualNow(), message });
  }

  /** Registers a check for the end of the run (what is still pending or left over). */
  atEnd(check: () => void): void {
    this.#endChecks.push(check);
  }

  /**
   * Runs the end-of-run checks once and returns every finding kept. After a
   * failed run (an error already explains it) the leftovers are its consequence,
   * so the end checks are skipped.
   */
  finish(options: { runFailed?: boolean } = {}): readonly Finding[] {
    if (!this.#ended) {
      this.#ended = true;
      if (!options.runFailed) for (const check of this.#endChecks) check();
    }
    return this.findings;
  }

  get findings(): readonly Finding[] {
    return this.#findings;
  }

  /** Findings reported beyond `keepPerKind`, by kind. */
  get omitted(): ReadonlyMap<FindingKind, number> {
    const omitted = new Map<FindingKind, number>();
    for (const [kind, count] of this.#perKind) if (count > this.#keepPerKind) omitted.set(kind, count - this.#keepPerKind);
    return omitted;
  }
}
