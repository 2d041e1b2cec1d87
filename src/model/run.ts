import { RunAbortedError } from '../core/errors.js';
import type { Pacing } from '../core/pacing.js';
import { Simulation, type SimulationOptions } from '../core/simulation.js';
import type { Timers } from '../core/timers.js';
import { scenarioFromRunConfig, type RunConfig } from './config.js';
import type { RunFinished, RunObserver } from './events.js';
import { buildPipeline, type PipelineOptions } from './pipeline.js';
import type { Scenario } from './scenario.js';

export interface RunOptions {
  pacing?: Pacing;
  timers?: Timers;
  observers?: readonly RunObserver[];
  /**
   * Aborting stops the run where it stands (in a paced run, where the wall clock has brought virtual time);
   * runFinished still reports the queues as they were left.
   */
  signal?: AbortSignal;
}

/** A run in progress. */
export interface RunHandle {
  /** Settles when the run ends: with how it finished, or rejected with the error that stopped it. */
  readonly finished: Promise<RunFinished>;
  /**
   * Stops the run early but cleanly (the first Ctrl-C): producers stop at once,
   * workers finish the items they hold, the rest stay in the queues, and
   * `finished` resolves with `interrupted: true`. In a paced run the stop
   * happens where the wall clock has brought virtual time; while the pacing is
   * paused it happens once it resumes (the live view resumes for it).
   */
  interrupt(): void;
  /** Stops the run at once (a second Ctrl-C): nothing more happens and `finished` rejects with RunAbortedError. */
  abort(reason?: string): void;
}

export function simulationOptions(options: RunOptions): SimulationOptions {
  return {
    ...(options.pacing ? { pacing: options.pacing } : {}),
    ...(options.timers ? { timers: options.timers } : {}),
  };
}

/** Builds the pipeline on `sim` and runs it (shared by the plain and the debug run). */
export function runPipeline(
  sim: Simulation,
  scenario: Scenario,
  seed: number,
  options: RunOptions = {},
  pipelineOptions: PipelineOptions = {},
): RunHandle {
  const pipeline = buildPipeline(sim, scenario, seed, options.observers ?? [], pipelineOptions);
  const { signal } = options;
  // Stopped at once where virtual time stands (Simulation.atClockTime), as an interrupt is.
  const stop = (): void => sim.atClockTime(() => sim.stop());
  signal?.addEventListener('abort', stop, { once: true });
  const done = sim.run();
  if (signal?.aborted) sim.stop();
  const finished = done.then(
    () => {
      signal?.removeEventListener('abort', stop);
      return pipeline.finish();
    },
    (error: unknown) => {
      signal?.removeEventListener('abort', stop);
      throw error;
    },
  );
  return {
    finished,
    // Where the wall clock stands in a paced run (a producer blocked since the last event was blocked until now).
    interrupt: () => sim.atClockTime(() => pipeline.interrupt()),
    abort: (reason) => sim.stop(new RunAbortedError(reason)),
  };
}

/** Starts a pipeline run; it goes on in the background until it ends or is stopped. */
export function startScenario(scenario: Scenario, seed: number, options: RunOptions = {}): RunHandle {
  return runPipeline(new Simulation(simulationOptions(options)), scenario, seed, options);
}

/** Simulates a pipeline to its end with `seed` and returns how it finished. */
export function simulateScenario(scenario: Scenario, seed: number, options: RunOptions = {}): Promise<RunFinished> {
  return startScenario(scenario, seed, options).finished;
}

/** Simulates one `qsim run` (one source, one stage) to its end. */
export function simulateRun(config: RunConfig, options: RunOptions = {}): Promise<RunFinished> {
  return simulateScenario(scenarioFromRunConfig(config), config.seed, options);
}
