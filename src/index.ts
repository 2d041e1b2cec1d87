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
export { STEP } from './core/process.js';
export type { ProcessBody, ProcessGenerator, ProcessState, Step, Waitable } from './core/process.js';
export { AsyncQueue, CLOSED, QueueEmptyError, QueueFullError, YIELD } from './core/queue.js';
export type { Closed, FullPolicy, QueueOptions, ShutdownOptions, Yield } from './core/queue.js';
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
export type { ItemRef } from './model/item-store.js';
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
  TheorySummary,
  StageTheory,
  TheoryComparison,
  BottleneckSummary,
  ReplicationsSummary,
  ReplicatedStatistic,
} from './observe/summary.js';
export { renderJsonSummary } from './observe/json-output.js';
export { mergeReplications } from './observe/replications.js';
export { predict } from './theory/predict.js';
export type { Prediction, StagePrediction, TheoryMethod } from './theory/predict.js';
export { erlangB, erlangC, mmc, mmck } from './theory/erlang.js';
export { mg1, gm1, gm1Sigma } from './theory/single-server.js';
export { allenCunneen } from './theory/approximations.js';
export { RunPool, runAll, RunFailedError } from './parallel/pool.js';
export type { RunPoolOptions } from './parallel/pool.js';
export { runRequest, executeRunRequest } from './parallel/run-request.js';
export type { RunRequest, RunRequestOptions } from './parallel/run-request.js';

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
export { simulateModel, summarizeModel, ModelBuildError, ModelRefusedError } from './runner/run-model.js';
export type { ModelRunOptions } from './runner/run-model.js';
export { ModelStatistics } from './observe/model-statistics.js';
export type { ModelStatisticsOptions } from './observe/model-statistics.js';
export type { ModelSummary, ModelQueueSummary, ModelProcessSummary } from './observe/model-summary.js';
export { ModelTextLog, ModelFinalLineLog } from './observe/model-log.js';
export { ModelNdjsonLog } from './observe/model-ndjson.js';
export { renderModelStatsTable } from './observe/model-stats-table.js';
export type { TextSink, Palette } from './observe/sink.js';
