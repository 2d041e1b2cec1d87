/**
 * A sweep's plan: every point of the grid as a validated scenario, with what
 * is known before running it (its offered load and worker slots), and the
 * definition that every shard of the sweep shares. The definition's
 * fingerprint hashes everything that decides the results (qsim's version, the
 * seed, replications, the axes, the SLOs and every point's canonical
 * scenario), so `qsim merge` can tell shards of one sweep from others.
 */
import { createHash } from 'node:crypto';
import type { Scenario } from '../model/scenario.js';
import type { Axis } from './grid.js';
import { offeredLoad, slots } from './offered-load.js';
import { scenarioData, type ScenarioData } from './scenario-data.js';
import type { Slo } from './slo.js';

export interface PlannedPoint {
  readonly index: number;
  /** One value per axis, as written on the command line. */
  readonly values: readonly string[];
  /** The point's pipeline as plain data: what a run request carries. */
  readonly scenario: ScenarioData;
  readonly rho: number | null;
  readonly slots: number;
}

/** What identifies a sweep; printed with its results, and checked by `qsim merge`. */
export interface SweepDefinition {
  readonly fingerprint: string;
  readonly qsim: string;
  readonly seed: number;
  readonly replications: number;
  readonly vary: readonly Axis[];
  readonly slo: readonly string[];
  readonly points: number;
}

export interface SweepPlan {
  readonly definition: SweepDefinition;
  readonly slos: readonly Slo[];
  readonly points: readonly PlannedPoint[];
}

export interface PlanInput {
  readonly version: string;
  readonly seed: number;
  readonly replications: number;
  readonly axes: readonly Axis[];
  readonly slos: readonly Slo[];
  /** The scenario of each point, in grid order. */
  readonly scenarios: readonly Scenario[];
  readonly values: readonly (readonly string[])[];
}

export function planSweep(input: PlanInput): SweepPlan {
  const points = input.scenarios.map((scenario, index): PlannedPoint => ({
    index,
    values: input.values[index] ?? [],
    scenario: scenarioData(scenario),
    rho: offeredLoad(scenario).bottleneck,
    slots: slots(scenario),
  }));
  const hash = createHash('sha256');
  hash.update(JSON.stringify([input.version, input.seed, input.replications, input.axes, input.slos.map((slo) => slo.text)]));
  for (const point of points) hash.update(`\u0000${JSON.stringify(point.scenario)}`);
  return {
    definition: {
      fingerprint: hash.digest('hex').slice(0, 16),
      qsim: input.version,
      seed: input.seed,
      replications: input.replications,
      vary: input.axes.map((axis) => ({ name: axis.name, values: [...axis.values] })),
      slo: input.slos.map((slo) => slo.text),
      points: points.length,
    },
    slos: input.slos,
    points,
  };
}
