import type { Pacing } from '../core/pacing.js';
import { Simulation } from '../core/simulation.js';
import type { Timers } from '../core/timers.js';
import { scenarioFromRunConfig, type RunConfig } from './config.js';
import type { RunFinished, RunObserver } from './events.js';
import { buildPipeline } from './pipeline.js';
import type { Scenario } from './scenario.js';

export interface RunOptions {
  pacing?: Pacing;
  timers?: Timers;
  observers?: readonly RunObserver[];
  /** Aborting stops the run where it stands; runFinished still reports the queues as they were left. */
  signal?: AbortSignal;
}

/** Simulates a pipeline to its end with `seed` and returns how it finished. */
export async function simulateScenario(scenario: Scenario, seed: number, options: RunOptions = {}): Promise<RunFinished> {
  const sim = new Simulation({
    ...(options.pacing ? { pacing: options.pacing } : {}),
    ...(options.timers ? { timers: options.timers } : {}),
  });
  const pipeline = buildPipeline(sim, scenario, seed, options.observers ?? []);
  const { signal } = options;
  const stop = (): void => sim.stop();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    const done = sim.run();
    if (signal?.aborted) sim.stop();
    await done;
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  return pipeline.finish();
}

/** Simulates one `qsim run` (one source, one stage) to its end. */
export function simulateRun(config: RunConfig, options: RunOptions = {}): Promise<RunFinished> {
  return simulateScenario(scenarioFromRunConfig(config), config.seed, options);
}
