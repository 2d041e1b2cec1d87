/**
 * Checks a model sweep (`qsim sweep --model FILE`) before anything runs: loads
 * the model file once (a bad file is a ModelFileError: one line, exit 2) and
 * builds the model at every point on a fresh Sim without running it.
 *
 * What the model function throws there is told apart:
 * - a **refusal**: an `Error` (`throw new Error('--set batch expects …')`) or
 *   an error class of the model's own. The model says these options are not
 *   for it, so the --vary value is bad input: one line naming the --vary and
 *   the point, exit 2, before anything runs.
 * - a **failure**: anything else — JavaScript's own errors (a TypeError such
 *   as "Class constructor Model cannot be invoked without 'new'", a
 *   ReferenceError, …), qsim's errors (a primitive misused), a value that is
 *   not an Error, a build that does not finish (src/runner/model-host.ts). That is
 *   a bug in the model, not in the command line: one line naming the file, the
 *   point and the error, exit 1, as `qsim run --model` reports it.
 *
 * The model's top-level console output goes to stderr (it runs once per
 * thread that loads the file); the check builds are silent, so each point's
 * build prints once, in its run.
 */
import { exitOnceCliDone, guardBuild, loadModelGuarded, modelConsole, withModelConsole } from '../runner/model-host.js';
import { Sim } from '../api/sim.js';
import { describeThrown, QsimError } from '../core/errors.js';
import { quote } from '../model/quote.js';
import { ModelBuildError } from '../runner/run-model.js';
import { describePoint } from '../sweep/grid.js';
import { modelOptionsFromData } from '../sweep/model-point.js';
import type { SweepPlan } from '../sweep/plan.js';
import { runSeed } from '../sweep/seeds.js';
import { UsageError } from './usage-error.js';

function firstLine(message: string): string {
  return message.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown error';
}

/** JavaScript's own errors: thrown by the language at a bug (or by a library), never a model's word on its options. */
const LANGUAGE_ERRORS: readonly (new (...args: never[]) => Error)[] = [TypeError, ReferenceError, RangeError, SyntaxError, EvalError, URIError, AggregateError];

/** A deliberate refusal of the options: an Error, or an error class of the model's own. */
export function isRefusal(error: unknown): error is Error {
  return error instanceof Error && !(error instanceof QsimError) && !LANGUAGE_ERRORS.some((kind) => error instanceof kind);
}

/** A failure's gist on one line, with its kind when it is not a plain Error ("TypeError: …"). */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return `it threw ${typeof error === 'string' ? quote(error) : describeThrown(error)}, not an Error`;
  const message = firstLine(error.message);
  return error instanceof QsimError || error.name === 'Error' ? message : `${error.name}: ${message}`;
}

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
        await withModelConsole(silent, async () => build(new Sim({ seed }), options));
      } catch (error) {
        const at = describePoint(definition.vary, point.values);
        if (isRefusal(error)) {
          const varies = definition.vary.map((axis) => `--vary ${axis.name}`).join(', ');
          throw new UsageError(`${varies}: at ${at}: the model refused these options: ${firstLine(error.message)}`);
        }
        throw new ModelBuildError(`--model ${quote(file)} at ${at}: the model function failed: ${describeFailure(error)}`, { cause: error });
      }
    }
  } catch (error) {
    // A model that failed may have left a timer running: it must not keep qsim alive.
    exitOnceCliDone();
    throw error;
  }
}
