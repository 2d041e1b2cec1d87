import type { ModelFunction, ModelOptions } from '../../src/api/model.js';
import type { SimEventImpl } from '../../src/api/sim-event.js';
import { ModelLiveState, type ModelLiveStateOptions } from '../../src/live/model-live-state.js';
import type { LiveSnapshot } from '../../src/live/snapshot.js';
import { createDistribution } from '../../src/model/distribution.js';
import { loadModel } from '../../src/runner/load-model.js';
import { buildModel } from '../../src/runner/run-model.js';

/** The options `qsim run --model FILE --seed SEED` gives a model (the demo's defaults). */
export function modelOptions(seed: number, overrides: Partial<ModelOptions> = {}): ModelOptions {
  return {
    producers: 1,
    consumers: ['Fred', 'George'],
    items: 20,
    interval: createDistribution({ kind: 'const', value: 0.5 }),
    delay: createDistribution({ kind: 'uniform', min: 0, max: 3 }),
    concurrency: 1,
    capacity: Infinity,
    onFull: 'block',
    duration: Infinity,
    seed,
    set: {},
    ...overrides,
  };
}

/**
 * Builds `model` with a ModelLiveState attached and runs it instantly; the
 * snapshot is taken at virtual time `time`, before anything else due then
 * (a timeout made before the processes run comes first), with the run going
 * on to its end afterwards.
 */
export async function modelSnapshotAt(
  model: string | ModelFunction,
  options: ModelOptions,
  time: number,
  stateOptions: Partial<ModelLiveStateOptions> = {},
): Promise<{ snapshot: LiveSnapshot; state: ModelLiveState }> {
  const build = typeof model === 'string' ? await loadModel(model) : model;
  const state = new ModelLiveState({ title: typeof model === 'string' ? `model ${model}` : 'model', ...stateOptions });
  const sim = await buildModel(build, options, { observers: [state] });
  let snapshot: LiveSnapshot | undefined;
  (sim.timeout(time) as SimEventImpl<void>).watch(() => {
    snapshot = state.snapshot({ time, speed: 1, paused: false });
  });
  await sim.run();
  if (snapshot === undefined) throw new Error(`the run ended before t=${time}`);
  return { snapshot, state };
}
