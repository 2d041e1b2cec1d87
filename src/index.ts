/**
 * qsim's public API. Processes wait only through the engine's primitives
 * (Process.sleep, AsyncQueue.get/put/join); see src/core/simulation.ts.
 */
export { Simulation, ScheduledCallback } from './core/simulation.js';
export type { SimulationOptions, SimulationStatus } from './core/simulation.js';
export { Process } from './core/process.js';
export type { ProcessBody, ProcessState, Waitable } from './core/process.js';
export { AsyncQueue, CLOSED, QueueEmptyError, QueueFullError } from './core/queue.js';
export type { Closed, FullPolicy, QueueOptions, ShutdownOptions } from './core/queue.js';
export { DebugMonitor } from './core/debug-monitor.js';
export type { DebugOptions, Finding, FindingKind } from './core/debug-monitor.js';
export { DebugSimulation } from './core/debug-simulation.js';
export type { DebugSimulationOptions } from './core/debug-simulation.js';
export { DebugQueue, QueueAudit } from './core/debug-queue.js';
export type { DebugQueueOptions } from './core/debug-queue.js';
export { FULL_POLICIES } from './core/queue.js';
export { RandomSource, RandomStream } from './core/random.js';
export { instantPacing, WallClockPacing } from './core/pacing.js';
export type { Pacing, WallClockOptions } from './core/pacing.js';
export type { Timers } from './core/timers.js';
export {
  QsimError,
  DeadlockError,
  StalledError,
  ProcessFailedError,
  QueueShutDownError,
  InvalidArgumentError,
  Interrupt,
  RunAbortedError,
} from './core/errors.js';
export type { RunConfig } from './model/config.js';
export type { RunObserver, RunStarted, RunFinished, Worker, WorkerRole } from './model/events.js';
export type { Item } from './model/item.js';
export { simulateRun, simulateScenario, startScenario } from './model/run.js';
export type { RunHandle, RunOptions } from './model/run.js';
export { buildPipeline } from './model/pipeline.js';
export type { Pipeline, PipelineOptions } from './model/pipeline.js';
export type { Scenario, SourceSpec, StageSpec } from './model/scenario.js';
export { scenarioFromRunConfig } from './model/config.js';
export { debugPipelineOptions, simulateDebugRun, startDebugRun } from './model/debug-run.js';
export { ItemLedger } from './model/item-ledger.js';
export { parseDuration, formatDuration } from './model/duration.js';
export { createDistribution, formatDistribution, parseDistribution } from './model/distribution.js';
export type { Distribution, DistributionKind, DistributionParse, DistributionSpec } from './model/distribution.js';
export { RunStatistics } from './observe/statistics.js';
export type {
  RunSummary,
  DistributionSummary,
  ItemCounts,
  QueueSummary,
  ConsumerSummary,
  ProducerSummary,
  SummaryOptions,
} from './observe/summary.js';
export { renderJsonSummary } from './observe/json-output.js';
