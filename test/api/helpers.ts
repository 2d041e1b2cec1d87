import type { ModelObserver, ProcessInfo } from '../../src/api/model-events.js';
import { Sim, type SimOptions } from '../../src/api/sim.js';

/** Records each p.log line as "t name: text", times with 3 decimals. */
export class LogLines implements ModelObserver {
  readonly lines: string[] = [];
  logLine(time: number, process: ProcessInfo, text: string): void {
    this.lines.push(`${time.toFixed(3)} ${process.name}: ${text}`);
  }
}

/** A Sim whose log lines land in `log.lines`. */
export function simWithLog(options: SimOptions = {}): { sim: Sim; log: LogLines } {
  const log = new LogLines();
  return { sim: new Sim({ ...options, observers: [log, ...(options.observers ?? [])] }), log };
}
