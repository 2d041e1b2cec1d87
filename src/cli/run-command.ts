import { instantPacing, WallClockPacing } from '../core/pacing.js';
import type { RunObserver } from '../model/events.js';
import { simulateRun } from '../model/run.js';
import { FinalLineLog, TextLog } from '../observe/text-log.js';
import { chalkPalette, colourEnabled } from './color.js';
import type { CliIo } from './io.js';
import { liveTerminal, runLive } from './live-command.js';
import { parseRunFlags, type RunFlags } from './run-options.js';
import { OutputWriter } from './writer.js';

/** `qsim run`: validates the flags, runs the simulation, writes the log. Returns the exit code. */
export async function runCommand(flags: RunFlags, io: CliIo): Promise<number> {
  const run = parseRunFlags(flags);
  const { config } = run;
  const terminal = run.live ? liveTerminal(io) : undefined;
  if (run.seedDrawn) io.stderr.write(`qsim: seed ${config.seed} (repeat this run with --seed ${config.seed})\n`);

  if (terminal) return runLive(run, io, terminal);

  const instant = run.pacing.kind === 'instant';
  const out = new OutputWriter(io.stdout, instant ? 'batch' : 'line');
  const colour = colourEnabled(run.color, io.env, io.stdout.isTTY === true);
  const observers: RunObserver[] = [
    run.quiet ? new FinalLineLog(out) : new TextLog(out, colour ? { palette: chalkPalette() } : {}),
  ];
  const pacing = run.pacing.kind === 'instant' ? instantPacing : new WallClockPacing({ speed: run.pacing.speed });
  try {
    await simulateRun(config, { pacing, observers });
  } finally {
    out.flush();
  }
  return 0;
}
