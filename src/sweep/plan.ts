/**
 * A sweep's plan: every point of the grid as a validated scenario, with what
 * is known before running it (its offered load and worker slots), and the
 * definition that every shard of the sweep shares. The definition's
 * fingerprint hashes everything that decides the results (qsim's version, the
 * seed, replications, the axes, the SLOs and every point's canonical
 * scenario, or for a model its file as given, the file's contents and every
 * point's options), so `qsim merge` can tell shards of one sweep from others.
 */
import { createHash } from 'node:crypto';
import type { Scenario } from '../model/scenario.js';
import type { Axis } from './grid.js';
import type { ModelPointData } from './model-point.js';
import { offeredLoad, slots } from './offered-load.js';
import type { PointWork } from './point-runner.js';
import { scenarioData } from './scenario-data.js';
import type { Slo } from './slo.js';

export interface PlannedPoint {
  readonly index: number;
  /** One value per axis, as written on the command line. */
  readonly values: readonly string[];
  /** The point's pipeline or model as plain data: what a run request carries. */
  readonly work: PointWork;
  /** Offered load at the bottleneck; null when undefined, and for a model (qsim cannot know its load). */
  readonly rho: number | null;
  /** Worker slots; null for a model. */
  readonly slots: number | null;
  /** A stage with ρ ≥ 1 keeps every item (offered-load.ts): never recommended. False for a model. */
  readonly overloaded: boolean;
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
  /** The model file, as given to --model; absent for a pipeline sweep. */
  readonly model?: string;
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
  /** What each point simulates, in grid order. */
  readonly work: readonly ({ readonly scenario: Scenario } | { readonly model: ModelPointData })[];
  readonly values: readonly (readonly string[])[];
  /** A model sweep: the model file as given, and a digest of its contents. */
  readonly model?: { readonly file: string; readonly digest: string };
}

export function planSweep(input: PlanInput): SweepPlan {
  const points = input.work.map((work, index): PlannedPoint => {
    const values = input.values[index] ?? [];
    if ('model' in work) return { index, values, work, rho: null, slots: null, overloaded: false };
    const { scenario } = work;
    const load = offeredLoad(scenario);
    return { index, values, work: { scenario: scenarioData(scenario) }, rho: load.bottleneck, slots: slots(scenario), overloaded: load.overloaded };
  });
  const hash = createHash('sha256');
  hash.update(JSON.stringify([input.version, input.seed, input.replications, input.axes, input.slos.map((slo) => slo.text)]));
  if (input.model) hash.update(`\u0000${JSON.stringify(input.model)}`);
  for (const { work } of points) {
    // A model's absolute path differs between machines; its file as given and its contents do not.
    hash.update(`\u0000${JSON.stringify('model' in work ? [work.model.file, work.model.options] : work.scenario)}`);
  }
  return {
    definition: {
      fingerprint: hash.digest('hex').slice(0, 16),
      qsim: input.version,
      seed: input.seed,
      replications: input.replications,
      vary: input.axes.map((axis) => ({ name: axis.name, values: [...axis.values] })),
      slo: input.slos.map((slo) => slo.text),
      points: points.length,
      ...(input.model ? { model: input.model.file } : {}),
    },
    slos: input.slos,
    points,
  };
}
