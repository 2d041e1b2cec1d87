import type { Pacing } from '../core/pacing.js';
import { Simulation } from '../core/simulation.js';
import type { Timers } from '../core/timers.js';
import type { RunConfig } from './config.js';
import type { RunFinished, RunObserver } from './events.js';
import { buildSingleStage } from './single-stage.js';

export interface RunOptions {
  pacing?: Pacing;
  timers?: Timers;
  observers?: readonly RunObserver[];
  /** Aborting stops the run where it stands; runFinished still reports the queue as it was left. */
  signal?: AbortSignal;
}

/** Simulates one single-stage run to its end (or until `signal` aborts) and returns how it finished. */
export async function simulateRun(config: RunConfig, options: RunOptions = {}): Promise<RunFinished> {
  const sim = new Simulation({
    ...(options.pacing ? { pacing: options.pacing } : {}),
    ...(options.timers ? { timers: options.timers } : {}),
  });
  const stage = buildSingleStage(sim, config, options.observers ?? []);
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
  return stage.finish();
}
