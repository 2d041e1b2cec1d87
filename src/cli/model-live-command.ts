/**
 * `qsim run --model FILE --live`: the model's run in the full-screen view —
 * its queues as bars with sparklines, one lane per process, the log's tail —
 * instead of the log. The run is the same as without --live (same seed, same
 * events); when the view closes, the model's final line prints on the main
 * screen, so it stays in the scroll-back.
 *
 * Stopping: the model API has no graceful interrupt (a model's processes are
 * its own code; qsim cannot tell which of them should finish what they hold),
 * so q, Ctrl-C or a signal stops the run where it stands, through the Sim's
 * abort signal: the final line shows the items left in the queues at that
 * moment, a note on stderr says where it stopped, and the exit code is 130
 * (143 for SIGTERM, 129 for SIGHUP).
 */
import { WallClockPacing } from '../core/pacing.js';
import type { ModelFunction, ModelOptions } from '../api/model.js';
import type { SimResult } from '../api/sim.js';
import { ModelLiveState } from '../live/model-live-state.js';
import { finalLine } from '../observe/text-log.js';
import type { RunConfig } from '../model/config.js';
import { catchStrayErrors } from '../runner/model-host.js';
import { buildModel } from '../runner/run-model.js';
import type { CliIo } from './io.js';
import { openLiveView, watchRun, type LiveTerminal } from './live-command.js';
import type { ModelChoice } from './model-options.js';
import type { RunInvocation } from './run-options.js';

/**
 * The sparkline's step: the mean time between two arrivals of the run's
 * options (--interval over --producers), as for the built-in run, so the demo
 * model's view matches `qsim run --live`; 1 s when items arrive all at once.
 */
function historyStep(config: RunConfig): number {
  const step = config.interval.mean / config.producers;
  return step > 0 && Number.isFinite(step) ? step : 1;
}

/** `build` is the loaded model file; `terminal` the one --live draws on. */
export async function runModelLive(run: RunInvocation, model: ModelChoice, build: ModelFunction, io: CliIo, terminal: LiveTerminal): Promise<number> {
  if (run.seedDrawn) io.stderr.write(`qsim: seed ${run.seed} (repeat this run with --seed ${run.seed})\n`);
  const config = run.config as RunConfig;
  const options: ModelOptions = { ...config, seed: run.seed, set: model.set };
  const pacing = new WallClockPacing({ speed: run.pacing.kind === 'wall-clock' ? run.pacing.speed : 1 });
  const state = new ModelLiveState({ title: `model ${model.path}`, historyStep: historyStep(config) });
  // Built before the screen is taken: a model function that throws is reported on the main screen.
  const sim = await buildModel(build, options, { pacing, observers: [state] });

  const stop = new AbortController();
  let exitCode = 0;
  let stoppedBy: string | undefined;
  let viewError: unknown;
  const end = (code: number, reason: string): void => {
    if (stop.signal.aborted) return;
    exitCode = code;
    stoppedBy = reason;
    // The run stops where the view's clock stands; a paused clock would never get there.
    if (pacing.paused) pacing.resume();
    stop.abort();
  };
  const view = openLiveView({ run, io, terminal, state, pacing, end, onError: (error) => (viewError = error) });

  // An error the model's code throws outside any process fails the run, reported once the screen is back.
  const releaseStray = io.stdout === process.stdout ? catchStrayErrors(io.stderr, (error) => stop.abort(error)) : () => {};
  // The run starts first, so the first frame already shows the model's queues and processes.
  let finished: SimResult;
  try {
    finished = await watchRun(view, sim.run({ signal: stop.signal }), stop, () => viewError);
  } finally {
    releaseStray();
  }
  io.stdout.write(finalLine(finished));
  if (stoppedBy !== undefined) {
    const left = finished.finalQueueSize;
    io.stderr.write(`qsim: stopped (${stoppedBy}) at t=${finished.time.toFixed(1)}s where the run stood: ${left} item${left === 1 ? '' : 's'} left in the queues\n`);
  }
  return exitCode;
}
