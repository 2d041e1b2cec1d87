/**
 * The live view's state for a model run (`qsim run --model FILE --live`):
 * each queue's size, capacity, largest size and recent history; each process
 * as a lane (busy while it sleeps or runs, idle while it waits on a queue or
 * an event, blocked while a put waits for room, done once it returns), with
 * what it waits on, its sleep's progress, the lines it logged and its share
 * of time asleep; and the tail of the model's text log, formatted by
 * ModelTextLog exactly as `qsim run --model` prints it.
 *
 * Per event the work is O(1) and allocates nothing beyond the log line the
 * text log formats: each queue and process has one record, made when it is
 * created, whose fields the events update. A snapshot is built only when a
 * frame is drawn.
 */
import type { ModelFinished, ModelObserver, ModelStarted, ProcessInfo, QueueInfo, WaitState } from '../api/model-events.js';
import { ModelTextLog } from '../observe/model-log.js';
import { LogTail } from './log-tail.js';
import { SizeHistory } from './size-history.js';
import type { LiveClock, LiveSnapshot, LiveSource, ProcessLaneState } from './snapshot.js';

export interface ModelLiveStateOptions {
  /** The header's description of the run, e.g. "model examples/models/demo.mjs". */
  title: string;
  /** Log lines kept for the tail. Default 200. */
  logLines?: number;
  /** Sparkline samples kept. Default 256. */
  historyLength?: number;
  /** Virtual seconds per sparkline sample. Default 1 s. */
  historyStep?: number;
}

interface QueueRecord {
  readonly info: QueueInfo;
  size: number;
  maxSeen: number;
  readonly history: SizeHistory;
}

interface ProcessRecord {
  readonly info: ProcessInfo;
  state: ProcessLaneState;
  /** What it waits on; '' while it runs. */
  on: string;
  /** When its current sleep began and ends (NaN when it is not asleep). */
  sleepStart: number;
  sleepUntil: number;
  /** Virtual seconds asleep in sleeps that have ended. */
  sleptTime: number;
  lines: number;
  /** Its put found the queue full: the wait that follows is a blocked put. */
  putBlocked: boolean;
}

function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

export class ModelLiveState implements ModelObserver, LiveSource {
  readonly #options: ModelLiveStateOptions;
  readonly #tail: LogTail;
  readonly #log: ModelTextLog;
  readonly #queues: QueueRecord[] = [];
  readonly #processes: ProcessRecord[] = [];
  #seed = 0;
  #lastEventTime = 0;
  #finishedAt: number | undefined;

  constructor(options: ModelLiveStateOptions) {
    this.#options = options;
    this.#tail = new LogTail(options.logLines ?? 200);
    this.#log = new ModelTextLog(this.#tail, { palette: this.#tail });
  }

  queueCreated(_time: number, queue: QueueInfo): void {
    this.#queues[queue.index] = {
      info: queue,
      size: 0,
      maxSeen: 0,
      history: new SizeHistory(this.#options.historyStep ?? 1, this.#options.historyLength ?? 256),
    };
  }

  processCreated(time: number, process: ProcessInfo): void {
    this.#processes[process.index] = {
      info: process,
      state: 'idle',
      on: '',
      sleepStart: NaN,
      sleepUntil: NaN,
      sleptTime: 0,
      lines: 0,
      putBlocked: false,
    };
    this.#log.processCreated(time, process);
  }

  modelStarted(event: ModelStarted): void {
    this.#seed = event.seed;
    this.#log.modelStarted(event);
  }

  processStarted(time: number, process: ProcessInfo): void {
    this.#lastEventTime = time;
    const record = this.#processes[process.index];
    if (record) record.state = 'busy';
  }

  processFinished(time: number, process: ProcessInfo): void {
    this.#lastEventTime = time;
    const record = this.#processes[process.index];
    if (record === undefined) return;
    record.state = 'done';
    record.on = '';
  }

  processWaiting(time: number, process: ProcessInfo, state: WaitState, on: string, until: number): void {
    this.#lastEventTime = time;
    const record = this.#processes[process.index];
    if (record === undefined) return;
    record.on = on;
    if (state === 'sleeping') {
      record.state = 'busy';
      record.sleepStart = time;
      record.sleepUntil = until;
    } else {
      record.state = record.putBlocked ? 'blocked' : 'idle';
    }
    record.putBlocked = false;
  }

  processWoke(time: number, process: ProcessInfo, state: WaitState, since: number): void {
    this.#lastEventTime = time;
    const record = this.#processes[process.index];
    if (record === undefined) return;
    if (state === 'sleeping') record.sleptTime += time - since;
    record.state = 'busy';
    record.on = '';
    record.sleepStart = NaN;
    record.sleepUntil = NaN;
  }

  putBlocked(time: number, _queue: QueueInfo, process: ProcessInfo | undefined): void {
    this.#lastEventTime = time;
    const record = process && this.#processes[process.index];
    if (record) record.putBlocked = true;
  }

  itemPut(time: number, queue: QueueInfo, size: number): void {
    this.#sized(time, queue, size);
  }

  itemGot(time: number, queue: QueueInfo, size: number): void {
    this.#sized(time, queue, size);
  }

  logLine(time: number, process: ProcessInfo, text: string): void {
    this.#lastEventTime = time;
    const record = this.#processes[process.index];
    if (record) record.lines++;
    this.#log.logLine(time, process, text);
  }

  modelFinished(finished: ModelFinished): void {
    this.#finishedAt = finished.time;
    this.#log.modelFinished(finished);
  }

  /** The view at `clock.time` (held at the end time once the run has finished). */
  snapshot(clock: LiveClock): LiveSnapshot {
    const time = this.#finishedAt ?? Math.max(clock.time, this.#lastEventTime);
    for (const queue of this.#queues) queue.history.advance(time);
    const queues = this.#queues.length;
    const processes = this.#processes.length;
    return {
      header: {
        scenario: `${this.#options.title}: ${plural(queues, 'queue')}, ${plural(processes, 'process', 'processes')}`,
        time,
        speed: clock.speed,
        seed: this.#seed,
        paused: clock.paused,
        finished: this.#finishedAt !== undefined,
      },
      queues: this.#queues.map((q) => ({
        name: q.info.name,
        size: q.size,
        capacity: q.info.capacity,
        maxSeen: q.maxSeen,
        history: q.history.samples(),
      })),
      lanes: this.#processes.map((p) => {
        const asleep = p.state === 'busy' && p.on !== '';
        const start = p.sleepStart;
        const until = p.sleepUntil;
        const slept = p.sleptTime + (asleep ? Math.max(0, Math.min(time, until) - start) : 0);
        return {
          kind: 'process' as const,
          name: p.info.name,
          colour: p.info.colour,
          state: p.state,
          on: p.on,
          progress: asleep ? (until > start ? Math.min(1, Math.max(0, (time - start) / (until - start))) : 1) : 0,
          lines: p.lines,
          utilization: time > 0 ? Math.min(1, slept / time) : 0,
        };
      }),
      log: this.#tail.lines(),
    };
  }

  #sized(time: number, queue: QueueInfo, size: number): void {
    this.#lastEventTime = time;
    const record = this.#queues[queue.index];
    if (record === undefined) return;
    record.size = size;
    if (size > record.maxSeen) record.maxSeen = size;
    record.history.record(time, size);
  }
}
