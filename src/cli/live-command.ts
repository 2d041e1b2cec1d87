import { WallClockPacing } from '../core/pacing.js';
import type { RunFinished } from '../model/events.js';
import { startScenario, type RunHandle } from '../model/run.js';
import { plainStyle } from '../live/frame.js';
import { LiveState } from '../live/live-state.js';
import type { LiveSource } from '../live/snapshot.js';
import { LiveView } from '../live/live-view.js';
import { TerminalSession, type TerminalInput, type TerminalOutput, type TerminalSignal } from '../live/terminal.js';
import { scenarioNames } from '../model/names.js';
import { prepareDisplayWidths } from '../observe/display-width.js';
import { finalLine } from '../observe/text-log.js';
import { chalkFrameStyle } from './chalk-styles.js';
import { colourEnabled } from './color.js';
import type { CliIo } from './io.js';
import type { RunInvocation } from './run-options.js';
import { UsageError } from './usage-error.js';

export interface LiveTerminal {
  readonly input: TerminalInput;
  readonly output: TerminalOutput;
}

function isTerminalInput(stream: Partial<TerminalInput> | undefined): stream is TerminalInput {
  return stream?.isTTY === true && typeof stream.setRawMode === 'function';
}

function isTerminalOutput(stream: unknown): stream is TerminalOutput {
  const candidate = stream as Partial<TerminalOutput> | undefined;
  return candidate?.isTTY === true && typeof candidate.on === 'function' && typeof candidate.off === 'function';
}

/** The terminal --live draws on, or a UsageError (exit 2) saying which side is not a terminal, or that it is a dumb one. */
export function liveTerminal(io: CliIo): LiveTerminal {
  const input = io.stdin;
  const output: unknown = io.stdout;
  const missing = [isTerminalInput(input) ? '' : 'stdin', isTerminalOutput(output) ? '' : 'stdout'].filter((s) => s !== '');
  if (missing.length > 0 || !isTerminalInput(input) || !isTerminalOutput(output)) {
    throw new UsageError(
      `--live needs stdin and stdout to be a terminal, but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not; drop --live to print the log instead`,
    );
  }
  // A dumb terminal (TERM=dumb: an editor's shell buffer, some CI logs) shows escape sequences as text.
  if (io.env['TERM'] === 'dumb') {
    throw new UsageError('--live needs a terminal that can move its cursor, but TERM=dumb says this one cannot; drop --live to print the log instead');
  }
  return { input, output };
}

/** Exit codes for a run ended by a signal: 128 + its number, as shells report. */
export const SIGNAL_EXIT: Record<TerminalSignal, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

/**
 * `qsim run --live`: the same run as without --live (same seed, same events),
 * shown in the full-screen view instead of the log. When the view closes, the
 * final line prints on the main screen, so it stays in the scroll-back.
 * q or Ctrl-C stops the run where it stands (exit 130).
 */
/**
 * The full-screen view over `state`, wired to the keys and signals: q and Ctrl-C call
 * `end(130, 'q')` and `end(130, 'Ctrl-C')`, a signal `end(its exit code, its name)`, a failure of the view itself
 * `end(1, 'error')` after handing it to `onError`.
 */
export function openLiveView(options: {
  run: RunInvocation;
  io: CliIo;
  terminal: LiveTerminal;
  state: LiveSource;
  pacing: WallClockPacing;
  end: (code: number, reason: string) => void;
  onError: (error: unknown) => void;
}): LiveView {
  const { run, io, terminal, state, pacing, end, onError } = options;
  return new LiveView({
    state,
    pacing,
    session: new TerminalSession(terminal.input, terminal.output, process),
    style: colourEnabled(run.color, io.env, true) ? chalkFrameStyle() : plainStyle,
    onQuit: (key) => end(130, key),
    onSignal: (signal) => end(SIGNAL_EXIT[signal], signal),
    onError: (error) => {
      onError(error);
      end(1, 'error');
    },
  });
}

/**
 * Shows `view` while `running` goes on and closes it however the run ends (the
 * terminal is given back before anything else is printed). A failure of the view
 * itself wins over the run's outcome.
 */
export async function watchRun<T>(view: LiveView, running: Promise<T>, stop: AbortController, viewError: () => unknown): Promise<T> {
  let finished: T;
  try {
    view.open();
    finished = await running;
  } catch (error) {
    stop.abort();
    await running.catch(() => {}); // the run's own failure, if any, is less telling than this one
    throw error;
  } finally {
    view.close();
  }
  const failure = viewError();
  if (failure !== undefined) throw failure;
  return finished;
}

/**
 * The note on stderr after a stop: when it was asked for (the first key or signal) and, when the run went
 * on after it (workers finishing what they held), when it ended, as the final frame shows.
 */
export function stoppedLine(stopped: { readonly reason: string; readonly at: number }, finished: RunFinished, total: number): string {
  const [at, end] = [stopped.at.toFixed(1), finished.time.toFixed(1)];
  const when = end === at ? `at t=${at}s` : `at t=${at}s and ended at t=${end}s`;
  return `qsim: stopped (${stopped.reason}) ${when}: ${finished.produced}${total === Infinity ? '' : ` of ${total}`} items produced, ${finished.consumed} consumed\n`;
}

export async function runLive(run: RunInvocation, io: CliIo, terminal: LiveTerminal): Promise<number> {
  const pacing = new WallClockPacing({ speed: run.pacing.kind === 'wall-clock' ? run.pacing.speed : 1 });
  await prepareDisplayWidths(scenarioNames(run.scenario)); // the log's tags line up names by terminal columns
  const state = new LiveState();
  const stop = new AbortController();
  let exitCode = 0;
  let stoppedBy: { readonly reason: string; readonly at: number } | undefined;
  let viewError: unknown;
  const started: { handle?: RunHandle } = {};
  // The first q or Ctrl-C stops the run as Ctrl-C does without --live: producers stop, workers finish
  // what they hold (at the run's pace, shown in the view; after SIGTERM at once), then it ends. A second
  // one, or an error, stops it at once.
  const end = (code: number, reason: string): void => {
    if (stop.signal.aborted) return;
    exitCode = code;
    // Either stop happens where the view's clock stands; a paused clock would never get there.
    if (pacing.paused) pacing.resume();
    if (stoppedBy === undefined && reason !== 'error' && started.handle) {
      stoppedBy = { reason, at: pacing.virtualTime() };
      started.handle.interrupt();
      // A SIGTERM comes from a process manager, which will not wait long: the items in hand finish at once.
      if (reason === 'SIGTERM') pacing.catchUp(stoppedBy.at);
    } else {
      stoppedBy ??= { reason, at: pacing.virtualTime() };
      stop.abort();
    }
  };

  const view = openLiveView({ run, io, terminal, state, pacing, end, onError: (error) => (viewError = error) });

  // The run starts first, so the first frame already shows its scenario (runStarted has been seen).
  started.handle = startScenario(run.scenario, run.seed, { pacing, observers: [state], signal: stop.signal });
  const finished = await watchRun(view, started.handle.finished, stop, () => viewError);
  io.stdout.write(finalLine(finished));
  if (stoppedBy !== undefined) io.stderr.write(stoppedLine(stoppedBy, finished, run.scenario.sources.reduce((n, s) => n + s.items, 0)));
  return exitCode;
}
