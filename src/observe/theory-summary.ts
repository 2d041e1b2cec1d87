/**
 * Completes a measured summary with what queueing theory predicts for the
 * scenario (src/theory/predict.ts) and the bottleneck stage, each prediction
 * beside the simulated figure it predicts.
 */
import type { Scenario } from '../model/scenario.js';
import { predict, type Prediction, type StagePrediction } from '../theory/predict.js';
import type { BottleneckSummary, MeasuredSummary, RunSummary, StageTheory, TheoryComparison, TheorySummary } from './summary.js';

/** A finite number, else null (JSON has no Infinity). */
function finite(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}

export function compare(predicted: number | undefined, simulated: number | null): TheoryComparison {
  const p = finite(predicted);
  return {
    predicted: p,
    simulated,
    relativeDifference: p !== null && p !== 0 && simulated !== null ? (simulated - p) / p : null,
  };
}

function stageTheory(stage: StagePrediction, measured: MeasuredSummary, k: number): StageTheory {
  const simulated = measured.stages[k];
  const arrived = k === 0 ? measured.items.produced : 0;
  const dropShare = stage.dropProbability !== undefined && arrived > 0 ? (simulated?.dropped ?? 0) / arrived : null;
  return {
    name: stage.name,
    model: stage.model,
    method: stage.method ?? null,
    exact: stage.exact,
    note: stage.note,
    arrivalRatePerSecond: finite(stage.arrivalRate),
    servers: stage.servers,
    serviceRatePerSecond: finite(stage.serviceRate),
    offeredLoad: finite(stage.offeredLoad),
    overloaded: stage.overloaded,
    backlogGrowthPerSecond: finite(stage.backlogGrowth),
    meanWaitSeconds: compare(stage.meanWait, simulated?.waitSeconds.mean ?? null),
    meanQueueSize: compare(stage.meanQueueSize, simulated?.queue.meanSize ?? null),
    utilization: compare(stage.utilization, simulated?.utilization ?? null),
    dropProbability: compare(stage.dropProbability, dropShare),
  };
}

export function theorySummary(prediction: Prediction, measured: MeasuredSummary): TheorySummary {
  const bottleneck = prediction.stages[prediction.bottleneck];
  return {
    model: prediction.model,
    method: prediction.method ?? null,
    exact: prediction.exact,
    note: prediction.note,
    arrivalRatePerSecond: finite(prediction.arrivalRate),
    offeredLoad: finite(bottleneck?.offeredLoad),
    overloaded: prediction.stages.some((stage) => stage.overloaded),
    backlogGrowthPerSecond: finite(bottleneck?.backlogGrowth),
    meanWaitSeconds: compare(prediction.meanWait, measured.waitSeconds.mean),
    meanQueueSize: compare(prediction.meanQueueSize, measured.queue.meanSize),
    meanSystemSeconds: compare(prediction.meanSystem, measured.systemSeconds.mean),
    stages: prediction.stages.map((stage, k) => stageTheory(stage, measured, k)),
  };
}

export function bottleneckSummary(prediction: Prediction, measured: MeasuredSummary): BottleneckSummary {
  const index = prediction.bottleneck;
  const stage = prediction.stages[index];
  return {
    stage: stage?.name ?? '',
    index,
    offeredLoad: finite(stage?.offeredLoad),
    overloaded: stage?.overloaded ?? false,
    utilization: measured.stages[index]?.utilization ?? null,
  };
}

/** `measured` with its bottleneck and theory; `prediction` defaults to predict(scenario). */
export function withTheory(measured: MeasuredSummary, scenario: Scenario, prediction: Prediction = predict(scenario)): RunSummary {
  const { options, ...figures } = measured;
  return {
    ...figures,
    bottleneck: bottleneckSummary(prediction, measured),
    theory: theorySummary(prediction, measured),
    options,
  };
}
