/**
 * Checks a model sweep (`qsim sweep --model FILE`) before anything runs: loads
 * the model file once (a bad file is a ModelFileError: one line, exit 2) and
 * builds the model at every point on a fresh Sim without running it.
 *
 * What the model function throws there is told apart as for `qsim run
 * --model` (src/runner/build-errors.ts): a **refusal** (an `Error`, a
 * `RangeError`, an error class of the model's own) makes the --vary value bad
 * input: one line naming the --vary and the point, exit 2, before anything
 * runs; a **failure** (JavaScript's other errors, qsim's, a value that is not
 * an Error, a build that does not finish) is a bug in the model: one line
 * naming the file, the point and the error, exit 1.
 *
 * The model's top-level console output goes to stderr (it runs once per
 * thread that loads the file); the check builds are silent, so each point's
 * build prints once, in its run.
 */
import { exitOnceCliDone, guardBuild, loadModelGuarded, modelConsole, withModelConsole } from '../runner/model-host.js';
import { Sim } from '../api/sim.js';
import { quote } from '../model/quote.js';
import { buildErrorFor, firstLine, isRefusal } from '../runner/build-errors.js';
import { optionsForBuild } from '../runner/run-model.js';
import { describePoint } from '../sweep/grid.js';
import { modelOptionsFromData } from '../sweep/model-point.js';
import type { SweepPlan } from '../sweep/plan.js';
import { runSeed } from '../sweep/seeds.js';
import { UsageError } from './usage-error.js';

export async function checkModelSweep(plan: SweepPlan, file: string): Promise<void> {
  try {
    const build = guardBuild(await withModelConsole(modelConsole(process.stderr), () => loadModelGuarded(file)));
    const silent = modelConsole(undefined);
    const { definition } = plan;
    for (const point of plan.points) {
      if (!('model' in point.work)) continue;
      const seed = runSeed(definition.seed, point.index, 0);
      const options = modelOptionsFromData(point.work.model.options, seed);
      try {
        await withModelConsole(silent, async () => build(new Sim({ seed }), optionsForBuild(options)));
      } catch (error) {
        const at = describePoint(definition.vary, point.values);
        if (isRefusal(error)) {
          const varies = definition.vary.map((axis) => `--vary ${axis.name}`).join(', ');
          throw new UsageError(`${varies}: at ${at}: the model refused these options: ${firstLine(error.message)}`);
        }
        throw buildErrorFor(error, `--model ${quote(file)} at ${at}`);
      }
    }
  } catch (error) {
    // A model that failed may have left a timer running: it must not keep qsim alive.
    exitOnceCliDone();
    throw error;
  }
}
