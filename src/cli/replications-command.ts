/**
 * `qsim run --replications n`: n independent runs with seeds seed, seed + 1,
 * … on worker threads (src/parallel), merged into one summary with confidence
 * intervals (src/observe/replications.ts). There is no log: text prints the
 * table of intervals (then --stats, then --explain), json the merged summary,
 * ndjson one line per replication (unless --quiet) and the merged summary last.
 */
import { renderExplanation } from '../observe/explain.js';
import { mergeReplications } from '../observe/replications.js';
import { renderReplicationsTable } from '../observe/replications-table.js';
import { renderStatsTable } from '../observe/stats-table.js';
import { runAll } from '../parallel/pool.js';
import { runRequest } from '../parallel/run-request.js';
import type { CliIo } from './io.js';
import type { ReplicationChoice, RunInvocation } from './run-options.js';
import { writeReplications } from './replications-output.js';

export async function runReplications(run: RunInvocation, replications: ReplicationChoice, io: CliIo): Promise<number> {
  const requests = Array.from({ length: replications.count }, (_, i) =>
    runRequest(run.scenario, run.seed + i, { ...(run.config ? { config: run.config } : {}), warmup: run.warmup }),
  );
  const runs = await runAll(requests, { jobs: replications.jobs });
  const merged = mergeReplications(runs, run.scenario);
  const { stats, explain } = run.output;
  return writeReplications(run, io, runs, merged, () =>
    [renderReplicationsTable(merged), stats ? '\n' + renderStatsTable(merged) : '', explain ? renderExplanation(merged, run.scenario) : ''].join(''),
  );
}

