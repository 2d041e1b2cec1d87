import type { DebugMonitor } from '../core/debug-monitor.js';
import { RunAbortedError } from '../core/errors.js';
import { instantPacing, WallClockPacing } from '../core/pacing.js';
import { startScenario, type RunHandle } from '../model/run.js';
import { isClosedPipe, OutputError, watchWriteErrors } from './closed-output.js';
import type { CliIo } from './io.js';
import { parseRunFlags, type RunFlags } from './run-options.js';
import { runOutputs } from './run-outputs.js';
import { handleStopSignals, SIGNAL_EXIT_CODES, type StopSignal } from './signals.js';
import { drainAwareTimers, OutputWriter } from './writer.js';

/**
 * `qsim run`: validates the flags, runs the simulation, writes the log. Returns the exit code:
 * 0, 130/143 after Ctrl-C/SIGTERM, 1 when --debug found something; run failures are thrown.
 */
export async function runCommand(flags: RunFlags, io: CliIo): Promise<number> {
  // The scenario, print and live modules (YAML, zod, terminal measuring) load only for the runs that use them.
  const scenarioFiles = flags.scenario !== undefined ? await import('../scenario/load.js') : undefined;
  const run = parseRunFlags(flags, undefined, scenarioFiles?.loadScenario);
  if (run.printScenario) {
    const { formatScenario } = await import('../scenario/print.js');
    io.stdout.write(formatScenario(run.scenario, run.scenario.seed));
    return 0;
  }
  // A model reports a file it cannot load before anything else, so that error is the only line.
  // Loaded on demand: runs of the built-in pipeline never load the model API.
  if (run.model && run.replications) {
    return (await import('./model-replications-command.js')).runModelReplications(run, run.model, run.replications, io);
  }
  if (run.model) return (await import('./model-command.js')).runModelCommand(run, run.model, io);
  if (run.live) {
    const { liveTerminal, runLive } = await import('./live-command.js');
    const terminal = liveTerminal(io);
    if (run.seedDrawn) io.stderr.write(`qsim: seed ${run.seed} (repeat this run with --seed ${run.seed})\n`);
    return runLive(run, io, terminal);
  }
  if (run.replications) {
    if (run.seedDrawn) io.stderr.write(`qsim: seed ${run.seed} (repeat this run with --seed ${run.seed})\n`);
    const { runReplications } = await import('./replications-command.js');
    return runReplications(run, run.replications, io);
  }

  const instant = run.pacing.kind === 'instant';
  const out = new OutputWriter(io.stdout, instant ? 'batch' : 'line');
  const outputs = await runOutputs(run, out, io);
  const { observers } = outputs;
  const pacing = run.pacing.kind === 'instant' ? instantPacing : new WallClockPacing({ speed: run.pacing.speed });
  // Instant runs wait for a slow reader of stdout instead of buffering without bound.
  const timers = instant ? { timers: drainAwareTimers(out) } : {};
  // The debug modules are loaded only for --debug: a plain run does not even load them.
  const debug = run.debug
    ? await Promise.all([import('../core/debug-monitor.js'), import('../model/debug-run.js'), import('./debug-report.js')])
    : undefined;
  const monitor: DebugMonitor | undefined = debug ? new debug[0].DebugMonitor() : undefined;

  // From here to the start of the run there is no await: the handlers are in place before anything is
  // written, so a signal or a closed pipe always finds the run guarded.
  const started: { run?: RunHandle } = {};
  let signalled: StopSignal | undefined;
  let abortExitCode = 0;
  let outputFailure: OutputError | undefined;
  const abort = (exitCode: number, reason: string): void => {
    abortExitCode = exitCode;
    started.run?.abort(reason);
  };
  const removeSignalHandlers = io.signals
    ? handleStopSignals(io.signals, (signal, count) => {
        if (count > 1) return abort(SIGNAL_EXIT_CODES[signal], `stopped at once by a second ${signal}`);
        signalled = signal;
        // Ctrl-C: someone is watching, and the items finish at the run's pace. SIGTERM: a process manager,
        // which will not wait long, so they finish at once (the same lines; only the clock stops mattering).
        const atOnce = signal === 'SIGTERM' && pacing instanceof WallClockPacing;
        io.stderr.write(
          `qsim: ${signal}: stopping; consumers finish the items they hold${atOnce ? ' at once' : ''} (${signal === 'SIGINT' ? 'Ctrl-C' : 'signal'} again to stop at once)\n`,
        );
        started.run?.interrupt();
        if (atOnce && started.run) pacing.catchUp(pacing.virtualTime());
      })
    : () => {};
  // A closed pipe (the reader has gone) ends the run quietly with 0; any other write error is a failure.
  const stdoutErrors = watchWriteErrors(io.stdout, (error) => {
    out.discard();
    if (isClosedPipe(error)) return abort(0, 'stdout was closed');
    outputFailure = new OutputError('stdout', error);
    abort(1, outputFailure.message);
  });
  if (run.seedDrawn) io.stderr.write(`qsim: seed ${run.seed} (repeat this run with --seed ${run.seed})\n`);
  const options = { pacing, observers, ...timers };
  outputs.started();
  const handle =
    monitor && debug ? debug[1].startDebugRun(run.scenario, run.seed, monitor, options) : startScenario(run.scenario, run.seed, options);
  started.run = handle;

  let failure: unknown;
  try {
    await handle.finished;
    outputs.finished();
  } catch (error) {
    failure = error;
  } finally {
    outputs.stopped();
    removeSignalHandlers();
    stdoutErrors.stop();
  }
  if (failure instanceof RunAbortedError) {
    if (outputFailure) throw outputFailure;
    out.flush();
    return abortExitCode;
  }
  out.flush();
  const found = monitor && debug ? debug[2].reportFindings(monitor, failure !== undefined, io.stderr) : 0;
  if (failure !== undefined) throw failure;
  if (found > 0) return 1;
  return signalled ? SIGNAL_EXIT_CODES[signalled] : 0;
}
