/**
 * The engine with its invariants checked (debug mode). A subclass, so that a
 * run without --debug executes none of this: the plain Simulation has no hook
 * to test per event. Checks the same events in the same order as Simulation,
 * adding no await, so a debug run prints the same bytes.
 */
import type { DebugMonitor } from './debug-monitor.js';
import type { ScheduledEvent } from './event-heap.js';
import type { Process } from './process.js';
import { ScheduledCallback, Simulation, type SimulationOptions } from './simulation.js';

export interface DebugSimulationOptions extends SimulationOptions {
  monitor: DebugMonitor;
}

function waitDescription(process: Process): string {
  switch (process.state) {
    case 'scheduled':
      return 'it never started';
    case 'sleeping':
      return `it sleeps until t=${process.time}s`;
    case 'waiting':
      return `it waits on ${process.waitingOn}`;
    default:
      return 'it is still running';
  }
}

/**
 * Checks: virtual time never goes backwards (an event scheduled before now, or
 * a process woken at an earlier time than the last one seen); no callback or
 * process step holds the host event loop longer than `monitor.blockingMs`; and,
 * at the end, no process is still pending.
 *
 * A step is measured from the moment the engine wakes a process while none was
 * running (an event fired, or a wake from outside) to the moment a process
 * suspends or ends; the time between two such moments is spent in the process
 * that suspends or ends at the second one, so it is charged to that process.
 */
export class DebugSimulation extends Simulation {
  readonly #monitor: DebugMonitor;
  readonly #clock: () => number;
  #running = 0;
  #segmentStart = 0;
  #lastNow = 0;

  constructor(options: DebugSimulationOptions) {
    super(options);
    this.#monitor = options.monitor;
    this.#clock = options.monitor.wallClock;
    options.monitor.useClock(() => this.now);
    options.monitor.atEnd(() => {
      for (const process of this.liveProcesses) {
        this.#monitor.report('process-pending', `process ${process.name} was still pending when the run ended: ${waitDescription(process)}`);
      }
    });
  }

  override enqueue(event: ScheduledEvent): void {
    if (!(event.time >= this.now)) {
      this.#monitor.report(
        'scheduled-in-the-past',
        `an event was scheduled at t=${event.time}s, before the current time t=${this.now}s: virtual time would go backwards`,
      );
    }
    super.enqueue(event);
  }

  override schedule(delay: number, callback: () => void): ScheduledCallback {
    return super.schedule(delay, () => {
      this.#checkTime('a scheduled callback');
      const start = this.#clock();
      callback();
      this.#checkBlocking('a scheduled callback', this.#clock() - start);
    });
  }

  override processWoken(process: Process): void {
    this.#checkTime(`process ${process.name}`);
    if (this.#running++ === 0) this.#segmentStart = this.#clock();
    super.processWoken(process);
  }

  override processBlocked(process: Process): void {
    this.#endSegment(process);
    super.processBlocked(process);
  }

  override processFinished(process: Process): void {
    this.#endSegment(process);
    super.processFinished(process);
  }

  override processFailed(process: Process, error: unknown): void {
    this.#endSegment(process);
    super.processFailed(process, error);
  }

  #endSegment(process: Process): void {
    this.#checkTime(`process ${process.name}`);
    const now = this.#clock();
    this.#checkBlocking(`process ${process.name}`, now - this.#segmentStart);
    this.#segmentStart = now;
    this.#running--;
  }

  #checkTime(who: string): void {
    const now = this.now;
    if (now < this.#lastNow) {
      this.#monitor.report('time-went-backwards', `virtual time went backwards from t=${this.#lastNow}s to t=${now}s (seen by ${who})`);
    }
    this.#lastNow = now;
  }

  #checkBlocking(who: string, ms: number): void {
    if (ms > this.#monitor.blockingMs) {
      this.#monitor.report(
        'blocked-event-loop',
        `${who} blocked the event loop for ${Math.round(ms)} ms (limit ${this.#monitor.blockingMs} ms) without waiting on the engine`,
      );
    }
  }
}
