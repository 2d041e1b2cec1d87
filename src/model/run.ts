import { RunAbortedError } from '../core/errors.js';
import type { Pacing } from '../core/pacing.js';
import { Simulation, type SimulationOptions } from '../core/simulation.js';
import type { Timers } from '../core/timers.js';
import type { RunConfig } from './config.js';
import type { RunFinished, RunObserver } from './events.js';
import { buildSingleStage, type StageOptions } from './single-stage.js';

export interface RunOptions {
  pacing?: Pacing;
  timers?: Timers;
  observers?: readonly RunObserver[];
}

/** A run in progress. */
export interface RunHandle {
  /** Settles when the run ends: with how it finished, or rejected with the error that stopped it. */
  readonly finished: Promise<RunFinished>;
  /**
   * Stops the run early but cleanly (the first Ctrl-C): producers stop at once,
   * consumers finish the items they hold, the rest stay in the queue, and
   * `finished` resolves with `interrupted: true`.
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

/** Starts one single-stage run; it goes on in the background until it ends or is stopped. */
export function startRun(config: RunConfig, options: RunOptions = {}): RunHandle {
  return runStage(new Simulation(simulationOptions(options)), config, options.observers ?? []);
}

/** Simulates one single-stage run to its end and returns how it finished. */
export function simulateRun(config: RunConfig, options: RunOptions = {}): Promise<RunFinished> {
  return startRun(config, options).finished;
}

/** Builds the single stage on `sim` and runs it (shared by the plain and the debug run). */
export function runStage(
  sim: Simulation,
  config: RunConfig,
  observers: readonly RunObserver[],
  stageOptions: StageOptions = {},
): RunHandle {
  const stage = buildSingleStage(sim, config, observers, stageOptions);
  const finished = sim.run().then(() => stage.finish());
  return {
    finished,
    interrupt: () => stage.interrupt(),
    abort: (reason) => sim.stop(new RunAbortedError(reason)),
  };
}
