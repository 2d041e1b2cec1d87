import type { RunConfig } from '../model/config.js';
import type { Sim } from './sim.js';

/** A value given with `--set NAME=VALUE`: a number (durations in seconds), true/false, or the text as given. */
export type ModelParameter = number | boolean | string;

/**
 * What a model file's function receives as `opts`: the run's options,
 * validated and defaulted exactly as for `qsim run` (so a model can read
 * `opts.items`, `opts.consumers`, `opts.interval`, …), plus the model's own
 * parameters from `--set NAME=VALUE` in `opts.set`. Pacing (`--speed`,
 * `--instant`) is not among them: a model behaves the same at any pacing.
 */
export interface ModelOptions extends RunConfig {
  /** `--set NAME=VALUE` parameters: `--set batch=10 --set window=250ms` gives `{ batch: 10, window: 0.25 }`. */
  readonly set: Readonly<Record<string, ModelParameter>>;
}

/**
 * The default export of a model file: builds the model on `sim` (queues,
 * processes) and returns; the runner then runs it. It may be async.
 *
 * @example
 * // my-model.ts — qsim run --model my-model.ts --instant --stats --set batch=5
 * import type { Sim, ModelOptions } from 'qsim';
 *
 * export default function model(sim: Sim, opts: ModelOptions): void {
 *   const q = sim.queue<number>({ name: 'jobs' });
 *   sim.process('producer', async (p) => {
 *     for (let i = 0; i < opts.items; i++) {
 *       await q.put(i);
 *       await p.sleep(p.random.sample(opts.interval));
 *     }
 *     q.shutdown();
 *   }, { log: false });
 *   sim.process('batcher', async (p) => {
 *     const size = Number(opts.set.batch ?? 10);
 *     for await (const first of q) {
 *       const batch = [first, ...q.takeNowait(size - 1)];
 *       p.log(`Got batch of ${batch.length}`);
 *       await p.sleep(p.random.uniform(0.5, 1.5));
 *     }
 *   });
 * }
 */
export type ModelFunction = (sim: Sim, opts: ModelOptions) => void | Promise<void>;
