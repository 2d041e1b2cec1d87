import { instantPacing, WallClockPacing } from '../core/pacing.js';
import { simulateScenario } from '../model/run.js';
import { formatScenario } from '../scenario/print.js';
import type { CliIo } from './io.js';
import { liveTerminal, runLive } from './live-command.js';
import { parseRunFlags, type RunFlags } from './run-options.js';
import { runOutputs } from './run-outputs.js';
import { drainAwareTimers, OutputWriter } from './writer.js';

/** `qsim run`: validates the flags, runs the simulation, writes the log. Returns the exit code. */
export async function runCommand(flags: RunFlags, io: CliIo): Promise<number> {
  const run = parseRunFlags(flags);
  if (run.printScenario) {
    io.stdout.write(formatScenario(run.scenario, run.scenario.seed));
    return 0;
  }
  // A model reports a file it cannot load before anything else, so that error is the only line.
  // Loaded on demand: runs of the built-in pipeline never load the model API.
  if (run.model) return (await import('./model-command.js')).runModelCommand(run, run.model, io);
  const terminal = run.live ? liveTerminal(io) : undefined;
  if (run.seedDrawn) io.stderr.write(`qsim: seed ${run.seed} (repeat this run with --seed ${run.seed})\n`);

  if (terminal) return runLive(run, io, terminal);

  const instant = run.pacing.kind === 'instant';
  const out = new OutputWriter(io.stdout, instant ? 'batch' : 'line');
  const outputs = await runOutputs(run, out, io);
  const { observers } = outputs;
  const pacing = run.pacing.kind === 'instant' ? instantPacing : new WallClockPacing({ speed: run.pacing.speed });
  outputs.started();
  try {
    // Instant runs wait for a slow reader of stdout instead of buffering without bound.
    const timers = instant ? { timers: drainAwareTimers(out) } : {};
    await simulateScenario(run.scenario, run.seed, { pacing, observers, ...timers });
    outputs.finished();
  } finally {
    outputs.stopped();
    out.flush();
  }
  return 0;
}
