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
import { handleReplicationStops, replicationsOutcome } from './replication-stops.js';
import { OutputWriter } from './writer.js';

/** How the replications are run: runAllUntil on worker threads; tests pass their own. */
export type ReplicationRunner = (
  requests: readonly RunRequest[],
  options: { readonly jobs: number; readonly signal: AbortSignal; readonly onResult: (index: number, summary: RunSummary) => void },
) => Promise<PartialRuns<RunSummary>>;

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

  const work = runner(requests, { jobs: replications.jobs, signal: stops.signal, onResult: (index, summary) => lines?.finished(index, summary) });
  const end = await replicationsOutcome<RunSummary>(work, stops, { out, text: run.output.format === 'text', count: replications.count });
  if (end.runs === undefined) return end.exitCode;
  const { runs, interrupted, exitCode } = end;
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
