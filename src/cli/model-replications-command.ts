/**
 * `qsim run --model FILE --replications n`: n independent runs of the model
 * with seeds seed, seed + 1, … on up to --jobs threads (the sweep's runners:
 * each run is a plain-data request, and a worker loads the model file itself,
 * .ts included), merged into one summary with confidence intervals
 * (src/observe/model-replications.ts). As for the built-in pipeline there is
 * no log: text prints the table of intervals (then --stats for the merged
 * figures), json the merged summary, ndjson one line per replication (unless
 * --quiet) and the merged summary last. A run's summary depends only on its
 * request, so the output is the same whatever --jobs is.
 */
import type { RunConfig } from '../model/config.js';
import { mergeModelReplications } from '../observe/model-replications.js';
import { renderModelReplicationsTable } from '../observe/model-replications-table.js';
import type { ModelSummary } from '../observe/model-summary.js';
import { renderModelStatsTable } from '../observe/model-stats-table.js';
import { loadModel } from '../runner/load-model.js';
import { isModelSummary } from '../sweep/metrics.js';
import { modelOptionsData, type ModelPointData } from '../sweep/model-point.js';
import { sequentialRunner, type PointRunner } from '../sweep/point-runner.js';
import { threadRunner } from '../sweep/thread-runner.js';
import type { CliIo } from './io.js';
import type { ModelChoice } from './model-options.js';
import type { ReplicationChoice, RunInvocation } from './run-options.js';
import { writeReplications } from './replications-output.js';

export async function runModelReplications(run: RunInvocation, model: ModelChoice, replications: ReplicationChoice, io: CliIo): Promise<number> {
  // A file that does not load is one line (exit 2) before any thread starts.
  await loadModel(model.path);
  if (run.seedDrawn) io.stderr.write(`qsim: seed ${run.seed} (repeat this run with --seed ${run.seed})\n`);
  const work: ModelPointData = { file: model.path, path: model.path, options: modelOptionsData(run.config as RunConfig, model.set) };
  const runner: PointRunner = replications.jobs > 1 ? threadRunner(replications.jobs, { useThisThread: true }) : sequentialRunner();
  let runs: ModelSummary[];
  try {
    const summaries = await Promise.all(Array.from({ length: replications.count }, (_, i) => runner.run({ model: work, seed: run.seed + i })));
    runs = summaries.map((summary) => {
      if (!isModelSummary(summary)) throw new Error('a model replication returned a pipeline summary');
      return summary;
    });
  } finally {
    await runner.close();
  }
  const merged = mergeModelReplications(runs);
  const { stats } = run.output;
  return writeReplications(run, io, runs, merged, () =>
    renderModelReplicationsTable(merged) + (stats ? '\n' + renderModelStatsTable(merged) : ''),
  );
}
