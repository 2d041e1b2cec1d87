/**
 * The text log of a model run: each `p.log(text)` as
 *   [ Fred ] Got item: 3 (size 2)
 * in the process's colour, then "Queue size is now N" (items left in all the
 * model's queues), as `qsim run` prints its consumers. The name column is as
 * wide as the longest name among the processes that may log and were created
 * before the run started (at least 6), so it is fixed before the first line; a
 * process created later with a longer name gets a wider tag of its own.
 * Tags are built once per process.
 */
import type { ModelFinished, ModelObserver, ModelStarted, ProcessInfo } from '../api/model-events.js';
import { plainPalette, type Palette, type TextSink } from './sink.js';
import { centre, finalLine, MIN_NAME_WIDTH, timestamp, type TextLogOptions } from './text-log.js';

export class ModelTextLog implements ModelObserver {
  readonly #sink: TextSink;
  readonly #palette: Palette;
  readonly #coloured: boolean;
  readonly #timestamps: boolean;
  /** Tags by process index; undefined until the width is known. */
  readonly #tags: string[] = [];
  #width: number | undefined;

  constructor(sink: TextSink, options: TextLogOptions = {}) {
    this.#sink = sink;
    this.#palette = options.palette ?? plainPalette;
    this.#coloured = this.#palette !== plainPalette;
    this.#timestamps = options.timestamps === true;
  }

  modelStarted(event: ModelStarted): void {
    const loggers = event.processes.filter((process) => process.colour >= 0);
    const width = Math.max(MIN_NAME_WIDTH, ...loggers.map((process) => [...process.name].length));
    this.#width = width;
    for (const process of event.processes) this.#tags[process.index] = `[${centre(process.name, width)}] `;
  }

  processCreated(_time: number, process: ProcessInfo): void {
    if (this.#width !== undefined) this.#tags[process.index] = `[${centre(process.name, this.#width)}] `;
  }

  logLine(time: number, process: ProcessInfo, text: string): void {
    const tagged = (this.#tags[process.index] as string) + text;
    const line = this.#coloured ? this.#palette.worker(process.colour, tagged) : tagged;
    this.#sink.write(this.#timestamps ? `${timestamp(time)}${line}\n` : line + '\n');
  }

  modelFinished(finished: ModelFinished): void {
    this.#sink.write((this.#timestamps ? timestamp(finished.time) : '') + finalLine(finished));
  }
}

/** Only the final line (--quiet). */
export class ModelFinalLineLog implements ModelObserver {
  readonly #sink: TextSink;
  readonly #timestamps: boolean;

  constructor(sink: TextSink, options: Pick<TextLogOptions, 'timestamps'> = {}) {
    this.#sink = sink;
    this.#timestamps = options.timestamps === true;
  }

  modelFinished(finished: ModelFinished): void {
    this.#sink.write((this.#timestamps ? timestamp(finished.time) : '') + finalLine(finished));
  }
}
