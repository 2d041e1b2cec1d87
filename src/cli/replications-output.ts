import { renderJsonSummary, renderNdjsonReplication, renderNdjsonSummary } from '../observe/json-output.js';
import type { ModelSummary } from '../observe/model-summary.js';
import type { RunSummary } from '../observe/summary.js';
import type { CliIo } from './io.js';
import type { RunInvocation } from './run-options.js';
import { OutputWriter } from './writer.js';

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
): number {
  const out = new OutputWriter(io.stdout, 'batch');
  const { format } = run.output;
  if (format === 'json') {
    out.write(renderJsonSummary(merged));
  } else if (format === 'ndjson') {
    if (!run.quiet) for (const summary of runs) out.write(renderNdjsonReplication(summary));
    out.write(renderNdjsonSummary(merged));
  } else {
    out.write(text());
  }
  out.flush();
  return 0;
}
