import { Simulation } from '../../src/core/simulation.js';
import { scenarioFromRunConfig, type RunConfig } from '../../src/model/config.js';
import type { Scenario } from '../../src/model/scenario.js';
import { buildPipeline } from '../../src/model/pipeline.js';
import { LiveState } from '../../src/live/live-state.js';
import type { PipelineSnapshot } from '../../src/live/snapshot.js';
import { runConfig } from '../model/run-config.js';

/** The demo's shape in plain numbers: interval and maxDelay in seconds (processing uniform in [0, maxDelay)). */
export interface DemoShape {
  producers: number;
  consumers: string[];
  items: number;
  interval: number;
  maxDelay: number;
  capacity: number;
  seed: number;
}

export const DEMO: DemoShape = {
  producers: 1,
  consumers: ['Fred', 'George'],
  items: 20,
  interval: 0.5,
  maxDelay: 3,
  capacity: Infinity,
  seed: 1,
};

export function configOf(shape: DemoShape): RunConfig {
  const { interval, maxDelay, ...rest } = shape;
  return runConfig({ ...rest, interval: `${interval}s`, delay: `uniform(0,${maxDelay}s)` });
}

export function scenarioOf(shape: DemoShape): Scenario {
  return scenarioFromRunConfig(configOf(shape));
}

/**
 * Runs `shape` in instant mode with a LiveState attached, up to virtual time
 * `time` (stopped there, as if paused) or, without a time, to its end.
 */
export async function stateAt(shape: DemoShape, time?: number): Promise<LiveState> {
  const config = configOf(shape);
  const sim = new Simulation();
  const state = new LiveState();
  const pipeline = buildPipeline(sim, scenarioFromRunConfig(config), config.seed, [state]);
  // Scheduled before the processes run, so it fires before anything else due at `time`.
  if (time !== undefined) sim.schedule(time, () => sim.stop());
  await sim.run();
  if (time === undefined) pipeline.finish();
  return state;
}

export async function snapshotAt(shape: DemoShape, time: number, clock: { speed?: number; paused?: boolean } = {}): Promise<PipelineSnapshot> {
  const state = await stateAt(shape, time);
  return state.snapshot({ time, speed: clock.speed ?? 1, paused: clock.paused ?? false });
}

// eslint-disable-next-line no-control-regex -- stripping SGR escapes is the point
const SGR = /\u001b\[[0-9;]*m/g;
export function stripSgr(text: string): string {
  return text.replace(SGR, '');
}
