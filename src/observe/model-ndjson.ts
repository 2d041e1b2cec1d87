/**
 * `--format ndjson` for a model run: one JSON object per line for each event,
 * as it happens, with a fixed field order; then the caller writes the summary
 * line ({"type":"summary",…}).
 *
 *   {"t":0,"type":"start","process":"producer"}
 *   {"t":0,"type":"put","queue":"jobs","process":"producer","size":1}
 *   {"t":2,"type":"blocked","queue":"jobs","process":"producer"}
 *   {"t":2.5,"type":"put","queue":"jobs","process":"producer","size":5,"blocked":0.5}
 *   {"t":2.5,"type":"got","queue":"jobs","process":"Ann","size":4,"wait":1.25}
 *   {"t":2.5,"type":"log","process":"Ann","text":"Got batch of 3"}
 *   {"t":9,"type":"end","process":"Ann"}
 *
 * "process" is null for an operation made outside every process (a putNowait
 * in the model function). "blocked" appears when the put waited for room.
 * Per-process and per-queue prefixes are built once.
 */
import type { ModelObserver, ProcessInfo, QueueInfo } from '../api/model-events.js';
import { jsonNumber } from './json-output.js';
import type { TextSink } from './sink.js';

const NO_PROCESS = ',"process":null';

export class ModelNdjsonLog implements ModelObserver {
  readonly #sink: TextSink;
  /** `,"process":"name"` by process index. */
  readonly #processFields: string[] = [];
  /** `,"queue":"name"` by queue index. */
  readonly #queueFields: string[] = [];

  constructor(sink: TextSink) {
    this.#sink = sink;
  }

  queueCreated(_time: number, queue: QueueInfo): void {
    this.#queueFields[queue.index] = `,"queue":${JSON.stringify(queue.name)}`;
  }

  processCreated(_time: number, process: ProcessInfo): void {
    this.#processFields[process.index] = `,"process":${JSON.stringify(process.name)}`;
  }

  processStarted(time: number, process: ProcessInfo): void {
    this.#sink.write(`{"t":${jsonNumber(time)},"type":"start"${this.#process(process)}}\n`);
  }

  processFinished(time: number, process: ProcessInfo): void {
    this.#sink.write(`{"t":${jsonNumber(time)},"type":"end"${this.#process(process)}}\n`);
  }

  putBlocked(time: number, queue: QueueInfo, process: ProcessInfo | undefined): void {
    this.#sink.write(`{"t":${jsonNumber(time)},"type":"blocked"${this.#queueFields[queue.index]}${this.#process(process)}}\n`);
  }

  itemPut(time: number, queue: QueueInfo, size: number, process: ProcessInfo | undefined, blocked: number): void {
    const waited = blocked > 0 ? `,"blocked":${jsonNumber(blocked)}` : '';
    this.#sink.write(`{"t":${jsonNumber(time)},"type":"put"${this.#queueFields[queue.index]}${this.#process(process)},"size":${size}${waited}}\n`);
  }

  itemGot(time: number, queue: QueueInfo, size: number, process: ProcessInfo | undefined, wait: number): void {
    this.#sink.write(
      `{"t":${jsonNumber(time)},"type":"got"${this.#queueFields[queue.index]}${this.#process(process)},"size":${size},"wait":${jsonNumber(wait)}}\n`,
    );
  }

  logLine(time: number, process: ProcessInfo, text: string): void {
    this.#sink.write(`{"t":${jsonNumber(time)},"type":"log"${this.#process(process)},"text":${JSON.stringify(text)}}\n`);
  }

  #process(process: ProcessInfo | undefined): string {
    return process === undefined ? NO_PROCESS : (this.#processFields[process.index] as string);
  }
}
