import { Simulation } from '../../src/core/simulation.js';
import type { RunConfig } from '../../src/model/config.js';
import { buildSingleStage } from '../../src/model/single-stage.js';
import { LiveState } from '../../src/live/live-state.js';
import type { LiveSnapshot } from '../../src/live/snapshot.js';

export const DEMO: RunConfig = {
  producers: 1,
  consumers: ['Fred', 'George'],
  items: 20,
  interval: 0.5,
  maxDelay: 3,
  capacity: Infinity,
  seed: 1,
};

/**
 * Runs `config` in instant mode with a LiveState attached, up to virtual time
 * `time` (stopped there, as if paused) or, without a time, to its end.
 */
export async function stateAt(config: RunConfig, time?: number): Promise<LiveState> {
  const sim = new Simulation();
  const state = new LiveState();
  const stage = buildSingleStage(sim, config, [state]);
  // Scheduled before the processes run, so it fires before anything else due at `time`.
  if (time !== undefined) sim.schedule(time, () => sim.stop());
  await sim.run();
  if (time === undefined) stage.finish();
  return state;
}

export async function snapshotAt(config: RunConfig, time: number, clock: { speed?: number; paused?: boolean } = {}): Promise<LiveSnapshot> {
  const state = await stateAt(config, time);
  return state.snapshot({ time, speed: clock.speed ?? 1, paused: clock.paused ?? false });
}

// eslint-disable-next-line no-control-regex -- stripping SGR escapes is the point
const SGR = /\u001b\[[0-9;]*m/g;
export function stripSgr(text: string): string {
  return text.replace(SGR, '');
}
