/**
 * `qsim run --replications n`: n independent runs with seeds seed, seed + 1,
 * … on worker threads (src/parallel), merged into one summary with confidence
 * intervals (src/observe/replications.ts). There is no log: text prints the
 * table of intervals (then --stats, then --explain), or with --quiet one line
 * of the key figures; json the merged summary; ndjson one line per replication
 * (unless --quiet), each written once it and those before it have finished,
 * and the merged summary last.
 *
 * Ctrl-C or SIGTERM stops them as it stops a sweep: a note on stderr, no new
 * replication starts, those in progress are dropped (their threads
 * terminated), and the replications that finished are reported, marked
 * `interrupted` (no interval from a single one); exit 130 (143). A second
 * signal stops at once, with nothing more written.
 */
import { scenarioNames } from '../model/names.js';
import { prepareDisplayWidths } from '../observe/display-width.js';
import { renderExplanation } from '../observe/explain.js';
import { mergeReplications } from '../observe/replications.js';
import { renderReplicationsLine, renderReplicationsTable } from '../observe/replications-table.js';
import { renderStatsTable } from '../observe/stats-table.js';
import type { RunSummary } from '../observe/summary.js';
import { runAllUntil, type PartialRuns } from '../parallel/pool.js';
import { runRequest, type RunRequest } from '../parallel/run-request.js';
import type { CliIo } from './io.js';
import type { ReplicationChoice, RunInvocation } from './run-options.js';
import { SeedOrderLines, writeReplications } from './replications-output.js';
import { AT_ONCE, handleReplicationStops } from './replication-stops.js';
import { OutputWriter } from './writer.js';

/** How the replications are run: runAllUntil on worker threads; tests pass their own. */
export type ReplicationRunner = (
  requests: readonly RunRequest[],
  options: { readonly jobs: number; readonly signal: AbortSignal; readonly onResult: (index: number, summary: RunSummary) => void },
) => Promise<PartialRuns>;

export async function runReplications(
  run: RunInvocation,
  replications: ReplicationChoice,
  io: CliIo,
  runner: ReplicationRunner = runAllUntil,
): Promise<number> {
  const requests = Array.from({ length: replications.count }, (_, i) =>
    runRequest(run.scenario, run.seed + i, { ...(run.config ? { config: run.config } : {}), warmup: run.warmup }),
  );
  const out = new OutputWriter(io.stdout, 'batch');
  await prepareDisplayWidths(scenarioNames(run.scenario)); // the tables line up names by terminal columns
  const lines = run.output.format === 'ndjson' && !run.quiet ? new SeedOrderLines<RunSummary>(out) : undefined;

  // The handlers are in place before the first run starts, so a signal always finds the runs guarded.
  const stops = handleReplicationStops(io, () => out.discard());

  let outcome: PartialRuns;
  try {
    const work = runner(requests, { jobs: replications.jobs, signal: stops.signal, onResult: (index, summary) => lines?.finished(index, summary) });
    const first = await Promise.race([work, stops.atOnce]);
    if (first === AT_ONCE) {
      // The threads are terminated in the background; a failure there no longer matters.
      work.catch(() => {});
      return stops.exitAtOnce();
    }
    outcome = first;
  } finally {
    stops.remove();
  }
  if (stops.closed()) return 0; // the reader has gone: nothing more to say

  const runs = outcome.summaries.filter((summary): summary is RunSummary => summary !== undefined);
  const interrupted = outcome.stopped;
  const exitCode = stops.exitCode(interrupted);
  if (runs.length === 0) {
    // Nothing finished: there are no figures to report (json and ndjson print nothing).
    if (run.output.format === 'text') out.write(`interrupted: 0 of ${replications.count} replications finished: nothing to report\n`);
    out.flush();
    return exitCode;
  }
  const merged = mergeReplications(runs, run.scenario, { interrupted });
  const tableOptions = { requested: replications.count };
  const { stats, explain } = run.output;
  // With one replication there is no interval to set theory against: it is explained as a single run.
  const explained = merged.replications && merged.replications.count < 2 ? { ...merged, replications: undefined } : merged;
  writeReplications(
    run,
    io,
    runs,
    merged,
    () =>
      [
        run.quiet ? renderReplicationsLine(merged, tableOptions) : renderReplicationsTable(merged, tableOptions),
        stats ? '\n' + renderStatsTable(merged) : '',
        explain ? renderExplanation(explained, run.scenario) : '',
      ].join(''),
    { out, streamed: lines?.written ?? 0 },
  );
  return exitCode;
}
