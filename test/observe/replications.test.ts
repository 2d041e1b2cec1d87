import { scenarioFromRunConfig } from '../../src/model/config.js';
import { mergeReplications } from '../../src/observe/replications.js';
import { studentTQuantile } from '../../src/observe/student-t.js';
import type { RunSummary } from '../../src/observe/summary.js';
import { executeRunRequest, runRequest } from '../../src/parallel/run-request.js';
import { runConfig } from '../model/run-config.js';

const config = runConfig({ consumers: ['A', 'B'], items: 3000, interval: 'exp(600ms)', delay: 'exp(1s)', seed: 11 });
const scenario = scenarioFromRunConfig(config);
let runs: RunSummary[];
let merged: RunSummary;

beforeAll(async () => {
  runs = await Promise.all([11, 12, 13, 14].map((seed) => executeRunRequest(runRequest(scenario, seed, { config }))));
  merged = mergeReplications(runs, scenario);
});

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

describe('mergeReplications', () => {
  test('the seeds, in order, and the confidence level', () => {
    expect(merged.replications?.seeds).toEqual([11, 12, 13, 14]);
    expect(merged.replications?.count).toBe(4);
    expect(merged.replications?.confidenceLevel).toBe(0.95);
    expect(merged.seed).toBe(11);
  });

  test('each statistic: its values are the replications\', its mean their mean, inside mean ± t·s/√n', () => {
    const stat = merged.replications?.meanWait;
    const values = runs.map((r) => r.waitSeconds.mean as number);
    expect(stat?.values).toEqual(values);
    const m = mean(values);
    expect(stat?.mean).toBeCloseTo(m, 12);
    const s = Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / 3);
    expect(stat?.halfWidth).toBeCloseTo((studentTQuantile(0.975, 3) * s) / 2, 12);
    expect(stat?.low).toBeLessThanOrEqual(m);
    expect(stat?.high).toBeGreaterThanOrEqual(m);
    expect(stat?.low).toBeCloseTo(m - (stat?.halfWidth as number), 12);
  });

  test('every key statistic is there, with its path and the theory it is compared with', () => {
    const r = merged.replications;
    expect(r?.p95Wait.values).toEqual(runs.map((run) => run.waitSeconds.p95));
    expect(r?.meanSystem.values).toEqual(runs.map((run) => run.systemSeconds.mean));
    expect(r?.throughput.values).toEqual(runs.map((run) => run.throughputPerSecond));
    expect(r?.meanQueueSize.values).toEqual(runs.map((run) => run.queue.meanSize));
    expect(r?.utilization.path).toBe('stages[0].utilization');
    expect(r?.utilization.values).toEqual(runs.map((run) => run.stages[0]?.utilization));
    expect(r?.meanWait.predicted).toBe(merged.theory.meanWaitSeconds.predicted);
    expect(r?.meanWait.predicted).not.toBeNull();
    expect(r?.p95Wait.predicted).toBeNull();
    const inside = (r?.meanWait.predicted as number) >= (r?.meanWait.low as number) && (r?.meanWait.predicted as number) <= (r?.meanWait.high as number);
    expect(r?.meanWait.predictedInside).toBe(inside);
  });

  test('the merged figures: counts are totals, maxima the largest, the rest means', () => {
    expect(merged.items.produced).toBe(4 * 3000);
    expect(merged.items.consumed).toBe(runs.reduce((sum, r) => sum + r.items.consumed, 0));
    expect(merged.waitSeconds.count).toBe(runs.reduce((sum, r) => sum + r.waitSeconds.count, 0));
    expect(merged.waitSeconds.max).toBe(Math.max(...runs.map((r) => r.waitSeconds.max as number)));
    expect(merged.queue.maxSize).toBe(Math.max(...runs.map((r) => r.queue.maxSize)));
    expect(merged.waitSeconds.mean).toBeCloseTo(mean(runs.map((r) => r.waitSeconds.mean as number)), 12);
    expect(merged.consumers[1]?.processed).toBe(runs.reduce((sum, r) => sum + (r.consumers[1]?.processed ?? 0), 0));
    expect(merged.consumers[1]?.utilization).toBeCloseTo(mean(runs.map((r) => r.consumers[1]?.utilization as number)), 12);
    expect(merged.simulatedSeconds).toBeCloseTo(mean(runs.map((r) => r.simulatedSeconds)), 9);
  });

  test('the theory is compared with the merged figures', () => {
    expect(merged.theory.meanWaitSeconds.simulated).toBe(merged.waitSeconds.mean);
    expect(merged.theory.model).toBe('M/M/2');
  });
});
