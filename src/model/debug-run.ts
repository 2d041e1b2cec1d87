/**
 * The debug run (qsim run --debug): the pipeline on a DebugSimulation, with
 * DebugQueues and an ItemLedger, all reporting to one DebugMonitor. A separate
 * module, which the CLI loads only for --debug, so a plain run neither attaches
 * nor even loads any of it.
 */
import type { DebugMonitor } from '../core/debug-monitor.js';
import { DebugQueue } from '../core/debug-queue.js';
import { DebugSimulation } from '../core/debug-simulation.js';
import { scenarioFromRunConfig, type RunConfig } from './config.js';
import type { RunFinished } from './events.js';
import type { ItemRef } from './item-store.js';
import { ItemLedger } from './item-ledger.js';
import type { PipelineOptions } from './pipeline.js';
import { runPipeline, simulationOptions, type RunHandle, type RunOptions } from './run.js';
import type { Scenario } from './scenario.js';

/** Every stage's queue as a DebugQueue reporting to `monitor` (pass to buildPipeline with an ItemLedger). */
export function debugPipelineOptions(monitor: DebugMonitor): PipelineOptions {
  return {
    createQueue: (queueOptions, describe) => new DebugQueue<ItemRef>({ ...queueOptions, monitor, describe }),
    reuseItems: false,
  };
}

/** Starts a pipeline run checked by `monitor`; call `monitor.finish()` once it has ended. */
export function startDebugRun(scenario: Scenario, seed: number, monitor: DebugMonitor, options: RunOptions = {}): RunHandle {
  const sim = new DebugSimulation({ ...simulationOptions(options), monitor });
  const observers = [...(options.observers ?? []), new ItemLedger(monitor)];
  return runPipeline(sim, scenario, seed, { ...options, observers }, debugPipelineOptions(monitor));
}

/** Simulates a checked single-stage run to its end; the findings are in `monitor` (call `monitor.finish()`). */
export function simulateDebugRun(config: RunConfig, monitor: DebugMonitor, options: RunOptions = {}): Promise<RunFinished> {
  return startDebugRun(scenarioFromRunConfig(config), config.seed, monitor, options).finished;
}
