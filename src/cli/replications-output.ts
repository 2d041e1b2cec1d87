import { renderJsonSummary, renderNdjsonReplication, renderNdjsonSummary } from '../observe/json-output.js';
import type { ModelSummary } from '../observe/model-summary.js';
import type { RunSummary } from '../observe/summary.js';
import type { CliIo } from './io.js';
import type { RunInvocation } from './run-options.js';
import { OutputWriter } from './writer.js';

export interface WriteReplicationsOptions {
  /** The writer to go through (one that already streamed some lines); a new one on stdout by default. */
  readonly out?: OutputWriter;
  /** ndjson: how many of `runs`, from the first, were already written as they finished. */
  readonly streamed?: number;
}

/**
 * Writes replications in the run's format: json, the merged summary; ndjson, one
 * line per replication (unless --quiet), then the merged summary; text, `text()`.
 * Shared by the pipeline's and the model's replications.
 */
export function writeReplications<S extends RunSummary | ModelSummary>(
  run: RunInvocation,
  io: CliIo,
  runs: readonly S[],
  merged: S,
  text: () => string,
  options: WriteReplicationsOptions = {},
): number {
  const out = options.out ?? new OutputWriter(io.stdout, 'batch');
  const { format } = run.output;
  if (format === 'json') {
    out.write(renderJsonSummary(merged));
  } else if (format === 'ndjson') {
    if (!run.quiet) for (const summary of runs.slice(options.streamed ?? 0)) out.write(renderNdjsonReplication(summary));
    out.write(renderNdjsonSummary(merged));
  } else {
    out.write(text());
  }
  out.flush();
  return 0;
}

/**
 * ndjson's replication lines as the runs finish: each is written once it and
 * every replication before it (in seed order) have finished, so the lines come
 * out in seed order whatever --jobs is, as soon as they can.
 */
export class SeedOrderLines<S extends RunSummary | ModelSummary> {
  readonly #out: OutputWriter;
  readonly #waiting = new Map<number, S>();
  #written = 0;

  constructor(out: OutputWriter) {
    this.#out = out;
  }

  /** Replications written so far: the first `written` in seed order. */
  get written(): number {
    return this.#written;
  }

  /** Replication `index` (0 for the first seed) has finished. */
  finished(index: number, summary: S): void {
    this.#waiting.set(index, summary);
    const before = this.#written;
    for (let next = this.#waiting.get(this.#written); next !== undefined; next = this.#waiting.get(this.#written)) {
      this.#waiting.delete(this.#written);
      this.#out.write(renderNdjsonReplication(next));
      this.#written++;
    }
    if (this.#written > before) this.#out.flush();
  }
}
