/**
 * The debug run (qsim run --debug): the single stage on a DebugSimulation, with
 * a DebugQueue and an ItemLedger, all reporting to one DebugMonitor. A separate
 * module, which the CLI loads only for --debug, so a plain run neither attaches
 * nor even loads any of it.
 */
import type { DebugMonitor } from '../core/debug-monitor.js';
import { DebugQueue } from '../core/debug-queue.js';
import { DebugSimulation } from '../core/debug-simulation.js';
import type { RunConfig } from './config.js';
import type { RunFinished } from './events.js';
import type { Item } from './item.js';
import { ItemLedger } from './item-ledger.js';
import { runStage, simulationOptions, type RunHandle, type RunOptions } from './run.js';
import type { StageOptions } from './single-stage.js';

/** The stage's queue as a DebugQueue reporting to `monitor` (pass to buildSingleStage with an ItemLedger). */
export function debugStageOptions(monitor: DebugMonitor): StageOptions {
  return {
    createQueue: (queueOptions) => new DebugQueue<Item>({ ...queueOptions, monitor, describe: (item) => `item ${item.id}` }),
  };
}

/** Starts a single-stage run checked by `monitor`; call `monitor.finish()` once it has ended. */
export function startDebugRun(config: RunConfig, monitor: DebugMonitor, options: RunOptions = {}): RunHandle {
  const sim = new DebugSimulation({ ...simulationOptions(options), monitor });
  return runStage(sim, config, [...(options.observers ?? []), new ItemLedger(monitor)], debugStageOptions(monitor));
}

/** Simulates a checked run to its end; the findings are in `monitor` (call `monitor.finish()`). */
export function simulateDebugRun(config: RunConfig, monitor: DebugMonitor, options: RunOptions = {}): Promise<RunFinished> {
  return startDebugRun(config, monitor, options).finished;
}
