/**
 * Checks a model sweep (`qsim sweep --model FILE`) before anything runs: loads
 * the model file once (a bad file is a ModelFileError: one line, exit 2) and
 * builds the model at every point on a fresh Sim without running it, so a
 * parameter value the model refuses (its function throws) is reported as a bad
 * --vary value, exit 2, instead of failing a run halfway through the sweep.
 */
import { Sim } from '../api/sim.js';
import { loadModel } from '../runner/load-model.js';
import { describePoint } from '../sweep/grid.js';
import { modelOptionsFromData } from '../sweep/model-point.js';
import type { SweepPlan } from '../sweep/plan.js';
import { runSeed } from '../sweep/seeds.js';
import { UsageError } from './usage-error.js';

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown error';
}

export async function checkModelSweep(plan: SweepPlan, file: string): Promise<void> {
  const build = await loadModel(file);
  const { definition } = plan;
  for (const point of plan.points) {
    if (!('model' in point.work)) continue;
    const seed = runSeed(definition.seed, point.index, 0);
    try {
      await build(new Sim({ seed }), modelOptionsFromData(point.work.model.options, seed));
    } catch (error) {
      const varies = definition.vary.map((axis) => `--vary ${axis.name}`).join(', ');
      throw new UsageError(`${varies}: at ${describePoint(definition.vary, point.values)}: the model refused these options: ${firstLine(error)}`);
    }
  }
}
