/**
 * Running one simulation of a sweep, behind an interface that hides where it
 * runs: in this thread (sequentialRunner) or on worker threads
 * (thread-runner.ts). A request is plain data, so it crosses to a worker as it
 * is, and its result depends on nothing but the request.
 */
import { instantPacing } from '../core/pacing.js';
import { simulateScenario } from '../model/run.js';
import { RunStatistics } from '../observe/statistics.js';
import pLimit from 'p-limit';
import { RunAborted } from '../parallel/thread-pool.js';
import type { PointSummary } from './metrics.js';
import { simulateModelPoint, type ModelPointData } from './model-point.js';
import { scenarioFromData, type ScenarioData } from './scenario-data.js';

/** What a point simulates, as plain data: a pipeline, or a model file with its options. */
export type PointWork = { readonly scenario: ScenarioData } | { readonly model: ModelPointData };

export type RunRequest = PointWork & { readonly seed: number };

export interface PointRunner {
  /**
   * Simulates `request` in virtual time and returns its summary. Runs queue
   * up behind the runner's limit and start in the order they were asked for.
   * When `signal` aborts, a run not yet started never starts and one in
   * progress stops; both reject with RunAborted.
   */
  run(request: RunRequest, signal?: AbortSignal): Promise<PointSummary>;
  /** Releases what the runner holds (threads); runs still going are stopped. */
  close(): Promise<void>;
}

/** Simulates one request in this thread, instantly, with the statistics observer and nothing else. */
export async function simulateRequest(request: RunRequest, signal?: AbortSignal): Promise<PointSummary> {
  if (signal?.aborted) throw new RunAborted();
  if ('model' in request) {
    const summary = await simulateModelPoint(request.model, request.seed, signal);
    if (signal?.aborted) throw new RunAborted();
    return summary;
  }
  const scenario = scenarioFromData(request.scenario);
  const statistics = new RunStatistics();
  await simulateScenario(scenario, request.seed, { pacing: instantPacing, observers: [statistics], ...(signal ? { signal } : {}) });
  if (signal?.aborted) throw new RunAborted();
  return statistics.summary();
}

/** Runs one request at a time in this thread. */
export function sequentialRunner(): PointRunner {
  const limit = pLimit(1);
  return {
    run: (request, signal) => limit(() => simulateRequest(request, signal)),
    // Queued runs see an aborted signal when they start and reject at once; nothing else is held.
    close: async () => {},
  };
}
