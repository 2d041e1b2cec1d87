/**
 * qsim's public API.
 * - The model API: `Sim` and its queues, processes, events and random streams,
 *   for simulations written as code (docs/api.md). Its processes wait only
 *   through its primitives; see src/api/sim.ts.
 * - The engine and the built-in pipeline beneath it: processes wait only
 *   through the engine's primitives (Process.sleep, AsyncQueue.get/put/join);
 *   see src/core/simulation.ts.
 */
export { Simulation, ScheduledCallback } from './core/simulation.js';
export type { SimulationOptions, SimulationStatus } from './core/simulation.js';
export { Process } from './core/process.js';
export type { ProcessBody, ProcessState } from './core/process.js';
export { AsyncQueue, CLOSED, QueueEmptyError, QueueFullError } from './core/queue.js';
export type { Closed, FullPolicy, QueueOptions } from './core/queue.js';
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
} from './core/errors.js';
export type { RunConfig } from './model/config.js';
export type { RunObserver, RunStarted, RunFinished, Worker, WorkerRole } from './model/events.js';
export type { Item } from './model/item.js';
export { simulateRun } from './model/run.js';
export type { RunOptions } from './model/run.js';
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

// The model API: simulations written as code (README "Writing a model", docs/api.md).
export { Sim } from './api/sim.js';
export type { SimOptions, SimProcessOptions, SimRunOptions, SimResult, SimProcessBody } from './api/sim.js';
export type { SimProcess, WaitOptions } from './api/sim-process.js';
export { QueueClosedError } from './api/sim-queue.js';
export type { SimQueue, SimQueueOptions } from './api/sim-queue.js';
export type { SimEvent, EventValue } from './api/sim-event.js';
export type { SimRandom } from './api/sim-random.js';
export type { ModelFunction, ModelOptions, ModelParameter } from './api/model.js';
export { combineModelObservers } from './api/model-events.js';
export type {
  ModelObserver,
  ModelStarted,
  ModelFinished,
  QueueInfo,
  QueueKind,
  ProcessInfo,
  WaitState,
} from './api/model-events.js';
export { loadModel, ModelFileError } from './runner/load-model.js';
export { simulateModel, summarizeModel, ModelBuildError } from './runner/run-model.js';
export type { ModelRunOptions } from './runner/run-model.js';
export { ModelStatistics } from './observe/model-statistics.js';
export type { ModelStatisticsOptions } from './observe/model-statistics.js';
export type { ModelSummary, ModelQueueSummary, ModelProcessSummary } from './observe/model-summary.js';
export { ModelTextLog, ModelFinalLineLog } from './observe/model-log.js';
export { ModelNdjsonLog } from './observe/model-ndjson.js';
export { renderModelStatsTable } from './observe/model-stats-table.js';
export type { TextSink, Palette } from './observe/sink.js';
